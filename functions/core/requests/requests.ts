import type { Actor, Role, StaffRole } from '../identity/roles.js';
import type { LocalizedText } from '../shared/text.js';

/** The request lifecycle (DESIGN.md §1). */
export const REQUEST_STATUSES = [
  'SUBMITTED',
  'CHECKING',
  'IN_REVIEW',
  'RETURNED',
  'APPROVED',
  'ISSUED',
  'REJECTED',
  'ESCALATED',
  'EXPIRED',
  'CANCELLED',
  'FAILED',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Statuses after which nothing more happens to a request; every other one has a workflow moving it on. */
export const FINAL_STATUSES: readonly RequestStatus[] = [
  'ISSUED',
  'REJECTED',
  'EXPIRED',
  'CANCELLED',
  'FAILED',
];

export const DECISIONS = ['approve', 'reject', 'return'] as const;
export type Decision = (typeof DECISIONS)[number];

/**
 * How a request came in: the citizen applied themselves, an operator entered it at the counter for them, or
 * the village office started one of its own (a regulation the secretary drafts: ServiceDefinition.audience).
 */
export type SubmissionChannel = 'self' | 'assisted' | 'office';

export const CONSENT_METHODS = ['signed-form', 'thumbprint', 'verbal-witnessed'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** The citizen's consent to an assisted submission (UU 27/2022 PDP): how, when, and who witnessed it. */
export interface Consent {
  readonly method: ConsentMethod;
  /** When the citizen gave it (ISO date-time). */
  readonly recordedAt: string;
  /** Required for verbal consent: the person (not the operator) who witnessed it. */
  readonly witnessName?: string;
}

export interface Applicant {
  /** The account that submitted (a citizen, or the operator for assisted submissions). */
  readonly subject: string;
  readonly name: string;
}

export interface ServiceRequest {
  readonly id: string;
  /** Short code a citizen can read over the phone. */
  readonly trackingCode: string;
  readonly serviceCode: string;
  /**
   * The version of the service's definition it was submitted under (core/catalog/service-version.ts): the
   * chain it runs to its end. Requests submitted before versions have none and follow the current one.
   */
  readonly serviceVersion?: string;
  readonly villageCode: string;
  readonly status: RequestStatus;
  /** Index into the service's stages while IN_REVIEW; equals the stage count once all approved. */
  readonly stageIndex: number;
  readonly applicant: Applicant;
  readonly data: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Incremented on every write; writes are conditional on it (optimistic locking). */
  readonly version: number;
  /** Present exactly while a human task is open for the current stage. */
  readonly awaiting?: AwaitedDecision;
  readonly document?: IssuedDocumentRef;
  readonly outcome?: { readonly decision: Decision; readonly note: string; readonly by: string };
  /** Where notifications go (optional: a request without contact is still followed by tracking code). */
  readonly contact?: Contact;
  /** Files attached by the applicant (persyaratan) and by deciders (e.g. the akta Dukcapil issued). */
  readonly attachments?: readonly AttachmentRef[];
  /**
   * What deciders recorded at their stages and what a publication drew (DecisionStage.records,
   * PublicationStage), by stage key: the BPD's agreement date, a regulation's numbers.
   */
  readonly records?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The latest registry check results (no NIKs: outcomes and reasons only). */
  readonly checks?: readonly CheckResult[];
  /** While RETURNED: the stage index the request goes back to once the applicant has corrected it. */
  readonly returnedFrom?: number;
  /**
   * How it came in. Requests written before channels existed have none: they were 'self' unless an operator
   * was their applicant.
   */
  readonly channel?: SubmissionChannel;
  /** Assisted only: the citizen's consent, as the operator recorded it at the counter. */
  readonly consent?: Consent;
  /** Assisted only: the citizen the operator submitted for, as named at the counter. */
  readonly citizen?: { readonly name: string };
  /**
   * A signal the workflow has not confirmed yet, written with the change that calls for it (a decision, a
   * correction) and current only while the request keeps that version (see `pendingSignalOf`). Internal:
   * never shown in any response.
   */
  readonly pendingSignal?: PendingSignal;
}

/**
 * What SendTaskSuccess must carry to move the workflow on after a change: kept on the record so that a signal
 * lost after the write (a throttled or failed call) can be sent again by the reconciler.
 */
export interface PendingSignal {
  readonly taskToken: string;
  /** The waiting task's output: the next step, with the request id. */
  readonly output: Readonly<Record<string, unknown>> & { readonly outcome: string };
  /** When it was written (ISO). */
  readonly at: string;
  /** The request version written with it: any later write means the workflow has moved on. */
  readonly version: number;
}

/**
 * The request's pending signal, if it is still current. The workflow's next write (a stage opening, the
 * letter issued, a failure recorded) bumps the version, which settles the signal without anyone removing it.
 */
export function pendingSignalOf(request: ServiceRequest): PendingSignal | undefined {
  const signal = request.pendingSignal;
  return signal && signal.version === request.version ? signal : undefined;
}

export interface Contact {
  readonly phone?: string;
  readonly email?: string;
}

export interface AttachmentRef {
  readonly attachmentId: string;
  readonly requirementCode: string;
  readonly contentType: AttachmentContentType;
  readonly size: number;
  readonly objectKey: string;
  readonly uploadedBy: { readonly subject: string; readonly role: Role };
  readonly at: string;
}

export const ATTACHMENT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

export interface CheckResult {
  readonly stage: string;
  readonly registry: 'population' | 'bpjs' | 'desil';
  /** Which declared person was checked (the field holding their NIK), never the NIK itself. */
  readonly subject: string;
  readonly outcome: 'match' | 'mismatch';
  readonly reasons: readonly LocalizedText[];
  readonly at: string;
}

export interface AwaitedDecision {
  readonly stageKey: string;
  /** The stage's role; 'citizen' while a returned request waits for the applicant's correction. */
  readonly role: Role;
  /** Set once the stage passed its deadline: this role may now act too (e.g. the village secretary). */
  readonly actingRole?: StaffRole;
  /** When the stage becomes overdue (ISO). */
  readonly dueAt: string;
  /** The workflow's task token: internal, never shown in any response. */
  readonly taskToken: string;
}

export interface IssuedDocumentRef {
  readonly documentId: string;
  readonly letterNumber: string;
  readonly sha256?: string;
  readonly issuedAt?: string;
  /**
   * The letter was signed by a certified signing service at its final approval (the approver's own BSrE
   * certificate): its PDF is stored with this hash before the request is APPROVED, and issuing records it.
   */
  readonly signingService?: 'bsre';
}

/**
 * An immutable line in a request's history, written in the same transaction as the change it records: the
 * request's audit of changes (issue 4, item 7). It says who (subject, name), in which role and area, when,
 * what (type, status, stage, note) and from where (origin) — the last two only when a person or an agency's
 * system made the change; the workflow's own events (actor 'system') have neither.
 */
export interface RequestEvent {
  readonly requestId: string;
  readonly at: string;
  readonly type: string;
  readonly status: RequestStatus;
  readonly actor: EventActor;
  readonly note?: string;
  readonly stage?: string;
  readonly message?: LocalizedText;
}

export interface EventActor {
  readonly subject: string;
  readonly name: string;
  readonly role: Role | 'system';
  /** The area codes the actor worked for when they acted (events written before this field have none). */
  readonly areas?: readonly string[];
  readonly agency?: string;
  /** An agency's system (client credentials): its client id. */
  readonly clientId?: string;
  /** Where the call came from (IP address, user agent). */
  readonly origin?: { readonly ip: string; readonly userAgent?: string };
}

/**
 * The actor of an event made by a caller, acting in `role`: the one place an event's who/role/area/origin is
 * built from an Actor, so every change records the same facts.
 */
export function eventActor(actor: Actor, role: Role): EventActor {
  return {
    subject: actor.subject,
    name: actor.name,
    role,
    areas: actor.areas,
    ...(actor.agency ? { agency: actor.agency } : {}),
    ...(actor.client ? { clientId: actor.client.id } : {}),
    ...(actor.origin ? { origin: actor.origin } : {}),
  };
}
