import { randomUUID } from 'node:crypto';
import type { Actor } from '../identity/roles.js';

/**
 * The audit trail (issue 4, item 7): an append-only entry for every change of state and every read of a
 * full record: who, in which role and area, when, what, on which record, and from where. Entries are only
 * ever added (conditional puts, written in the same transaction as the change they describe); no route
 * updates or deletes them. A request's own events (its timeline) are audit entries too: they carry the
 * same who/role/area/origin.
 */
export type AuditTargetKind =
  | 'request'
  | 'village'
  | 'staff'
  | 'person'
  | 'document'
  | 'budget'
  | 'site'
  | 'legal'
  | 'survey';

export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  /** What was done, e.g. request.read, village.onboard, staff.create, data-subject.export. */
  readonly action: string;
  readonly target: { readonly kind: AuditTargetKind; readonly id: string };
  readonly actor: {
    readonly subject: string;
    readonly name: string;
    readonly roles: readonly string[];
    readonly areas: readonly string[];
    readonly agency?: string;
    readonly clientId?: string;
  };
  readonly origin?: { readonly ip: string; readonly userAgent?: string };
  /** A short, personal-data-free note (never a NIK). */
  readonly detail?: string;
}

export function auditEntry(
  actor: Actor,
  action: string,
  target: AuditEntry['target'],
  now: Date,
  detail?: string,
): AuditEntry {
  return {
    id: randomUUID(),
    at: now.toISOString(),
    action,
    target,
    actor: {
      subject: actor.subject,
      name: actor.name,
      roles: actor.roles,
      areas: actor.areas,
      ...(actor.agency ? { agency: actor.agency } : {}),
      ...(actor.client ? { clientId: actor.client.id } : {}),
    },
    ...(actor.origin ? { origin: actor.origin } : {}),
    ...(detail ? { detail } : {}),
  };
}

/** Where entries are appended. A read is returned to the caller only once its entry is written. */
export interface AuditTrail {
  append(entry: AuditEntry): Promise<void>;
  /** Entries about one record, oldest first. */
  list(target: AuditEntry['target']): Promise<AuditEntry[]>;
}

/** Reads of one request's full record (issue 4, item 7): each is audited before its data is returned. */
export const FULL_RECORD_READS = [
  'request.read',
  'attachment.read',
  'document.read',
  'notifications.read',
  // A welfare case (a request of the welfare-case family) read through GET /v1/cases/{id}.
  'case.read',
] as const;
export type FullRecordRead = (typeof FULL_RECORD_READS)[number];

/** What a read use case needs to audit itself: where entries go, what this read is, and the time. */
export interface ReadAudit {
  readonly trail: AuditTrail;
  readonly action: FullRecordRead;
  readonly now: () => Date;
}

/**
 * Appends the entry for a read of a request's full record. Fail closed: the caller awaits it before returning
 * any data, so if the trail cannot be written the read fails (a 5xx) and nothing is disclosed.
 */
export async function auditRead(audit: ReadAudit, actor: Actor, requestId: string): Promise<void> {
  await audit.trail.append(auditEntry(actor, audit.action, { kind: 'request', id: requestId }, audit.now()));
}
