import * as z from 'zod/mini';
import { parseNik } from '../core/identity/nik.js';
import { DELIVERY_STATUSES } from '../core/notifications/notifications.js';
import {
  ATTACHMENT_CONTENT_TYPES,
  CONSENT_METHODS,
  DECISIONS,
  REQUEST_STATUSES,
} from '../core/requests/requests.js';
import { safeLocalized, safeText } from '../core/shared/text-schema.js';

/**
 * `const x = pure(() => …)`: a declaration a bundle leaves out when the handler does not use it (esbuild
 * honours the annotation within its own file only, hence this helper in each route and schema module). When
 * used, it is built at once, as a plain declaration would be.
 */
/* @__NO_SIDE_EFFECTS__ */
function pure<T>(build: () => T): T {
  return build();
}

/** Wire formats of API v1: the contract agencies code against. OpenAPI is generated from these. */
const localized = pure(() => z.object({ id: z.string(), en: z.string() }));

export const errorResponse = pure(() =>
  z
    .object({
      error: z.object({
        code: z.string(),
        message: localized,
        issues: z.optional(z.array(z.object({ field: z.string(), message: localized }))),
      }),
    })
    .check(z.meta({ id: 'Error' })),
);

/** A route's documented error answer (every 4xx has the same bilingual shape). */
export const errorAnswer = (description: string) => ({ description, schema: errorResponse });

/** A persyaratan as the catalog declares it. */
const requirementView = pure(() => z.object({ code: z.string(), label: localized, required: z.boolean() }));

/** A form field as the catalog declares it (an application's field, or what a decider records at a stage). */
const fieldView = pure(() =>
  z.object({
    name: z.string(),
    type: z.string(),
    label: localized,
    required: z.boolean(),
    minLength: z.optional(z.number()),
    maxLength: z.optional(z.number()),
    min: z.optional(z.number()),
    max: z.optional(z.number()),
    choices: z.optional(z.array(z.object({ value: z.string(), label: localized }))),
    hint: z.optional(localized),
  }),
);

export const serviceSummary = pure(() =>
  z
    .object({
      code: z.string(),
      name: localized,
      description: localized,
      family: z.string(),
      targetHours: z.number(),
      classificationCode: z.string(),
      requirements: z.array(requirementView),
      stages: z.array(
        z.object({ key: z.string(), role: z.string(), label: localized, deadlineHours: z.number() }),
      ),
      fields: z.array(fieldView),
      applicationSchema: z
        .record(z.string(), z.unknown())
        .check(z.describe('JSON Schema of the `data` object for this service')),
      keywords: z.optional(z.array(z.string())).check(z.describe('Words citizens search with (Indonesian)')),
    })
    .check(z.meta({ id: 'Service' })),
);

export const villageView = pure(() =>
  z
    .object({
      code: z.string(),
      name: z.string(),
      kind: z.enum(['desa', 'kelurahan']),
      district: z.object({ code: z.string(), name: z.string() }),
      regency: z.object({ code: z.string(), name: z.string() }),
      province: z.string(),
      services: z.array(z.string()),
    })
    .check(z.meta({ id: 'Village' })),
);

export const villageCode = pure(() =>
  z.string().check(z.regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'village code looks like 35.10.12.2001')),
);

export const ulid = pure(() => z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not an id')));

/** A requirement code as the catalog writes them (lowercase words joined by dashes): never a file name or a header. */
const requirementCode = pure(() =>
  z
    .string()
    .check(
      z.maxLength(40),
      z.regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'requirement codes look like ktp or pengantar-rt'),
    ),
);

export const attachmentInput = pure(() => z.strictObject({ requirementCode, uploadId: ulid }));

export const contact = pure(() =>
  z.strictObject({
    phone: z.optional(
      z.string().check(z.regex(/^(\+62|62|0)8\d{7,12}$/, 'an Indonesian mobile number such as 081234567890')),
    ),
    email: z.optional(z.email().check(z.maxLength(200))),
  }),
);

const indonesianMobile = pure(() =>
  z.string().check(z.regex(/^(\+62|62|0)8\d{7,12}$/, 'an Indonesian mobile number such as 081234567890')),
);

