import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { DocumentStore } from '../core/ports.js';
import { cachedClient, once } from './clients.js';
import { requiredEnv } from './env.js';

export const s3 = cachedClient(
  'AWS_ENDPOINT_URL_S3',
  // s3rver (local) serves path-style URLs only
  () => new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' }),
);

export const documentStore = once(() => new S3DocumentStore(requiredEnv('DOCUMENTS_BUCKET')));

/** Issued PDFs in the private documents bucket, handed out only through short-lived presigned links. */
export class S3DocumentStore implements DocumentStore {
  constructor(private readonly bucket: string) {}

  async put(key: string, body: Uint8Array, sha256: string): Promise<void> {
    await s3().send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: 'application/pdf',
        Metadata: { sha256 },
      }),
    );
  }

  async exists(key: string): Promise<boolean> {
    try {
      await s3().send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if ((error as Error).name === 'NotFound') return false;
      throw error;
    }
  }

  downloadUrl(
    key: string,
    fileName: string,
    expiresInSeconds: number,
    contentType = 'application/pdf',
  ): Promise<string> {
    return getSignedUrl(
      s3(),
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: `attachment; filename="${fileName}"`,
        ResponseContentType: contentType,
      }),
      { expiresIn: expiresInSeconds },
    );
  }
}
