import { draftHandler } from './website-handlers.js';
import { draftAgenda } from './website-routes.js';

export const handler = draftHandler(draftAgenda, 'agenda');
