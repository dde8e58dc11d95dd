import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { UploadStore } from '../core/attachments.js';
import type { AttachmentContentType } from '../core/requests.js';
import { once } from './clients.js';
import { requiredEnv } from './env.js';
import { s3 } from './s3-document-store.js';

const SNIFF_BYTES = 16;

/**
 * Browser uploads straight to the documents bucket through presigned POSTs whose policy pins the content
 * type and the size range; files wait under uploads/ (expired by a lifecycle rule when never attached).
 */
export class S3UploadStore implements UploadStore {
  constructor(private readonly bucket: string) {}

  presignUpload(key: string, contentType: AttachmentContentType, maxBytes: number, expiresInSeconds: number) {
    return createPresignedPost(s3(), {
      Bucket: this.bucket,
      Key: key,
      Conditions: [
        ['content-length-range', 1, maxBytes],
        ['eq', '$Content-Type', contentType],
      ],
      Fields: { 'Content-Type': contentType },
      Expires: expiresInSeconds,
    });
  }

  async inspect(key: string) {
    try {
      const head = await s3().send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      const object = await s3().send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${SNIFF_BYTES - 1}` }),
      );
      const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
      return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? '', head: bytes };
    } catch (error) {
      if ((error as Error).name === 'NotFound' || (error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async promote(fromKey: string, toKey: string) {
    await s3().send(
      new CopyObjectCommand({ Bucket: this.bucket, Key: toKey, CopySource: `${this.bucket}/${fromKey}` }),
    );
    await this.discard(fromKey);
  }

  async discard(key: string) {
    await s3().send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}

export const uploadStore = once(() => new S3UploadStore(requiredEnv('DOCUMENTS_BUCKET')));
