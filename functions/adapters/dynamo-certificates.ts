import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CertificateStore } from '../core/documents/signer-certificates.js';
import { once } from './clients.js';
import { dynamo, writtenIf } from './dynamo-client.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

export const certificateStore = once(() => new DynamoCertificateStore(requiredEnv('TABLE_NAME')));

/** Issued certificates (pk CERT#<id>): DER, written once, read on every letter a container signs. */
export class DynamoCertificateStore implements CertificateStore {
  /** A container keeps what it read: certificates never change, and a letter should not cost a read. */
  private readonly known = new Map<string, Uint8Array>();

  constructor(private readonly tableName: string) {}

  async get(id: string): Promise<Uint8Array | undefined> {
    const cached = this.known.get(id);
    if (cached) return cached;
    const result = await dynamo().send(
      new GetCommand({ TableName: this.tableName, Key: keys.certificate(id), ProjectionExpression: 'der' }),
    );
    const der = result.Item?.der as Uint8Array | undefined;
    if (der) this.known.set(id, der);
    return der;
  }

  async create(id: string, der: Uint8Array): Promise<Uint8Array> {
    const written = await writtenIf(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.certificate(id), type: 'CERTIFICATE', der },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    if (written) {
      this.known.set(id, der);
      return der;
    }
    const stored = await this.get(id);
    if (!stored) throw new Error(`Certificate ${id} was neither written nor found`);
    return stored;
  }
}
