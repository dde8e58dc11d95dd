import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PhotoFiles, PhotoTicket } from '../core/market/product-photos.js';
import { once } from './clients.js';
import { requiredEnv } from './env.js';
import { s3 } from './s3-client.js';
import { S3UploadStore } from './s3-uploads.js';

/** Processed product photos, market-photos/… in the private documents bucket, served by the API route only. */
export class S3PhotoFiles implements PhotoFiles {
  constructor(private readonly bucket: string) {}

  async put(key: string, jpeg: Uint8Array): Promise<void> {
    await s3().send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: jpeg, ContentType: 'image/jpeg' }),
    );
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      const object = await s3().send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return (await object.Body?.transformToByteArray()) ?? undefined;
    } catch (error) {
      if ((error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  link(key: string, expiresInSeconds: number): Promise<string> {
    return getSignedUrl(s3(), new GetObjectCommand({ Bucket: this.bucket, Key: key }), {
      expiresIn: expiresInSeconds,
    });
  }

  async delete(key: string): Promise<void> {
    await s3().send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}

export const photoFiles = once(() => new S3PhotoFiles(requiredEnv('DOCUMENTS_BUCKET')));
/** The sellers' uploads wait under uploads/market/ (the uploads lifecycle rule expires forgotten ones). */
export const photoUploads = once(() => new S3UploadStore<PhotoTicket>(requiredEnv('DOCUMENTS_BUCKET')));
