import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { EmblemStore, EmblemType } from '../core/documents/emblem.js';
import { once } from './clients.js';
import { requiredEnv } from './env.js';
import { s3 } from './s3-client.js';

/** One emblem per regency, emblems/<regency code> in the private documents bucket (never served from there). */
export class S3EmblemStore implements EmblemStore {
  constructor(private readonly bucket: string) {}

  private key(regencyCode: string): string {
    return `emblems/${regencyCode}`;
  }

  async get(regencyCode: string): Promise<Uint8Array | undefined> {
    try {
      const object = await s3().send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.key(regencyCode) }),
      );
      return (await object.Body?.transformToByteArray()) ?? undefined;
    } catch (error) {
      if ((error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async put(regencyCode: string, image: Uint8Array, type: EmblemType, uploadedBy: string): Promise<void> {
    await s3().send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.key(regencyCode),
        Body: image,
        ContentType: type,
        Metadata: { 'uploaded-by': uploadedBy },
      }),
    );
  }
}

export const emblemStore = once(() => new S3EmblemStore(requiredEnv('DOCUMENTS_BUCKET')));