/** A person's name as typed at a counter or in a form. */
const personName = pure(() => safeText({ min: 2, max: 100 }));

export const consentRecord = pure(() =>
  z
    .strictObject({
      method: z
        .enum(CONSENT_METHODS)
        .check(
          z.describe(
            'signed-form: the citizen signed the consent form · thumbprint: they put their thumbprint on it · verbal-witnessed: they said so before a witness',
          ),
        ),
      recordedAt: z.iso.datetime({ offset: true }).check(z.describe('When the citizen gave their consent')),
      witnessName: z
        .optional(personName)
        .check(z.describe('Required for verbal-witnessed: who witnessed it (not the operator)')),
    })
    // witnessName required for verbal consent: checked by the use case (submit-request.ts), with its message.
    .check(z.meta({ id: 'Consent' })),
);

export const submitRequestBody = pure(() =>
  z
    .strictObject({
      serviceCode: z.string().check(z.minLength(1), z.maxLength(40)),
      villageCode,
      data: z.record(z.string(), z.unknown()),
      attachments: z.optional(z.array(attachmentInput).check(z.maxLength(20))),
      contact: z.optional(contact),
      consent: z
        .optional(consentRecord)
        .check(
          z.describe(
            "Counter (assisted) submissions by an operator only, and required there: the citizen's consent",
          ),
        ),
      citizen: z
        .optional(z.strictObject({ name: personName, phone: z.optional(indonesianMobile) }))
        .check(
          z.describe(
            'Counter (assisted) submissions only, and required there: the citizen served, and their phone for SMS updates',
          ),
        ),
    })
    .check(z.meta({ id: 'SubmitRequest' })),
);

export const resubmissionBody = pure(() =>
  z
    .strictObject({
      data: z.record(z.string(), z.unknown()),
      attachments: z.optional(z.array(attachmentInput).check(z.maxLength(20))),
    })
    .check(z.meta({ id: 'Resubmission' })),
);

export const uploadBody = pure(() =>
  z
    .strictObject({
      serviceCode: z.string().check(z.minLength(1), z.maxLength(40)),
      villageCode: z.optional(villageCode),
      requirementCode,
      contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
      size: z.number().check(z.int(), z.minimum(1)),
    })
    .check(z.meta({ id: 'UploadRequest' })),
);

export const uploadTicket = pure(() =>
  z
    .object({
      uploadId: z.string(),
      url: z.string(),
      fields: z.record(z.string(), z.string()),
      maxBytes: z.number(),
      expiresAt: z.string(),
    })
    .check(z.meta({ id: 'UploadTicket' })),
);

export const attachmentParams = pure(() => z.strictObject({ id: ulid, attachmentId: ulid }));

export const downloadLink = pure(() =>
  z.object({ url: z.string(), expiresAt: z.string() }).check(z.meta({ id: 'DownloadLink' })),
);

export const villageServiceParams = pure(() =>
  z.strictObject({
    code: villageCode,
    serviceCode: z
      .string()
      .check(z.regex(/^[A-Z][A-Z0-9-]{1,15}$/, 'service codes look like OLAHRAGA or ADAT-1')),
  }),
);

export const requestIdParams = pure(() =>
  z.strictObject({
    id: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a request id')),
  }),
);

const requestStatus = pure(() => z.enum(REQUEST_STATUSES));

export const requestEventView = pure(() =>
  z.object({
    at: z.string(),
    type: z.string(),
    status: requestStatus,
    actor: z.object({ name: z.string(), role: z.string() }),
    stage: z.optional(z.string()),
    note: z.optional(z.string()),
  }),
);

