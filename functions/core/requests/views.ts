import * as z from 'zod/mini';
import { RESUBMISSION_STAGE } from '../approvals/approvals.js';
import { applicationSchema } from '../catalog/application-schema.js';
import type { ServiceDefinition } from '../catalog/types.js';
import { maskNik } from '../identity/nik.js';
import { maskPersonalNumbers } from '../privacy/data-subject.js';
import { text } from '../shared/text.js';
import type { VillageSummary } from '../villages/places.js';
import type { RequestEvent, ServiceRequest } from './requests.js';

export interface RequestViewOptions {
  /** The request's timeline (the full record only). */
  readonly events?: readonly RequestEvent[];
  /**
   * 'full' only for a read of the request's full record, which is audited (queries.getRequest): the applicant
   * or staff of its area. Every other view (lists, inboxes, answers to a change) shows NIK and family-card
   * numbers masked to their region digits.
   * @default 'masked'
   */
  readonly personalData?: 'full' | 'masked';
}

/**
 * What leaves the API: internal fields (task tokens, subject ids, object keys, key attributes) stay inside,
 * and NIK / family-card numbers are masked unless the caller reads the full record.
 */
export function requestView(
  request: ServiceRequest,
  service: ServiceDefinition,
  { events, personalData = 'masked' }: RequestViewOptions = {},
) {
  const full = personalData === 'full';
  return {
    id: request.id,
    trackingCode: request.trackingCode,
    serviceCode: request.serviceCode,
    villageCode: request.villageCode,
    status: request.status,
    ...stageView(request, service),
    applicant: { name: request.applicant.name },
    // At the counter the operator is the account that submitted; the citizen is who it is for.
    ...(request.channel ? { channel: request.channel } : {}),
    ...(request.citizen ? { citizen: { name: request.citizen.name } } : {}),
    ...(request.consent
      ? { consent: { method: request.consent.method, recordedAt: request.consent.recordedAt } }
      : {}),
    data: full ? request.data : maskedData(request.data, service),
    ...(request.contact ? { contact: request.contact } : {}),
    attachments: (request.attachments ?? []).map(
      ({ attachmentId, requirementCode, contentType, size, uploadedBy, at }) => ({
        attachmentId,
        requirementCode,
        contentType,
        size,
        uploadedByRole: uploadedBy.role,
        at,
      }),
    ),
    ...(request.checks ? { checks: request.checks } : {}),
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
    ...(request.document ? { document: request.document } : {}),
    ...(request.records ? { recorded: recordedView(request.records, service) } : {}),
    ...(request.outcome
      ? {
          outcome: {
            decision: request.outcome.decision,
            note: full ? request.outcome.note : maskPersonalNumbers(request.outcome.note),
          },
        }
      : {}),
    ...(events
      ? {
          events: events.map((event) => ({
            at: event.at,
            type: event.type,
            status: event.status,
            actor: { name: event.actor.name, role: event.actor.role },
            ...(event.stage ? { stage: event.stage } : {}),
            ...(event.note ? { note: full ? event.note : maskPersonalNumbers(event.note) } : {}),
          })),
        }
      : {}),
  };
}

/**
 * What earlier stages recorded (ServiceRequest.records), labelled from the chain so a reader needs no catalog:
 * a decider's values carry their field's label; what a publication drew (numbers) carries only its name.
 */
function recordedView(records: NonNullable<ServiceRequest['records']>, service: ServiceDefinition) {
  return Object.entries(records).map(([key, values]) => {
    const stage = service.stages.find((candidate) => candidate.key === key);
    const fields = stage?.kind === 'decision' ? (stage.records ?? []) : [];
    return {
      stage: key,
      ...(stage ? { label: stage.label } : {}),
      values: Object.entries(values).map(([name, value]) => {
        const field = fields.find((candidate) => candidate.name === name);
        return { name, ...(field ? { label: field.label } : {}), value };
      }),
    };
  });
}

/** Which fields of a service hold a NIK or a family-card number (KK). */
const PERSONAL_NUMBER_FIELDS = new Set(['nik', 'familyCard']);

/**
 * Application data with every NIK and KK field masked to its region digits (maskNik), and, since free text
 * may hold one too, any NIK-like number in the other text fields.
 */
export function maskedData(
  data: Readonly<Record<string, unknown>>,
  service: Pick<ServiceDefinition, 'fields'>,
): Record<string, unknown> {
  const personal = new Set(
    service.fields.filter((field) => PERSONAL_NUMBER_FIELDS.has(field.type)).map((field) => field.name),
  );
  const mask = (name: string, value: unknown): unknown => {
    if (typeof value === 'string') return personal.has(name) ? maskNik(value) : maskPersonalNumbers(value);
    // 16 digits fit a double exactly: a NIK stored as a number is masked too.
    if (typeof value === 'number' && /\d{16}/.test(String(value))) return maskNik(String(value));
    return value;
  };
  return Object.fromEntries(Object.entries(data).map(([name, value]) => [name, mask(name, value)]));
}

/** The stage a request is at, with who is awaited and until when (a returned request awaits its applicant). */
function stageView(request: ServiceRequest, service: ServiceDefinition) {
  const waiting =
    request.status === 'IN_REVIEW' || request.status === 'CHECKING' || request.status === 'RETURNED';
  const definition = service.stages[request.stageIndex];
  if (!waiting || !definition) return {};
  const { awaiting } = request;
  const resubmission = request.status === 'RETURNED';
  return {
    stage: {
      index: request.stageIndex,
      key: resubmission ? RESUBMISSION_STAGE : definition.key,
      role: resubmission ? 'citizen' : definition.kind === 'decision' ? definition.role : 'system',
      label: resubmission
        ? text('Menunggu perbaikan dari pemohon', "Waiting for the applicant's correction")
        : definition.label,
      ...(awaiting ? { dueAt: awaiting.dueAt } : {}),
      ...(awaiting?.actingRole ? { actingRole: awaiting.actingRole } : {}),
      // What the decider's form asks besides the decision (applyDecision checks the same declarations).
      ...(!resubmission && definition.kind === 'decision' && definition.records
        ? { records: definition.records }
        : {}),
      ...(!resubmission && definition.kind === 'decision' && definition.attachesDocument
        ? { attachesDocument: definition.attachesDocument }
        : {}),
    },
  };
}

export function serviceView(service: ServiceDefinition) {
  return {
    code: service.code,
    name: service.name,
    description: service.description,
    family: service.family,
    targetHours: service.targetHours,
    classificationCode: service.classificationCode,
    requirements: service.requirements,
    stages: service.stages.map((stage) =>
      stage.kind === 'decision'
        ? {
            kind: stage.kind,
            key: stage.key,
            role: stage.role,
            label: stage.label,
            deadlineHours: stage.deadlineHours,
            ...(stage.agency ? { agency: stage.agency } : {}),
          }
        : {
            kind: stage.kind,
            key: stage.key,
            role: 'system',
            label: stage.label,
            ...(stage.kind === 'check' ? { registries: stage.registries } : { register: stage.register }),
          },
    ),
    fields: service.fields,
    applicationSchema: z.toJSONSchema(applicationSchema(service), { io: 'input' }),
    ...(service.keywords ? { keywords: service.keywords } : {}),
  };
}

export function villageView(village: VillageSummary) {
  const { code, name, kind, district, regency, province, services } = village;
  return { code, name, kind, district, regency, province, services };
}
