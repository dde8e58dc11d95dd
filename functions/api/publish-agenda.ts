import { publishHandler } from './website-publish.js';
import { publishAgenda } from './website-routes.js';

export const handler = publishHandler(publishAgenda, 'agenda');
