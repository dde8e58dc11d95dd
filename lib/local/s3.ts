import { mkdir } from 'node:fs/promises';
import S3rver from 's3rver';

/**
 * s3rver: the S3 REST API on local disk. It checks request signatures against its own credentials
 * (S3RVER / S3RVER), so the local runtime hands exactly those to the SDK, and presigned links work.
 */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

const CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>3600</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/**
 * `bucket` is the documents bucket (CORS for the browser's presigned uploads); `otherBuckets` are created
 * plain (the village sites bucket, read only by the gateway here as by CloudFront in AWS).
 */
export async function startS3(
  dir: string,
  port: number,
  bucket: string,
  otherBuckets: readonly string[] = [],
): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  await mkdir(dir, { recursive: true });
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    directory: dir,
    silent: true,
    // As the documents bucket in AWS (lib/constructs/data.ts): the web front end POSTs attachments to it.
    configureBuckets: [
      { name: bucket, configs: [CORS] },
      ...otherBuckets.map((name) => ({ name, configs: [] })),
    ],
  });
  await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}
