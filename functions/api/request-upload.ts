import { catalog } from '../adapters/dynamo-village-services.js';
import { systemClock } from '../adapters/env.js';
import { uploadStore } from '../adapters/s3-uploads.js';
import { requestUpload as presign } from '../core/attachments.js';
import { apiHandler } from './http.js';
import { requestUpload } from './routes.js';

export const handler = apiHandler(requestUpload, async ({ actor, body }) => {
  const service = await catalog().get(body.villageCode ?? '', body.serviceCode);
  return {
    status: 201,
    body: await presign({ uploads: uploadStore(), clock: systemClock }, actor, service, body),
  };
});
