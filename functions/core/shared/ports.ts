import type { NextStep } from '../approvals/approvals.js';
import type { PendingSignal, RequestEvent, RequestStatus, ServiceRequest } from '../requests/requests.js';
import type { Village, VillageSummary } from '../villages/places.js';
import type { LocalizedText } from './text.js';

/**
 * What the use cases need from the outside world. Adapters in functions/adapters implement these with the
 * AWS SDK; the same adapters run locally against DynamoDB Local, s3rver and the local Step Functions.
 */
export interface RequestStore {
  /**
   * Writes the request, its first event, (if given) the idempotency record, its tracking-code lookup and one
   * lookup per NIK in `niks` (the people the request is about) in one transaction. Tracking codes are
   * unique: when the request's code is taken already, nothing is written and the result says so.
   */
  create(
    request: ServiceRequest,
    event: RequestEvent,
    idempotency?: IdempotencyRecord,
    niks?: readonly string[],
  ): Promise<CreateResult>;
  get(id: string): Promise<ServiceRequest | undefined>;
  /** The record of an Idempotency-Key already used by this caller, if any (claimed or completed). */
  idempotency(subject: string, key: string): Promise<IdempotencyRecord | undefined>;
  /**
   * Claims an Idempotency-Key before any file moves for it: writes the record as claimed (`claimedUntil`
   * set) unless the key has a record already, which is returned instead.
   */
  claimIdempotency(
    record: IdempotencyRecord & { readonly claimedUntil: number },
  ): Promise<{ readonly claimed: true } | { readonly claimed: false; readonly existing: IdempotencyRecord }>;
  /**
   * Takes over a claim whose lease ran out before `now` (its holder crashed or gave up), keeping its request
   * id: true when this caller now holds it until `claimedUntil`.
   */
  renewIdempotencyClaim(record: IdempotencyRecord, claimedUntil: number, now: number): Promise<boolean>;
  /** Gives a claim up: `drop` deletes it (nothing was done under it); otherwise its lease ends at once. */
  releaseIdempotencyClaim(record: IdempotencyRecord, drop: boolean): Promise<void>;
  events(id: string): Promise<RequestEvent[]>;
  /** The request and its events (oldest first) in one consistent read, for its view. */
  getWithEvents(id: string): Promise<{ request: ServiceRequest; events: RequestEvent[] } | undefined>;
  /**
   * Replaces the request if its stored version is `expectedVersion`, appending the event in the same
   * transaction. Returns false when the condition failed: someone else changed it first.
   */
  update(change: RequestChange): Promise<boolean>;
  listByVillage(query: VillageQuery): Promise<{ items: ServiceRequest[]; cursor?: string }>;
  /**
   * Ids of a village's requests with a current pending signal written before `before` (ISO), oldest first:
   * a sparse index that holds a request only between a change and the workflow's confirmation of it.
   */
  pendingSignals(query: PendingSignalQuery): Promise<{ ids: string[]; cursor?: string }>;
  /**
   * Removes the pending signal written with `version`, if the request still has that version. Not a change
   * of the request (no new version, no event): the signal was delivered, or the workflow no longer waits for it.
   */
  clearSignal(id: string, version: number): Promise<void>;
  /** The id of the request with this tracking code (as issued: upper case, DD-XXXX-XXXX), if any. */
  idByTrackingCode(code: string): Promise<string | undefined>;
  /** Ids of every request whose data names this NIK (in any NIK field), oldest first. */
  idsByNik(nik: string): Promise<string[]>;
  /**
   * The NIK this account has linked to itself and had verified (PUT /v1/me/nik), if any: a linked citizen
   * also sees the counter submissions made for them (policy.canSeeRequest).
   */
  linkedNik(subject: string): Promise<string | undefined>;
}

export interface RequestChange {
  readonly request: ServiceRequest;
  readonly expectedVersion: number;
  readonly event?: RequestEvent;
  /** NIKs the changed request names (a correction may add one): their person lookups are written too. */
  readonly niks?: readonly string[];
}

export interface VillageQuery {
  readonly villageCode: string;
  readonly status?: RequestStatus;
  /** Only requests created before this time (ISO). */
  readonly createdBefore?: string;
  readonly limit: number;
  readonly cursor?: string;
}

export interface PendingSignalQuery {
  readonly villageCode: string;
  /** Only signals written before this time (ISO). */
  readonly before: string;
  readonly limit: number;
  readonly cursor?: string;
}

