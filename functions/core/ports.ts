import type { Village } from './places.js';
import type { RequestEvent, RequestStatus, ServiceRequest } from './requests.js';

/**
 * What the use cases need from the outside world. Adapters in functions/adapters implement these with the
 * AWS SDK; the same adapters run locally against DynamoDB Local, s3rver and the local Step Functions.
 */
export interface RequestStore {
  /** Writes the request, its first event and (if given) the idempotency record in one transaction. */
  create(
    request: ServiceRequest,
    event: RequestEvent,
    idempotency?: IdempotencyRecord,
  ): Promise<CreateResult>;
  get(id: string): Promise<ServiceRequest | undefined>;
  events(id: string): Promise<RequestEvent[]>;
  /**
   * Replaces the request if its stored version is `expectedVersion`, appending the event in the same
   * transaction. Returns false when the condition failed: someone else changed it first.
   */
  update(change: RequestChange): Promise<boolean>;
  listByVillage(query: VillageQuery): Promise<{ items: ServiceRequest[]; cursor?: string }>;
}

export interface RequestChange {
  readonly request: ServiceRequest;
  readonly expectedVersion: number;
  readonly event?: RequestEvent;
}

export interface VillageQuery {
  readonly villageCode: string;
  readonly status?: RequestStatus;
  readonly limit: number;
  readonly cursor?: string;
}

export interface IdempotencyRecord {
  readonly key: string;
  /** Who used the key: keys are scoped per caller so two citizens can't collide. */
  readonly subject: string;
  readonly bodyHash: string;
  readonly requestId: string;
}

export type CreateResult =
  | { readonly created: true }
  | { readonly created: false; readonly existing: IdempotencyRecord };

export interface VillageDirectory {
  get(code: string): Promise<Village | undefined>;
  list(): Promise<Village[]>;
}

/** A letter that has been issued, as the public verification page shows it. */
export interface DocumentRecord {
  readonly documentId: string;
  readonly requestId: string;
  readonly letterNumber: string;
  readonly issuedAt: string;
  readonly serviceCode: string;
  readonly villageCode: string;
  readonly signer: { readonly name: string; readonly title: string };
  readonly applicantName: string;
  readonly sha256: string;
  readonly objectKey: string;
  readonly status: 'valid' | 'revoked';
}

export interface DocumentRegistry {
  get(documentId: string): Promise<DocumentRecord | undefined>;
  /** Next letter sequence for a village and year; atomic, never returns the same number twice. */
  nextSequence(villageCode: string, year: number): Promise<number>;
  /** Records a number that was drawn but will not be used, so the register has no unexplained gap. */
  voidNumber(villageCode: string, year: number, sequence: number, reason: string): Promise<void>;
  /** Stores the document and marks the request ISSUED in one transaction. */
  recordIssued(document: DocumentRecord, change: RequestChange): Promise<boolean>;
}

export interface DocumentStore {
  put(key: string, body: Uint8Array, sha256: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  downloadUrl(key: string, fileName: string, expiresInSeconds: number): Promise<string>;
}

export interface Workflow {
  /** Starts the approval workflow; idempotent per request (the execution is named after it). */
  start(requestId: string): Promise<void>;
  /** Resumes the waiting human task with the next step. */
  resume(taskToken: string, step: unknown): Promise<void>;
}

export interface Clock {
  now(): Date;
}