export const requestView = pure(() =>
  z
    .object({
      id: z.string(),
      trackingCode: z.string(),
      serviceCode: z.string(),
      villageCode: z.string(),
      status: requestStatus,
      stage: z.optional(
        z.object({
          index: z.number(),
          key: z.string(),
          role: z.string(),
          label: localized,
          dueAt: z.optional(z.string()),
          records: z
            .optional(z.array(fieldView))
            .check(
              z.describe("What the decider records on approval (send them as the decision's `records`)"),
            ),
          attachesDocument: z
            .optional(z.object({ requirementCode: z.string(), label: localized }))
            .check(
              z.describe(
                "The document the decider attaches to approve: upload it for this requirement code, then send it in the decision's `attachments`",
              ),
            ),
        }),
      ),
      applicant: z.object({ name: z.string() }),
      channel: z
        .optional(z.enum(['self', 'assisted']))
        .check(
          z.describe('self: the citizen applied; assisted: an operator entered it at the village counter'),
        ),
      citizen: z
        .optional(z.object({ name: z.string() }))
        .check(z.describe('Assisted: the citizen it is for')),
      consent: z
        .optional(z.object({ method: z.enum(CONSENT_METHODS), recordedAt: z.string() }))
        .check(z.describe("Assisted: how and when the citizen's consent was recorded")),
      data: z.record(z.string(), z.unknown()),
      correction: z
        .optional(z.object({ fields: z.array(fieldView), requirements: z.array(requirementView) }))
        .check(
          z.describe(
            "Returned, and only when the service was edited since: its form and persyaratan as the request was submitted (the edit does not apply to it); send the correction's `data` by these fields",
          ),
        ),
      contact: z.optional(contact),
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
      checks: z.optional(
        z.array(
          z.object({
            stage: z.string(),
            registry: z.string(),
            subject: z.string(),
            outcome: z.enum(['match', 'mismatch']),
            reasons: z.array(localized),
            at: z.string(),
          }),
        ),
      ),
      createdAt: z.string(),
      updatedAt: z.string(),
      document: z.optional(
        z.object({
          documentId: z.string(),
          letterNumber: z.string(),
          sha256: z.optional(z.string()),
          issuedAt: z.optional(z.string()),
          signingService: z.optional(
            z.enum(['bsre']).check(z.describe("Signed with the approver's BSrE certificate")),
          ),
        }),
      ),
      outcome: z.optional(z.object({ decision: z.enum(DECISIONS), note: z.string() })),
      recorded: z
        .optional(
          z.array(
            z.object({
              stage: z.string(),
              label: z.optional(localized),
              values: z.array(
                z.object({ name: z.string(), label: z.optional(localized), value: z.unknown() }),
              ),
            }),
          ),
        )
        .check(z.describe("What earlier stages recorded: deciders' records, the numbers a publication drew")),
      events: z.optional(z.array(requestEventView)),
    })
    .check(z.meta({ id: 'Request' })),
);

export const servicesQuery = pure(() => z.strictObject({ village: z.optional(villageCode) }));

export const listRequestsQuery = pure(() =>
  z.strictObject({
    village: villageCode,
    status: z.optional(requestStatus),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
    cursor: z.optional(z.string().check(z.maxLength(2000))),
  }),
);

export const requestPage = pure(() =>
  z
    .object({ items: z.array(requestView), nextCursor: z.optional(z.string()) })
    .check(z.meta({ id: 'RequestPage' })),
);

export const decisionBody = pure(() =>
  z
    .strictObject({
      decision: z.enum(DECISIONS),
      note: z._default(safeText({ min: 0, max: 1000, multiline: true }), ''),
      /** The stage being decided; guards against deciding a stage that has already moved on. */
      stage: z.optional(z.string()),
      /** Documents the decider attaches (e.g. the akta Dukcapil issued), uploaded first via POST /v1/uploads. */
      attachments: z.optional(z.array(attachmentInput).check(z.maxLength(5))),
      /**
       * What the stage asks the decider to record on approval (the BPD's agreement date, the report to the
       * Bupati): checked against the stage's declaration in the catalog.
       */
      records: z.optional(z.record(z.string().check(z.maxLength(40)), z.unknown())),
    })
    .check(z.meta({ id: 'Decision' })),
);

export const signedApprovalBody = pure(() =>
  z
    .strictObject({
      /** The approver's NIK, which their BSrE certificate is registered under (sent to BSrE only). */
      nik: z.string().check(z.maxLength(16)),
      /** The approver's BSrE passphrase, typed now: sent to BSrE, never stored or logged. */
      passphrase: z.optional(z.string().check(z.maxLength(200))),
      /** Or a one-time code from the approver's BSrE authenticator, instead of the passphrase. */
      totp: z.optional(z.string().check(z.maxLength(6))),
      note: z._default(safeText({ min: 0, max: 1000, multiline: true }), ''),
      /** The stage being approved; guards against approving a stage that has already moved on. */
      stage: z.optional(z.string()),
    })
    .check(z.meta({ id: 'SignedApproval' })),
);

