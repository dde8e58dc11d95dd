import { publishHandler } from './website-publish.js';
import { publishNews } from './website-routes.js';

export const handler = publishHandler(publishNews, 'news');
