import { emblemStore } from '../adapters/s3-emblems.js';
import { setRegencyEmblem } from '../core/documents/emblem.js';
import { apiHandler } from './http.js';
import { putRegencyEmblem } from './tenant-routes.js';

/** PUT /v1/regencies/{regencyCode}/emblem: the body is the image itself (see setRegencyEmblem). */
export const handler = apiHandler(putRegencyEmblem, async ({ actor, params, rawBody }) => ({
  status: 200,
  body: await setRegencyEmblem({ emblems: emblemStore() }, actor, params.regencyCode, rawBody),
}));
