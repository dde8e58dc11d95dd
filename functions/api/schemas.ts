import { z } from 'zod';
import { DELIVERY_STATUSES } from '../core/notifications.js';
import { ATTACHMENT_CONTENT_TYPES, DECISIONS, REQUEST_STATUSES } from '../core/requests.js';

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
    family: z.string(),
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

const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not an id');

export const attachmentInput = z.strictObject({ requirementCode: z.string().min(1).max(60), uploadId: ulid });

export const contact = z.strictObject({
  phone: z
    .string()
    .regex(/^(\+62|62|0)8\d{7,12}$/, 'an Indonesian mobile number such as 081234567890')
    .optional(),
  email: z.email().max(200).optional(),
});

export const submitRequestBody = z
  .strictObject({
    serviceCode: z.string().min(1).max(40),
    villageCode,
    data: z.record(z.string(), z.unknown()),
    attachments: z.array(attachmentInput).max(20).optional(),
    contact: contact.optional(),
  })
  .meta({ id: 'SubmitRequest' });

export const resubmissionBody = z
  .strictObject({
    data: z.record(z.string(), z.unknown()),
    attachments: z.array(attachmentInput).max(20).optional(),
  })
  .meta({ id: 'Resubmission' });

export const uploadBody = z
  .strictObject({
    serviceCode: z.string().min(1).max(40),
    villageCode: villageCode.optional(),
    requirementCode: z.string().min(1).max(60),
    contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
    size: z.number().int().min(1),
  })
  .meta({ id: 'UploadRequest' });

export const uploadTicket = z
  .object({
    uploadId: z.string(),
    url: z.string(),
    fields: z.record(z.string(), z.string()),
    maxBytes: z.number(),
    expiresAt: z.string(),
  })
  .meta({ id: 'UploadTicket' });

export const attachmentParams = z.strictObject({ id: ulid, attachmentId: ulid });

export const downloadLink = z.object({ url: z.string(), expiresAt: z.string() }).meta({ id: 'DownloadLink' });

export const villageServiceParams = z.strictObject({
  code: villageCode,
  serviceCode: z.string().regex(/^[A-Z][A-Z0-9-]{1,15}$/, 'service codes look like OLAHRAGA or ADAT-1'),
});

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
    contact: contact.optional(),
    attachments: z.array(
      z.object({
        attachmentId: z.string(),
        requirementCode: z.string(),
        contentType: z.string(),
        size: z.number(),
        uploadedByRole: z.string(),
        at: z.string(),
      }),
    ),
    checks: z
      .array(
        z.object({
          stage: z.string(),
          registry: z.string(),
          subject: z.string(),
          outcome: z.enum(['match', 'mismatch']),
          reasons: z.array(localized),
          at: z.string(),
        }),
      )
      .optional(),
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

export const servicesQuery = z.strictObject({ village: villageCode.optional() });

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
    /** Documents the decider attaches (e.g. the akta Dukcapil issued), uploaded first via POST /v1/uploads. */
    attachments: z.array(attachmentInput).max(5).optional(),
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
    status: z.enum(['valid', 'revoked', 'superseded']),
    signatureValid: z
      .boolean()
      .describe("The platform's ECDSA P-256 signature over sha256 verifies with the platform's key"),
    signature: z
      .object({
        algorithm: z.string().describe('ECDSA_SHA_256 over the 32 bytes of the SHA-256 digest'),
        keyId: z.string(),
        value: z.string().describe('DER signature, base64'),
      })
      .optional(),
    letterNumber: z.string(),
    issuedAt: z.string(),
    service: z.object({ code: z.string(), name: localized }),
    village: z.object({ code: z.string(), name: z.string(), district: z.string(), regency: z.string() }),
    signer: z.object({ name: z.string(), title: z.string() }),
    applicantName: z.string(),
    sha256: z.string(),
    revokedAt: z.string().optional(),
    revocation: z.object({ reason: z.string() }).optional(),
    supersededBy: z.string().optional().describe('The document that replaced this one'),
    supersedes: z.string().optional().describe('The document this one replaced'),
    message: localized,
  })
  .meta({ id: 'Verification' });

// --- Notifications (issue 3, item 7) ---------------------------------------------------------------------
export const notificationView = z
  .object({
    id: z.string(),
    at: z.string(),
    audience: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('applicant') }),
      z.object({ kind: z.literal('role'), role: z.string() }),
    ]),
    channel: z.enum(['sms', 'email']),
    to: z.string().optional().describe('Where it went, masked (+62812****890, b***@example.com)'),
    status: z.enum(DELIVERY_STATUSES),
    reason: z
      .string()
      .optional()
      .describe('Why it is undeliverable, or the error of the last failed attempt'),
    sentAt: z.string().optional(),
    message: localized.describe('The text as sent: SMS in Indonesian (id); e-mails in both languages'),
  })
  .meta({ id: 'Notification' });

export const notificationList = z
  .object({ items: z.array(notificationView).describe('Newest first') })
  .meta({ id: 'NotificationList' });
// --- end notifications ----------------------------------------------------------------------------------

// --- Verifiable documents: upload verification, revocation, reissue ---

export const uploadVerification = z
  .object({
    status: z.enum(['valid', 'revoked', 'superseded', 'tampered', 'unknown']),
    sha256: z.string().describe('SHA-256 of the uploaded file'),
    reason: z.enum(['content-differs', 'signature-invalid']).optional(),
    message: localized,
    document: verification.optional().describe('The issued document the file is, or claims to be'),
  })
  .meta({ id: 'UploadVerification' });

export const documentReasonBody = z
  .strictObject({ reason: z.string().trim().min(3).max(500) })
  .meta({ id: 'DocumentReason' });

export const documentRecordView = z
  .object({
    documentId: z.string(),
    requestId: z.string(),
    letterNumber: z.string(),
    issuedAt: z.string(),
    status: z.enum(['valid', 'revoked', 'superseded']),
    sha256: z.string(),
    revokedAt: z.string().optional(),
    revocation: z.object({ reason: z.string(), by: z.string() }).optional(),
    supersededBy: z.string().optional(),
    supersedes: z.string().optional(),
  })
  .meta({ id: 'DocumentRecord' });