export interface IdempotencyRecord {
  readonly key: string;
  /** Who used the key: keys are scoped per caller so two citizens can't collide. */
  readonly subject: string;
  readonly bodyHash: string;
  readonly requestId: string;
  /**
   * Set while the key is claimed and its request not yet written (epoch ms the claim's lease ends): a retry
   * waits for the holder, or after the lease resumes under the same request id. Absent once completed.
   */
  readonly claimedUntil?: number;
}

export type CreateResult =
  | { readonly created: true }
  | { readonly created: false; readonly existing: IdempotencyRecord }
  /** Another request holds this tracking code already: nothing was written; try again with a new code. */
  | { readonly created: false; readonly trackingCodeTaken: true };

export interface VillageDirectory {
  get(code: string): Promise<Village | undefined>;
  /** Every village, as the directory lists them. */
  list(): Promise<VillageSummary[]>;
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
  /** The platform's signature over `sha256` (see DocumentSigner). */
  readonly signature: DocumentSignature;
  readonly status: DocumentStatus;
  /** Set when the document was revoked (it keeps them if it is later superseded). */
  readonly revokedAt?: string;
  readonly revocation?: DocumentRevocation;
  /** The document that replaced this one (status 'superseded'). */
  readonly supersededBy?: string;
  /** The document this one replaced (a reissue). */
  readonly supersedes?: string;
}

/** valid: in force · revoked: withdrawn by the village · superseded: replaced by a reissued document. */
export type DocumentStatus = 'valid' | 'revoked' | 'superseded';

export interface DocumentRevocation {
  readonly reason: string;
  readonly by: { readonly subject: string; readonly name: string; readonly role: string };
}

/** How a conditional write of the document lifecycle ended. */
export type DocumentWriteResult = 'written' | 'document-changed' | 'request-changed';

export interface DocumentRegistry {
  get(documentId: string): Promise<DocumentRecord | undefined>;
  /** Next letter sequence for a village, year and numbering scope; atomic, never returns a number twice. */
  nextSequence(villageCode: string, year: number, scope?: string): Promise<number>;
  /** Records a number that was drawn but will not be used, so the register has no unexplained gap. */
  voidNumber(
    villageCode: string,
    year: number,
    sequence: number,
    reason: string,
    scope?: string,
  ): Promise<void>;
  /** Stores the document (and its hash lookup) and marks the request ISSUED in one transaction. */
  recordIssued(document: DocumentRecord, change: RequestChange): Promise<boolean>;
  /** The id of the document whose PDF has this SHA-256, if the platform issued one. */
  findByHash(sha256: string): Promise<string | undefined>;
  /**
   * Marks a valid document revoked and applies the request change (its event) in one transaction.
   * 'document-changed' when the document is no longer valid; 'request-changed' when the request moved on.
   */
  revoke(
    documentId: string,
    revocation: DocumentRevocation & { readonly at: string },
    change: RequestChange,
  ): Promise<DocumentWriteResult>;
  /**
   * Records a reissued document in one transaction: the new one (with its hash lookup), the one it
   * supersedes (`document.supersedes`, still in `previousStatus`) marked superseded, and the request change.
   */
  recordReissued(
    document: DocumentRecord & { readonly supersedes: string },
    previousStatus: Exclude<DocumentStatus, 'superseded'>,
    change: RequestChange,
  ): Promise<DocumentWriteResult>;
}

