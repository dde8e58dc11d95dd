import { S3Client } from '@aws-sdk/client-s3';
import { cachedClient } from './clients.js';

/**
 * The S3 client every bucket adapter shares; its own module, so a bundle that writes site files or emblems
 * does not carry the documents store (and the bucket variable it requires) with it.
 */
export const s3 = cachedClient(
  'AWS_ENDPOINT_URL_S3',
  // s3rver (local) serves path-style URLs only
  () => new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' }),
);
