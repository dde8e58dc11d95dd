import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { UploadStore, UploadTicket } from '../core/requests/attachments.js';
import { once } from './clients.js';
import { requiredEnv } from './env.js';
import { s3 } from './s3-client.js';

/** The ticket waits beside its upload; the POST policy pins the upload's own key, so a browser cannot reach it. */
const ticketKey = (key: string) => `${key}.ticket.json`;

/**
 * Browser uploads straight to the documents bucket through presigned POSTs whose policy pins the key, the
 * content type and the exact size; files wait under uploads/ (expired by a lifecycle rule when never
 * attached), each beside the ticket the API wrote for it.
 * Locally, s3rver ignores POST policies: the use case checks size and type against the ticket again.
 */
export class S3UploadStore<
  Ticket extends { readonly contentType: string; readonly size: number } = UploadTicket,
> implements UploadStore<Ticket>
{
  constructor(private readonly bucket: string) {}

  async presignUpload(key: string, ticket: Ticket, expiresInSeconds: number) {
    await s3().send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: ticketKey(key),
        Body: JSON.stringify(ticket),
        ContentType: 'application/json',
      }),
    );
    return createPresignedPost(s3(), {
      Bucket: this.bucket,
      Key: key,
      Conditions: [
        ['content-length-range', ticket.size, ticket.size],
        ['eq', '$Content-Type', ticket.contentType],
      ],
      Fields: { 'Content-Type': ticket.contentType },
      Expires: expiresInSeconds,
    });
  }

  async inspect(key: string) {
    const head = await this.head(key);
    if (!head) return undefined;
    const ticket = await this.get(ticketKey(key)).catch((error: Error) => {
      if (isMissing(error)) return undefined;
      throw error;
    });
    return {
      ...head,
      ...(ticket ? { ticket: JSON.parse(new TextDecoder().decode(ticket)) as Ticket } : {}),
    };
  }

  read(key: string) {
    return this.get(key);
  }

  accepted(key: string) {
    return this.head(key);
  }

  async promote(fromKey: string, toKey: string) {
    await s3().send(
      new CopyObjectCommand({ Bucket: this.bucket, Key: toKey, CopySource: `${this.bucket}/${fromKey}` }),
    );
    await Promise.all([this.discard(fromKey), this.discard(ticketKey(fromKey))]);
  }

  async discard(key: string) {
    await s3().send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  private async head(key: string) {
    try {
      const head = await s3().send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? '' };
    } catch (error) {
      if (isMissing(error as Error)) return undefined;
      throw error;
    }
  }

  private async get(key: string) {
    const object = await s3().send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
  }
}

const isMissing = (error: Error) => error.name === 'NotFound' || error.name === 'NoSuchKey';

export const uploadStore = once(() => new S3UploadStore(requiredEnv('DOCUMENTS_BUCKET')));
