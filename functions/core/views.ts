import { z } from 'zod';
import { stageAt } from './approvals.js';
import { applicationSchema } from './catalog/application-schema.js';
import type { ServiceDefinition } from './catalog/types.js';
import type { Village } from './places.js';
import type { RequestEvent, ServiceRequest } from './requests.js';

/** What leaves the API: internal fields (task tokens, applicant subject ids, key attributes) stay inside. */
export function requestView(
  request: ServiceRequest,
  service: ServiceDefinition,
  events?: readonly RequestEvent[],
) {
  const stage = request.status === 'IN_REVIEW' ? stageAt(service, request.stageIndex) : undefined;
  return {
    id: request.id,
    trackingCode: request.trackingCode,
    serviceCode: request.serviceCode,
    villageCode: request.villageCode,
    status: request.status,
    ...(stage
      ? {
          stage: {
            index: request.stageIndex,
            key: stage.key,
            role: stage.role,
            label: stage.label,
            ...(request.awaiting ? { dueAt: request.awaiting.dueAt } : {}),
          },
        }
      : {}),
    applicant: { name: request.applicant.name },
    data: request.data,
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

export function serviceView(service: ServiceDefinition) {
  return {
    code: service.code,
    name: service.name,
    description: service.description,
    targetHours: service.targetHours,
    classificationCode: service.classificationCode,
    requirements: service.requirements,
    stages: service.stages.map(({ key, role, label, deadlineHours }) => ({
      key,
      role,
      label,
      deadlineHours,
    })),
    fields: service.fields,
    applicationSchema: z.toJSONSchema(applicationSchema(service), { io: 'input' }),
  };
}

export function villageView(village: Village) {
  const { code, name, kind, district, regency, province, services } = village;
  return { code, name, kind, district, regency, province, services };
}