export const documentLink = pure(() =>
  z
    .object({
      documentId: z.string(),
      letterNumber: z.string(),
      url: z.string(),
      expiresAt: z.string(),
      sha256: z.string(),
    })
    .check(z.meta({ id: 'DocumentLink' })),
);

export const documentIdParams = pure(() =>
  z.strictObject({
    documentId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a document id')),
  }),
);

export const verification = pure(() =>
  z
    .object({
      documentId: z.string(),
      status: z.enum(['valid', 'revoked', 'superseded']),
      signatureValid: z
        .boolean()
        .check(
          z.describe("The platform's ECDSA P-256 signature over sha256 verifies with the platform's key"),
        ),
      signature: z.optional(
        z.object({
          algorithm: z.string().check(z.describe('ECDSA_SHA_256 over the 32 bytes of the SHA-256 digest')),
          keyId: z.string(),
          value: z.string().check(z.describe('DER signature, base64')),
        }),
      ),
      letterNumber: z.string(),
      issuedAt: z.string(),
      service: z.object({ code: z.string(), name: localized }),
      village: z.object({ code: z.string(), name: z.string(), district: z.string(), regency: z.string() }),
      signer: z.object({ name: z.string(), title: z.string() }),
      applicantName: z.string(),
      sha256: z.string(),
      revokedAt: z.optional(z.string()),
      revocation: z.optional(z.object({ reason: z.string() })),
      supersededBy: z.optional(z.string()).check(z.describe('The document that replaced this one')),
      supersedes: z.optional(z.string()).check(z.describe('The document this one replaced')),
      message: localized,
    })
    .check(z.meta({ id: 'Verification' })),
);

// --- Notifications (issue 3, item 7) ---------------------------------------------------------------------
export const notificationView = pure(() =>
  z
    .object({
      id: z.string(),
      at: z.string(),
      audience: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('applicant') }),
        z.object({ kind: z.literal('role'), role: z.string() }),
      ]),
      channel: z.enum(['sms', 'email']),
      to: z.optional(z.string()).check(z.describe('Where it went, masked (+62812****890, b***@example.com)')),
      status: z.enum(DELIVERY_STATUSES),
      reason: z
        .optional(z.string())
        .check(z.describe('Why it is undeliverable, or the error of the last failed attempt')),
      sentAt: z.optional(z.string()),
      message: localized.check(
        z.describe('The text as sent: SMS in Indonesian (id); e-mails in both languages'),
      ),
    })
    .check(z.meta({ id: 'Notification' })),
);

export const notificationList = pure(() =>
  z
    .object({ items: z.array(notificationView).check(z.describe('Newest first')) })
    .check(z.meta({ id: 'NotificationList' })),
);
// --- end notifications ----------------------------------------------------------------------------------

// --- Verifiable documents: upload verification, revocation, reissue ---

export const uploadVerification = pure(() =>
  z
    .object({
      status: z.enum(['valid', 'revoked', 'superseded', 'tampered', 'unknown']),
      sha256: z.string().check(z.describe('SHA-256 of the uploaded file')),
      reason: z.optional(z.enum(['content-differs', 'signature-invalid'])),
      message: localized,
      document: z
        .optional(verification)
        .check(z.describe('The issued document the file is, or claims to be')),
      embeddedSignature: z
        .optional(
          z.object({
            valid: z.boolean(),
            coversWholeFile: z.boolean(),
            trusted: z
              .boolean()
              .check(
                z.describe(
                  "Chains to this deployment's certificate authority or a trusted signing service's root (BSrE)",
                ),
              ),
            signer: z.string(),
            issuer: z.string(),
            signedAt: z.optional(z.string()),
            validFrom: z.optional(z.string()),
            validUntil: z.optional(z.string()),
          }),
        )
        .check(
          z.describe("The PDF's own (PAdES) signature, as any PDF reader checks it; absent when unsigned"),
        ),
    })
    .check(z.meta({ id: 'UploadVerification' })),
);

