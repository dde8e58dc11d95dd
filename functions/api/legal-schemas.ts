import * as z from 'zod/mini';
import { LEGAL_STATUSES, LEGAL_TYPES } from '../core/legal/legal-types.js';
import { safeText } from '../core/shared/text-schema.js';
import { attachmentInput, ulid } from './schemas.js';

/* @__NO_SIDE_EFFECTS__ */
function pure<T>(build: () => T): T {
  return build();
}

export const legalProductParams = pure(() => z.strictObject({ id: ulid }));

export const regencyParams = pure(() =>
  z.strictObject({
    regencyCode: z.string().check(z.regex(/^\d{2}\.\d{2}$/, 'regency code looks like 35.10')),
  }),
);

export const legalDraftBody = pure(() =>
  z
    .strictObject({
      type: z.enum(LEGAL_TYPES),
      /** The draft's form (title, topic, subject, abstract; amends / revokes / budgetYear when they apply). */
      data: z.record(z.string().check(z.maxLength(40)), z.unknown()),
      /** The draft text (requirement `rancangan`), uploaded first via POST /v1/uploads. */
      attachments: z.optional(z.array(attachmentInput).check(z.maxLength(5))),
    })
    .check(z.meta({ id: 'LegalProductDraft' })),
);

const calendarDate = pure(() =>
  z.iso.date().check(z.describe('A date as YYYY-MM-DD, as the signed text shows it')),
);
const registerNumber = pure(() => z.int().check(z.minimum(1), z.maximum(9999)));

/** A product the village set before Desa Digital, entered with its own numbers and dates (its signed text). */
export const legalExistingBody = pure(() =>
  z
    .strictObject({
      type: z.enum(LEGAL_TYPES),
      /** The same form as a draft (title, topic, subject, abstract; amends / revokes / budgetYear). */
      data: z.record(z.string().check(z.maxLength(40)), z.unknown()),
      number: registerNumber,
      year: z.int().check(z.minimum(1945), z.maximum(2100)),
      enactedOn: calendarDate,
      gazetteNumber: z.optional(registerNumber),
      promulgatedOn: z.optional(calendarDate),
      /** The signed text (requirement `naskah-ditetapkan`, PDF), uploaded first via POST /v1/uploads. */
      attachments: z.array(attachmentInput).check(z.minLength(1), z.maxLength(1)),
    })
    .check(z.meta({ id: 'ExistingLegalProduct' })),
);

export const legalSearchQuery = pure(() =>
  z.strictObject({
    type: z.optional(z.enum(LEGAL_TYPES)),
    year: z.optional(z.coerce.number().check(z.int(), z.minimum(1945), z.maximum(2100))),
    status: z.optional(z.enum(LEGAL_STATUSES)),
    q: z.optional(safeText({ min: 1, max: 100 })),
  }),
);

const dated = pure(() => z.object({ date: z.string(), number: z.string() }));

export const legalProduct = pure(() =>
  z
    .object({
      id: z.string(),
      type: z.enum(LEGAL_TYPES),
      typeName: z.object({ id: z.string(), en: z.string() }),
      citation: z.object({ id: z.string(), en: z.string() }),
      villageCode: z.string(),
      villageName: z.string(),
      number: z.number(),
      year: z.number(),
      title: z.string(),
      topic: z.string(),
      subject: z.string(),
      abstract: z.string(),
      enactedOn: z.string(),
      enactedBy: z.string(),
      gazette: z.optional(z.object({ kind: z.string(), number: z.number(), on: z.string() })),
      bpdAgreement: z.optional(dated),
      evaluation: z.optional(dated),
      bupatiReport: z.optional(dated),
      status: z.enum(LEGAL_STATUSES),
      amends: z.optional(z.string()),
      revokes: z.optional(z.string()),
      amendedBy: z.optional(z.array(z.string())),
      revokedBy: z.optional(z.string()),
      budgetYear: z.optional(z.number()),
      textPath: z.string(),
      textSize: z.number(),
      updatedAt: z.string(),
    })
    .check(z.meta({ id: 'LegalProduct' })),
);

export const legalProductList = pure(() =>
  z.object({ items: z.array(legalProduct) }).check(z.meta({ id: 'LegalProductList' })),
);

/** BPHN's ILDIS feed shape: every value a string (see core/legal/jdihn.ts). */
export const jdihnFeed = pure(() =>
  z.array(z.record(z.string(), z.string())).check(z.meta({ id: 'JdihnDocuments' })),
);
