import { requestStore } from '../adapters/dynamo-request-store.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { systemClock } from '../adapters/env.js';
import { notifier } from '../adapters/notifications/index.js';
import { uploadStore } from '../adapters/s3-uploads.js';
import { workflow } from '../adapters/sfn-workflow.js';

/** What the routes that change a request use: the record, its service, its files, the workflow, and who to tell. */
export const requestChangeDeps = () => ({
  requests: requestStore(),
  catalog: catalog(),
  uploads: uploadStore(),
  workflow: workflow(),
  notifier: notifier(),
  clock: systemClock,
});