export interface DocumentStore {
  put(key: string, body: Uint8Array, sha256: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  downloadUrl(key: string, fileName: string, expiresInSeconds: number, contentType?: string): Promise<string>;
}

/** What a waiting human task is sent: the next step, with the request id. */
export type WorkflowSignal = PendingSignal['output'];

export interface Workflow {
  /**
   * Starts the approval workflow with the chain's first step (its stage's deadline arms the first timer);
   * idempotent per request (the execution is named after it).
   */
  start(requestId: string, first: NextStep): Promise<void>;
  /**
   * Resumes the waiting human task with the next step, or ends it when the step is final (approved: the
   * letter is issued; closed): 'sent', or 'gone' when no task waits for this token any more (it was
   * completed already, timed out, or its execution ended). Other failures throw.
   */
  resume(taskToken: string, step: WorkflowSignal): Promise<'sent' | 'gone'>;
  /** The status of the request's execution (DescribeExecution); undefined when there is none. */
  executionStatus(requestId: string): Promise<ExecutionStatus | undefined>;
}

/** Step Functions' execution statuses. */
export type ExecutionStatus =
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'TIMED_OUT'
  | 'ABORTED'
  | 'PENDING_REDRIVE';

export interface Clock {
  now(): Date;
}

/** Who is checked, as the applicant declared them. */
export interface PersonQuery {
  readonly nik: string;
  readonly name?: string;
  readonly birthDate?: string;
  readonly familyCardNumber?: string;
  readonly villageCode: string;
  /** Whose death is being registered: a deceased record is then no mismatch. */
  readonly deceased?: boolean;
}

/** Why a registry is consulted: every lookup is logged with it (who, whom, why). */
export interface LookupContext {
  readonly requestId: string;
  /** 'system' for the workflow's checks, else the staff member's subject. */
  readonly by: string;
  readonly purpose: string;
}

export interface RegistryResult {
  readonly registry: 'population' | 'bpjs' | 'desil';
  readonly outcome: 'match' | 'mismatch';
  /** Empty on a match; on a mismatch, what did not match, for the applicant to correct. */
  readonly reasons: readonly LocalizedText[];
  /** BPJS only: the participant's class when the NIK is a participant. */
  readonly bpjsClass?: 'PBI' | '1' | '2' | '3';
  /** Desil only: the household's DTSEN decile (1 poorest … 10) when the NIK is in the regency's ranking. */
  readonly desil?: number;
  /**
   * Population only: whether the identity as declared (NIK with name, birth date, family card) matched the
   * record, whatever the outcome (a matched identity may still live in another village). Absent means
   * "not confirmed" unless the outcome is a match: the other registers are asked only once it is confirmed.
   */
  readonly identity?: 'confirmed' | 'unconfirmed';
}

/** Dukcapil / SIAK: does this NIK exist and match the name, birth date, family card and village? */
export interface PopulationRegistry {
  check(query: PersonQuery, context: LookupContext): Promise<RegistryResult>;
}

/** BPJS Kesehatan: is this NIK a participant, and in which class? */
export interface BpjsRegistry {
  check(query: PersonQuery, context: LookupContext): Promise<RegistryResult>;
}

/**
 * DTSEN (the national social and economic data, ranked in deciles): in which desil is this NIK's household,
 * in the ranking the regency imported? 'match' + desil when ranked, 'mismatch' when not in the ranking.
 */
export interface DesilRegistry {
  check(query: PersonQuery, context: LookupContext): Promise<RegistryResult>;
}

/** A document's SHA-256 signed by the platform's key (KMS in AWS, a local key locally). */
export interface DocumentSignature {
  readonly algorithm: 'ECDSA_SHA_256';
  readonly keyId: string;
  /** DER signature, base64. */
  readonly value: string;
}

/** A key that signs messages (ECDSA P-256, SHA-256 over the message, DER): certificates, CMS attributes. */
export interface KeySigner {
  signBytes(message: Uint8Array): Promise<Uint8Array>;
  /** SubjectPublicKeyInfo, DER. */
  publicKeyDer(): Promise<Uint8Array>;
}

/**
 * The platform's document key: it signs each letter's hash (the revocation-aware check of GET /v1/verify) and,
 * as a KeySigner, the PAdES signature embedded in the letter under its signer's certificate.
 */
export interface DocumentSigner extends KeySigner {
  sign(sha256Hex: string): Promise<DocumentSignature>;
  verify(sha256Hex: string, signature: DocumentSignature): Promise<boolean>;
}

/** A message to a person about a request: the applicant on every status change, the next decider when a task waits. */
export interface Notification {
  readonly requestId: string;
  readonly villageCode: string;
  /**
   * The applicant, or a decider: the role they decide in and, once the stage's deciders were resolved, the
   * staff account (username) it went to. A role audience without a username: nobody could be told.
   */
  readonly audience:
    | { readonly kind: 'applicant' }
    | { readonly kind: 'role'; readonly role: string; readonly username?: string };
  readonly channel: 'sms' | 'email';
  /** Phone number or e-mail address; absent when there is none (the notification is still logged). */
  readonly to?: string;
  /** Why there is no `to`, when the composer knows better than "no contact" (e.g. 'no-staff-for-stage'). */
  readonly reason?: string;
  readonly message: LocalizedText;
  readonly at: string;
  /**
   * On a reminder to a decider: what waits for them, so that reminders after the first of the hour can be
   * told together in one digest (see placeReminder). Not kept in the outbox: the message says it.
   */
  readonly reminder?: StaffReminder;
}

/** What a reminder to a decider is about: nothing of the applicant's, like every message. */
export interface StaffReminder {
  readonly serviceCode: string;
  readonly trackingCode: string;
  /** The stage's label. */
  readonly stage: LocalizedText;
  readonly dueAt: string;
}

export interface Notifier {
  notify(notification: Notification): Promise<void>;
}
