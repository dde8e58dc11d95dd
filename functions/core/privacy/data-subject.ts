import { personHash } from '../identity/citizen-profile.js';
import { maskNik } from '../identity/nik.js';
import { canExportPersonalData } from '../identity/policy.js';
import type { Actor } from '../identity/roles.js';
import {
  maskAddress,
  type NotificationLog,
  type NotificationRecord,
} from '../notifications/notifications.js';
import type { ServiceRequest } from '../requests/requests.js';
import type { DocumentRecord, DocumentRegistry, RequestStore } from '../shared/ports.js';
import type { LocalizedText } from '../shared/text.js';
import { type SurveyStore, surveyView } from '../welfare/survey.js';
import { type AuditTrail, auditEntry } from './audit.js';

/**
 * The data subject (UU 27/2022 PDP): the person a NIK identifies. How their numbers are masked wherever they
 * need not appear in full, and what the data-protection officer receives when the person asks what the
 * platform holds about them. A person is named without their NIK by citizen-profile.personHash.
 */

// ---------------------------------------------------------------------------------------------------------
// Masking

/**
 * NIK-like numbers in free text: a run of 16 or more digits, or 16 digits written in four groups of four
 * (spaces, dots or dashes between them, as people copy them from a card). NIKs and family-card numbers
 * both have 16 digits.
 */
const PERSONAL_NUMBER = /\d{16,}|(?<!\d)\d{4}([ .-])\d{4}\1\d{4}\1\d{4}(?!\d)/g;

/** Masks every NIK-like number in `value` to its region digits (maskNik). */
export const maskPersonalNumbers = (value: string): string =>
  value.replace(PERSONAL_NUMBER, (match) => maskNik(match.replace(/\D/g, '')));

// ---------------------------------------------------------------------------------------------------------
// Data-subject export

/** One line of the registry access log (who looked up whom, why); the NIK in it is already masked. */
export interface RegistryLookupRecord {
  readonly requestId: string;
  readonly at: string;
  readonly by: string;
  readonly purpose: string;
  readonly registry: string;
  readonly outcome: string;
  readonly nikMasked: string;
  readonly villageCode: string;
  readonly reasons: readonly LocalizedText[];
}

export interface RegistryLookupReads {
  /** A request's registry lookups, oldest first. */
  list(requestId: string): Promise<RegistryLookupRecord[]>;
}

export interface DataSubjectDeps {
  /** idsByNik: the requests whose data names the NIK (lookup items written with each request). */
  readonly requests: Pick<RequestStore, 'get' | 'events' | 'idsByNik'>;
  readonly notifications: NotificationLog;
  readonly documents: Pick<DocumentRegistry, 'get'>;
  readonly lookups: RegistryLookupReads;
  /** The household surveys that list the person as a member (issue 13). */
  readonly surveys: Pick<SurveyStore, 'byPerson'>;
  readonly audit: AuditTrail;
  readonly now: () => Date;
}

export const DATA_SUBJECT_EXPORT = 'data-subject.export';

/**
 * Everything the platform holds about the person a NIK identifies, within the data-protection officer's
 * area (policy.canExportPersonalData, per request's village).
 * Primary course: the requests holding the NIK are found through the person index and read; those outside
 * the officer's area are left out without a trace in the answer (not even a count); the export is appended
 * to the access trail (target the person, by personId, and each request) before anything is read further;
 * then, per request: the record, its timeline, its notifications, its registry lookups, its letters'
 * metadata and its access trail. If the audit cannot be written, nothing is returned (fail closed).
 */
export async function exportDataSubject(deps: DataSubjectDeps, actor: Actor, nik: string) {
  const now = deps.now();
  const ids = [...new Set(await deps.requests.idsByNik(nik))];
  const found = await Promise.all(ids.map((id) => deps.requests.get(id)));
  const requests = found
    .filter((request): request is ServiceRequest => request !== undefined)
    .filter((request) => canExportPersonalData(actor, request.villageCode))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  // The person is named by the hash that keys their request lookups (keys.personRequest), never the NIK.
  const person = personHash(nik);
  const surveys = (await deps.surveys.byPerson(person)).filter((survey) =>
    canExportPersonalData(actor, survey.villageCode),
  );
  await Promise.all([
    deps.audit.append(
      auditEntry(
        actor,
        DATA_SUBJECT_EXPORT,
        { kind: 'person', id: person },
        now,
        `${requests.length} request(s), ${surveys.length} household survey(s)`,
      ),
    ),
    ...requests.map((request) =>
      deps.audit.append(
        auditEntry(actor, DATA_SUBJECT_EXPORT, { kind: 'request', id: request.id }, now, `person ${person}`),
      ),
    ),
  ]);

  return {
    subject: { personId: person, nikMasked: maskNik(nik) },
    generatedAt: now.toISOString(),
    generatedBy: { subject: actor.subject, name: actor.name, areas: actor.areas },
    requests: await Promise.all(requests.map((request) => exportRequest(deps, request, nik))),
    householdSurveys: surveys.map(surveyView),
  };
}

async function exportRequest(deps: DataSubjectDeps, request: ServiceRequest, nik: string) {
  const [events, notifications, lookups, documents, trail] = await Promise.all([
    deps.requests.events(request.id),
    deps.notifications.list(request.id),
    deps.lookups.list(request.id),
    documentsOf(deps.documents, request),
    deps.audit.list({ kind: 'request', id: request.id }),
  ]);
  return {
    id: request.id,
    villageCode: request.villageCode,
    serviceCode: request.serviceCode,
    /** Where in the application the NIK appears (the applicant's, a parent's, the deceased's…). */
    foundIn: Object.entries(request.data)
      .filter(([, value]) => typeof value === 'string' && value.includes(nik))
      .map(([field]) => field),
    record: exportedRecord(request),
    events,
    notifications: notifications.map(exportedNotification),
    registryLookups: lookups,
    documents,
    accessTrail: trail,
  };
}

/** The stored record without internal handles (the workflow's task token, object keys). */
function exportedRecord(request: ServiceRequest) {
  // The pending signal holds a task token too: internal, never exported.
  const { awaiting, attachments, pendingSignal: _signal, ...rest } = request;
  return {
    ...rest,
    ...(awaiting
      ? {
          awaiting: {
            stageKey: awaiting.stageKey,
            role: awaiting.role,
            dueAt: awaiting.dueAt,
            ...(awaiting.actingRole ? { actingRole: awaiting.actingRole } : {}),
          },
        }
      : {}),
    ...(attachments
      ? { attachments: attachments.map(({ objectKey: _key, ...attachment }) => attachment) }
      : {}),
  };
}

/** The applicant's own contact in full; staff's contacts (reminders to deciders) masked: not theirs. */
function exportedNotification(record: NotificationRecord) {
  const { to, ...rest } = record;
  if (!to) return rest;
  return { ...rest, to: record.audience.kind === 'applicant' ? to : maskAddress(to) };
}

/** The request's letters, the current one first, then each one it replaced (metadata only, no file keys). */
async function documentsOf(registry: Pick<DocumentRegistry, 'get'>, request: ServiceRequest) {
  const documents: Omit<DocumentRecord, 'objectKey' | 'signature'>[] = [];
  const seen = new Set<string>();
  let next = request.document?.documentId;
  while (next && !seen.has(next)) {
    seen.add(next);
    const document = await registry.get(next);
    if (!document) break;
    const { objectKey: _key, signature: _signature, ...metadata } = document;
    documents.push(metadata);
    next = document.supersedes;
  }
  return documents;
}