export const documentReasonBody = pure(() =>
  z
    .strictObject({ reason: safeText({ min: 3, max: 500, multiline: true }) })
    .check(z.meta({ id: 'DocumentReason' })),
);

export const documentRecordView = pure(() =>
  z
    .object({
      documentId: z.string(),
      requestId: z.string(),
      letterNumber: z.string(),
      issuedAt: z.string(),
      status: z.enum(['valid', 'revoked', 'superseded']),
      sha256: z.string(),
      revokedAt: z.optional(z.string()),
      revocation: z.optional(z.object({ reason: z.string(), by: z.string() })),
      supersededBy: z.optional(z.string()),
      supersedes: z.optional(z.string()),
    })
    .check(z.meta({ id: 'DocumentRecord' })),
);

// --- Villages as tenants (issue 4): onboarding a village and its staff ---

const placeName = pure(() => safeText({ min: 2, max: 100 }));
const strictLocalized = pure(() => safeLocalized({ max: 500, multiline: true }));

export const villageBody = pure(() =>
  z
    .strictObject({
      name: placeName,
      kind: z.enum(['desa', 'kelurahan']),
      district: z.strictObject({
        code: z.string().check(z.regex(/^\d{2}\.\d{2}\.\d{2}$/, 'district codes look like 35.10.06')),
        name: placeName,
        address: z.optional(
          safeText({ min: 5, max: 300 }).check(
            z.describe("The camat's office, one line: printed in the letterhead of letters the camat signs"),
          ),
        ),
      }),
      regency: z.strictObject({
        code: z.string().check(z.regex(/^\d{2}\.\d{2}$/, 'regency codes look like 35.10')),
        name: placeName,
      }),
      province: placeName,
      address: safeText({ min: 5, max: 300 }).check(z.describe('One line: it is printed in the letterhead')),
      head: z.strictObject({
        name: placeName.check(z.describe('Who signs the letters (kepala desa / lurah)')),
        title: z.strictObject({ id: placeName, en: placeName }),
      }),
      letterCode: z
        .string()
        .check(
          z.regex(/^[A-Z0-9]{2,10}$/, 'letter codes are 2 to 10 capital letters or digits, e.g. TMP'),
          z.describe('Short code inside letter numbers'),
        ),
      numberingScope: z.optional(z.enum(['village', 'classification', 'service'])),
      paper: z.optional(
        z.enum(['A4', 'F4']).check(z.describe('Paper of its letters: A4, or F4 (215 x 330 mm). Default A4')),
      ),
      services: z
        .array(z.string().check(z.minLength(1), z.maxLength(40)))
        .check(z.maxLength(100), z.describe("Codes of the regency's services the village offers")),
      announcements: z.optional(z.array(strictLocalized).check(z.maxLength(20))),
    })
    .check(z.meta({ id: 'VillageOnboarding' })),
);

export const villageRecord = pure(() =>
  z
    // A new object from the shape: extending the schema would carry its id (meta) along.
    .object({
      ...villageView.shape,
      district: z.object({ code: z.string(), name: z.string(), address: z.optional(z.string()) }),
      address: z.string(),
      head: z.object({ name: z.string(), title: localized }),
      letterCode: z.string(),
      numberingScope: z.optional(z.enum(['village', 'classification', 'service'])),
      paper: z.optional(z.enum(['A4', 'F4'])),
      announcements: z.optional(z.array(localized)),
    })
    .check(z.meta({ id: 'VillageRecord' })),
);

export const staffBody = pure(() =>
  z
    .strictObject({
      username: z
        .string()
        .check(
          z.regex(
            /^[a-z0-9][a-z0-9._-]{2,63}$/,
            'usernames are 3 to 64 lower-case letters, digits, dots, dashes or underscores',
          ),
        ),
      name: placeName,
      email: z.optional(z.email().check(z.maxLength(200))),
      phone: z.optional(
        z.string().check(z.regex(/^\+[1-9]\d{7,14}$/, 'a phone number in E.164 form, e.g. +6281234567890')),
      ),
      role: z.enum(['operator', 'village_secretary', 'village_head']),
    })
    .check(z.meta({ id: 'StaffAccountRequest' })),
);

