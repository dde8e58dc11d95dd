import { z } from 'zod';
import { DECISIONS, REQUEST_STATUSES } from '../core/requests.js';

/** Wire formats of API v1: the contract agencies code against. OpenAPI is generated from these. */
const localized = z.object({ id: z.string(), en: z.string() });

export const errorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: localized,
      issues: z.array(z.object({ field: z.string(), message: localized })).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const serviceSummary = z
  .object({
    code: z.string(),
    name: localized,
    description: localized,
    targetHours: z.number(),
    classificationCode: z.string(),
    requirements: z.array(z.object({ code: z.string(), label: localized, required: z.boolean() })),
    stages: z.array(
      z.object({ key: z.string(), role: z.string(), label: localized, deadlineHours: z.number() }),
    ),
    fields: z.array(
      z.object({
        name: z.string(),
        type: z.string(),
        label: localized,
        required: z.boolean(),
        minLength: z.number().optional(),
        maxLength: z.number().optional(),
        min: z.number().optional(),
        max: z.number().optional(),
        choices: z.array(z.object({ value: z.string(), label: localized })).optional(),
        hint: localized.optional(),
      }),
    ),
    applicationSchema: z
      .record(z.string(), z.unknown())
      .describe('JSON Schema of the `data` object for this service'),
  })
  .meta({ id: 'Service' });

export const villageView = z
  .object({
    code: z.string(),
    name: z.string(),
    kind: z.enum(['desa', 'kelurahan']),
    district: z.object({ code: z.string(), name: z.string() }),
    regency: z.object({ code: z.string(), name: z.string() }),
    province: z.string(),
    services: z.array(z.string()),
  })
  .meta({ id: 'Village' });

export const villageCode = z
  .string()
  .regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'village code looks like 35.10.12.2001');

export const submitRequestBody = z
  .strictObject({
    serviceCode: z.string().min(1),
    villageCode,
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'SubmitRequest' });

export const requestIdParams = z.strictObject({
  id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a request id'),
});

const requestStatus = z.enum(REQUEST_STATUSES);

export const requestEventView = z.object({
  at: z.string(),
  type: z.string(),
  status: requestStatus,
  actor: z.object({ name: z.string(), role: z.string() }),
  stage: z.string().optional(),
  note: z.string().optional(),
});

export const requestView = z
  .object({
    id: z.string(),
    trackingCode: z.string(),
    serviceCode: z.string(),
    villageCode: z.string(),
    status: requestStatus,
    stage: z
      .object({
        index: z.number(),
        key: z.string(),
        role: z.string(),
        label: localized,
        dueAt: z.string().optional(),
      })
      .optional(),
    applicant: z.object({ name: z.string() }),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    updatedAt: z.string(),
    document: z
      .object({
        documentId: z.string(),
        letterNumber: z.string(),
        sha256: z.string().optional(),
        issuedAt: z.string().optional(),
      })
      .optional(),
    outcome: z.object({ decision: z.enum(DECISIONS), note: z.string() }).optional(),
    events: z.array(requestEventView).optional(),
  })
  .meta({ id: 'Request' });

export const listRequestsQuery = z.strictObject({
  village: villageCode,
  status: requestStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2000).optional(),
});

export const requestPage = z
  .object({ items: z.array(requestView), nextCursor: z.string().optional() })
  .meta({ id: 'RequestPage' });

export const decisionBody = z
  .strictObject({
    decision: z.enum(DECISIONS),
    note: z.string().trim().max(1000).default(''),
    /** The stage being decided; guards against deciding a stage that has already moved on. */
    stage: z.string().optional(),
  })
  .meta({ id: 'Decision' });

export const documentLink = z
  .object({
    documentId: z.string(),
    letterNumber: z.string(),
    url: z.string(),
    expiresAt: z.string(),
    sha256: z.string(),
  })
  .meta({ id: 'DocumentLink' });

export const documentIdParams = z.strictObject({
  documentId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a document id'),
});

export const verification = z
  .object({
    documentId: z.string(),
    status: z.enum(['valid', 'revoked']),
    letterNumber: z.string(),
    issuedAt: z.string(),
    service: z.object({ code: z.string(), name: localized }),
    village: z.object({ code: z.string(), name: z.string(), district: z.string(), regency: z.string() }),
    signer: z.object({ name: z.string(), title: z.string() }),
    applicantName: z.string(),
    sha256: z.string(),
  })
  .meta({ id: 'Verification' });
