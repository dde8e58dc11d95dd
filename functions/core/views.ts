import { z } from 'zod';
import { RESUBMISSION_STAGE } from './approvals.js';
import { applicationSchema } from './catalog/application-schema.js';
import type { ServiceDefinition } from './catalog/types.js';
import type { Village } from './places.js';
import type { RequestEvent, ServiceRequest } from './requests.js';
import { text } from './text.js';

/** What leaves the API: internal fields (task tokens, subject ids, object keys, key attributes) stay inside. */
export function requestView(
  request: ServiceRequest,
  service: ServiceDefinition,
  events?: readonly RequestEvent[],
) {
  return {
    id: request.id,
    trackingCode: request.trackingCode,
    serviceCode: request.serviceCode,
    villageCode: request.villageCode,
    status: request.status,
    ...stageView(request, service),
    applicant: { name: request.applicant.name },
    data: request.data,
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
    ...(request.outcome
      ? { outcome: { decision: request.outcome.decision, note: request.outcome.note } }
      : {}),
    ...(events
      ? {
          events: events.map((event) => ({
            at: event.at,
            type: event.type,
            status: event.status,
            actor: { name: event.actor.name, role: event.actor.role },
            ...(event.stage ? { stage: event.stage } : {}),
            ...(event.note ? { note: event.note } : {}),
          })),
        }
      : {}),
  };
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
            registries: stage.registries,
          },
    ),
    fields: service.fields,
    applicationSchema: z.toJSONSchema(applicationSchema(service), { io: 'input' }),
  };
}

export function villageView(village: Village) {
  const { code, name, kind, district, regency, province, services } = village;
  return { code, name, kind, district, regency, province, services };
}
