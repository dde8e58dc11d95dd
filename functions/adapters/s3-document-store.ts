import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ATTACHMENT_CONTENT_TYPES } from '../core/requests/requests.js';
import type { DocumentStore } from '../core/shared/ports.js';
import { once } from './clients.js';
import { requiredEnv } from './env.js';
import { s3 } from './s3-client.js';

/** What a download may be served as: the accepted attachment types (letters are PDFs). */
const SERVED_TYPES: ReadonlySet<string> = new Set(ATTACHMENT_CONTENT_TYPES);

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

  /**
   * A short-lived link that downloads (never displays) the file: the disposition is `attachment` with an
   * ASCII name reduced to letters, digits, dot and dash, and the type is one of the accepted ones. (S3 cannot
   * add nosniff or a CSP to a presigned GET; the link's origin is the bucket's, never the app's.)
   */
  downloadUrl(
    key: string,
    fileName: string,
    expiresInSeconds: number,
    contentType = 'application/pdf',
  ): Promise<string> {
    const safeName = fileName.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^[.-]+/, '') || 'berkas';
    return getSignedUrl(
      s3(),
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: `attachment; filename="${safeName}"`,
        ResponseContentType: SERVED_TYPES.has(contentType) ? contentType : 'application/octet-stream',
      }),
      { expiresIn: expiresInSeconds },
    );
  }
}