export const staffView = pure(() =>
  z
    .object({
      username: z.string(),
      name: z.string(),
      email: z.optional(z.string()),
      phone: z.optional(z.string()),
      role: z.string(),
      area: z.string(),
    })
    .check(z.meta({ id: 'StaffAccount' })),
);
export const emblemView = pure(() =>
  z
    .object({
      regencyCode: z.string(),
      contentType: z.enum(['image/png', 'image/jpeg']),
      size: z.number().check(z.describe('Bytes')),
    })
    .check(z.meta({ id: 'RegencyEmblem' })),
);
// --- end villages as tenants ---

// --- Privacy (issue 4, items 6 and 7): data-subject exports for the data-protection officer ---

export const dataSubjectExportBody = pure(() =>
  z
    .strictObject({
      nik: z.string().check(
        z.superRefine((value: string, context) => {
          // The rule's message never repeats the value (validation.ts customMessages).
          if (!/^\d{16}$/.test(value)) context.addIssue({ code: 'custom', params: { rule: 'nik.format' } });
        }),
        z.meta({
          pattern: '^[0-9]{16}$',
          description:
            "The data subject's NIK (16 digits); sent in the body so it never appears in a URL or log",
        }),
      ),
    })
    .check(z.meta({ id: 'DataSubjectExportRequest' })),
);

const auditActorView = pure(() =>
  z.object({
    subject: z.string(),
    name: z.string(),
    roles: z.array(z.string()),
    areas: z.array(z.string()),
    agency: z.optional(z.string()),
    clientId: z.optional(z.string()),
  }),
);
const originView = pure(() => z.object({ ip: z.string(), userAgent: z.optional(z.string()) }));

export const auditEntryView = pure(() =>
  z
    .object({
      id: z.string(),
      at: z.string(),
      action: z.string(),
      target: z.object({ kind: z.string(), id: z.string() }),
      actor: auditActorView,
      origin: z.optional(originView),
      detail: z.optional(z.string()),
    })
    .check(z.meta({ id: 'AuditEntry' })),
);

export const dataSubjectExport = pure(() =>
  z
    .object({
      subject: z.object({
        personId: z
          .string()
          .check(z.describe('SHA-256 pseudonym of the NIK (the access trail names the person by it)')),
        nikMasked: z.string(),
      }),
      generatedAt: z.string(),
      generatedBy: z.object({ subject: z.string(), name: z.string(), areas: z.array(z.string()) }),
      householdSurveys: z
        .array(z.record(z.string(), z.unknown()))
        .check(
          z.describe('Household surveys listing the person as a member (issue 13), members by pseudonym'),
        ),
      requests: z.array(
        z.object({
          id: z.string(),
          villageCode: z.string(),
          serviceCode: z.string(),
          foundIn: z.array(z.string()).check(z.describe('The application fields that hold the NIK')),
          record: z
            .record(z.string(), z.unknown())
            .check(z.describe('The request as stored, without internal handles')),
          events: z.array(
            z.object({
              at: z.string(),
              type: z.string(),
              status: z.string(),
              actor: z.object({
                subject: z.string(),
                name: z.string(),
                role: z.string(),
                areas: z.optional(z.array(z.string())),
                agency: z.optional(z.string()),
                clientId: z.optional(z.string()),
                origin: z.optional(originView),
              }),
              stage: z.optional(z.string()),
              note: z.optional(z.string()),
            }),
          ),
          notifications: z.array(z.record(z.string(), z.unknown())),
          registryLookups: z.array(z.record(z.string(), z.unknown())),
          documents: z.array(z.record(z.string(), z.unknown())),
          accessTrail: z.array(auditEntryView),
        }),
      ),
    })
    .check(z.meta({ id: 'DataSubjectExport' })),
);
// --- end privacy ---

// --- Citizen channels (issue 4, item 5): NIK linking, tracking without an account ---------------------------

/** A NIK: 16 digits whose birth-date part is a real date (the same rule and messages as application forms). */
const nik = pure(() =>
  z.string().check(
    z.superRefine((value: string, context) => {
      const parsed = parseNik(value);
      if (typeof parsed === 'string') context.addIssue({ code: 'custom', params: { rule: `nik.${parsed}` } });
    }),
  ),
);

