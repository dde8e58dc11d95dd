import { draftHandler } from './website-handlers.js';
import { draftNews } from './website-routes.js';

export const handler = draftHandler(draftNews, 'news');
