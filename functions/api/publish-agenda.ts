import { publishHandler } from './website-handlers.js';
import { publishAgenda } from './website-routes.js';

export const handler = publishHandler(publishAgenda, 'agenda');
