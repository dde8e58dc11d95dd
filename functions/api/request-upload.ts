import { catalog } from '../adapters/dynamo-village-services.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { systemClock } from '../adapters/env.js';
import { uploadStore } from '../adapters/s3-uploads.js';
import { requestUpload as presign } from '../core/requests/attachments.js';
import { apiHandler } from './http.js';
import { requestUpload } from './routes.js';

export const handler = apiHandler(requestUpload, async ({ actor, body }) => ({
  status: 201,
  body: await presign(
    { uploads: uploadStore(), clock: systemClock, catalog: catalog(), villages: villageDirectory() },
    actor,
    body,
  ),
}));
