import { publishHandler } from './website-handlers.js';
import { publishNews } from './website-routes.js';

export const handler = publishHandler(publishNews, 'news');