export const linkNikBody = pure(() =>
  z
    .strictObject({
      nik: nik.check(z.describe('The NIK on your KTP (16 digits)')),
      activationCode: z
        .string()
        .check(
          z.regex(
            /^[A-Za-z0-9 -]{10,20}$/,
            'the activation code on the slip from the village office, e.g. ABCDE-FGHJK',
          ),
          z.describe(
            'The activation code the village office gave you after seeing your KTP (valid 24 hours, once)',
          ),
        ),
    })
    .check(z.meta({ id: 'LinkNik' })),
);

export const nikActivationBody = pure(() =>
  z
    .strictObject({
      nik: nik.check(z.describe("The NIK on the person's KTP (16 digits); in the body, never in a URL")),
      name: personName.check(z.describe('The name on the KTP')),
      phone: z
        .optional(indonesianMobile)
        .check(
          z.describe(
            'Where the person is told when their NIK is linked or unlinked (the code is never sent)',
          ),
        ),
      email: z.optional(z.email().check(z.maxLength(200))).check(z.describe('As phone, by e-mail')),
    })
    .check(z.meta({ id: 'NikActivationInput' })),
);

export const nikActivationView = pure(() =>
  z
    .object({
      code: z
        .string()
        .check(z.describe('The activation code: shown once, for the slip; only its hash is kept')),
      villageCode: z.string(),
      name: z.string(),
      expiresAt: z.string(),
      contact: z.optional(contact).check(z.describe('Where the link notice will go')),
    })
    .check(z.meta({ id: 'NikActivation' })),
);

export const nikUnlinkBody = pure(() =>
  z
    .strictObject({
      nik: nik.check(z.describe('The NIK whose link is undone (16 digits); in the body, never in a URL')),
      reason: z
        .string()
        .check(
          z.trim(),
          z.minLength(5),
          z.maxLength(500),
          z.describe('Why (audited; long numbers are masked)'),
        ),
    })
    .check(z.meta({ id: 'NikUnlinkInput' })),
);

export const nikUnlinkView = pure(() =>
  z
    .object({ unlinked: z.literal(true), villageCode: z.string(), at: z.string() })
    .check(z.meta({ id: 'NikUnlink' })),
);

export const meView = pure(() =>
  z
    .object({
      name: z.string().check(z.describe("The account's name")),
      roles: z.array(z.string()),
      nik: z
        .optional(
          z.object({
            masked: z.string().check(z.describe('Region digits only: 351006**********')),
            name: z.string().check(z.describe('The name on the KTP, confirmed at the counter')),
            linkedAt: z.string(),
          }),
        )
        .check(z.describe('The NIK linked to this account, if any')),
    })
    .check(z.meta({ id: 'Me' })),
);

export const trackBody = pure(() =>
  z
    .strictObject({
      trackingCode: z
        .string()
        .check(
          z.trim(),
          z.regex(/^[A-Za-z0-9 -]{8,20}$/, 'a tracking code such as DD-7K3M-Q9XA'),
          z.describe('The code given on submission, e.g. DD-7K3M-Q9XA (case and dashes do not matter)'),
        ),
      nikLast6: z
        .string()
        .check(
          z.regex(/^\d{6}$/, 'the last 6 digits of the NIK'),
          z.describe("The last 6 digits of the applicant's NIK"),
        ),
    })
    .check(z.meta({ id: 'TrackRequest' })),
);

export const trackingView = pure(() =>
  z
    .object({
      trackingCode: z.string(),
      service: z.object({ code: z.string(), name: localized }),
      village: z.object({ code: z.string(), name: z.string() }),
      status: requestStatus,
      statusLabel: localized,
      submittedAt: z.string(),
      updatedAt: z.string(),
      expectedBy: z.optional(z.string()).check(z.describe("Submission time plus the service's target hours")),
      timeline: z
        .array(
          z.object({
            at: z.string(),
            status: requestStatus,
            label: localized,
            stage: z.optional(localized).check(z.describe('In review: the stage it moved to')),
          }),
        )
        .check(z.describe('Dates and status labels only: no names, notes or data')),
      nextStep: localized,
      bring: z.array(localized).check(z.describe('What to bring to the village office, if anything')),
    })
    .check(z.meta({ id: 'Tracking' })),
);
