import { createHash } from 'node:crypto';
import { z } from 'zod';
import { applicationSchema } from './catalog/application-schema.js';
import { findService } from './catalog/index.js';
import { NotFoundError, UnprocessableError, ValidationError } from './errors.js';
import { newId, newTrackingCode } from './ids.js';
import type { Village } from './places.js';
import type { Clock, RequestStore, VillageDirectory, Workflow } from './ports.js';
import type { ServiceRequest } from './requests.js';
import type { Actor } from './roles.js';
import { text } from './text.js';
import { parseOrThrow } from './validation.js';

export interface SubmitInput {
  readonly serviceCode: string;
  readonly villageCode: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface SubmitDeps {
  readonly requests: RequestStore;
  readonly villages: VillageDirectory;
  readonly workflow: Workflow;
  readonly clock: Clock;
}

/**
 * Submits a request.
 * Primary course: the service and village exist and the village offers the service; the applicant's data
 * passes the service's schema; the request and its first event are written (with the idempotency record,
 * in one transaction); then the workflow is started with the request id as its execution name.
 * Never lost: the record is written before the workflow starts; if starting fails, the record stays
 * SUBMITTED for the reconciler, and a retry with the same Idempotency-Key starts it again.
 */
export async function submitRequest(
  deps: SubmitDeps,
  actor: Actor,
  input: SubmitInput,
  idempotencyKey?: string,
): Promise<{ request: ServiceRequest; replayed: boolean }> {
  const service = findService(input.serviceCode);
  const village = await villageFor(deps.villages, input.villageCode);
  if (!village.services.includes(service.code)) {
    throw new ValidationError(
      text(
        `Desa ${village.name} belum melayani ${service.name.id}.`,
        `Village ${village.name} does not offer ${service.name.en}.`,
      ),
      [
        {
          field: 'serviceCode',
          message: text('layanan tidak tersedia di desa ini', 'service not offered by this village'),
        },
      ],
    );
  }
  const labels = Object.fromEntries(service.fields.map((field) => [`data.${field.name}`, field.label]));
  // Parsed under a `data` key so each issue names the field as the caller sent it: data.nik, data.fullName…
  const { data } = parseOrThrow(z.object({ data: applicationSchema(service) }), { data: input.data }, labels);

  const now = deps.clock.now();
  const at = now.toISOString();
  const request: ServiceRequest = {
    id: newId(now),
    trackingCode: newTrackingCode(),
    serviceCode: service.code,
    villageCode: village.code,
    status: 'SUBMITTED',
    stageIndex: 0,
    applicant: { subject: actor.subject, name: actor.name },
    data,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const idempotency = idempotencyKey
    ? { key: idempotencyKey, subject: actor.subject, bodyHash: hashBody(input), requestId: request.id }
    : undefined;
  const result = await deps.requests.create(
    request,
    {
      requestId: request.id,
      at,
      type: 'SUBMITTED',
      status: 'SUBMITTED',
      actor: { subject: actor.subject, name: actor.name, role: actor.roles[0] ?? 'citizen' },
    },
    idempotency,
  );
  if (result.created) {
    await deps.workflow.start(request.id);
    return { request, replayed: false };
  }
  if (idempotency && result.existing.bodyHash !== idempotency.bodyHash) {
    throw new UnprocessableError(
      'IDEMPOTENCY_KEY_REUSED',
      text(
        'Idempotency-Key ini sudah dipakai untuk permohonan dengan isi berbeda.',
        'This Idempotency-Key was already used for a request with a different body.',
      ),
    );
  }
  const first = await deps.requests.get(result.existing.requestId);
  if (!first) throw new Error('Idempotency record points at a missing request');
  await deps.workflow.start(first.id);
  return { request: first, replayed: true };
}

/** Hash of the body as the caller meant it (key order does not matter). */
function hashBody(input: SubmitInput): string {
  return createHash('sha256').update(stableJson(input)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export async function villageFor(villages: VillageDirectory, code: string): Promise<Village> {
  const village = await villages.get(code);
  if (!village) {
    throw new NotFoundError(
      text(
        `villageCode: desa dengan kode ${code} tidak terdaftar.`,
        `villageCode: no village with code ${code}.`,
      ),
    );
  }
  return village;
}
