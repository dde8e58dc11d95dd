import type { ServiceCatalog } from '../catalog/service-catalog.js';
import { draftsFor } from '../identity/policy.js';
import type { Actor } from '../identity/roles.js';
import { auditEntry } from '../privacy/audit.js';
import { type AttachmentInput, acceptAttachments, type UploadStore } from '../requests/attachments.js';
import { validateApplication } from '../requests/submit-request.js';
import { ConflictError, type FieldIssue, ForbiddenError, ValidationError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Clock, VillageDirectory } from '../shared/ports.js';
import { text } from '../shared/text.js';
import { regencyCodeOf, villageFor } from '../villages/places.js';
import type { SiteChanged } from '../website/stale-sites.js';
import type { LegalProduct } from './legal-products.js';
import { GAZETTE_NAMES, LEGAL_TYPE_DEFINITIONS, type LegalType } from './legal-types.js';
import type { LegalProductStore } from './ports.js';
import { applyToTargets, assertTargets } from './targets.js';

/** A product the village set before it used Desa Digital, as its signed text says. */
export interface ExistingLegalProductInput {
  readonly type: LegalType;
  readonly data: Readonly<Record<string, unknown>>;
  readonly number: number;
  readonly year: number;
  /** YYYY-MM-DD */
  readonly enactedOn: string;
  /** Its Lembaran Desa / Berita Desa number and date, for the types that are promulgated. */
  readonly gazetteNumber?: number;
  readonly promulgatedOn?: string;
  /** The signed text (requirement `naskah-ditetapkan`, PDF). */
  readonly attachments: readonly AttachmentInput[];
}

export interface ExistingLegalProductDeps {
  readonly legalProducts: LegalProductStore;
  readonly villages: VillageDirectory;
  readonly catalog: ServiceCatalog;
  readonly uploads: UploadStore;
  readonly clock: Clock;
  /** The village's site lists its legal products: marked stale once the entry is in. */
  readonly siteChanged: SiteChanged;
}

const SIGNED_TEXT = 'naskah-ditetapkan';

/**
 * The village secretary enters a legal product the village set before (the seed's villages had "never
 * uploaded" theirs to the JDIH): its own numbers and dates as its signed text shows them, the text itself.
 * It goes straight into the register (it was decided long ago: there is no chain to run). Its numbers are
 * claimed with it: a number another product of the village holds is a 409 naming it, nothing written.
 */
export async function enterExistingLegalProduct(
  deps: ExistingLegalProductDeps,
  actor: Actor,
  villageCode: string,
  input: ExistingLegalProductInput,
): Promise<LegalProduct> {
  if (!draftsFor(actor, villageCode)) {
    throw new ForbiddenError(
      text(
        `Hanya sekretaris desa ${villageCode} yang mencatat produk hukumnya.`,
        `Only the secretary of village ${villageCode} enters its legal products.`,
      ),
    );
  }
  const village = await villageFor(deps.villages, villageCode);
  const definition = LEGAL_TYPE_DEFINITIONS[input.type];
  const service = await deps.catalog.get(village.code, definition.serviceCode);
  const data = validateApplication(service, input.data);
  const now = deps.clock.now();
  const problems = datingProblems(input, definition.gazette !== undefined, now);
  if (problems.length > 0) {
    throw new ValidationError(
      text(
        `Data tidak valid: ${problems.map((problem) => problem.message.id).join('; ')}`,
        `Invalid data: ${problems.map((problem) => problem.message.en).join('; ')}`,
      ),
      problems,
    );
  }
  await assertTargets(deps.legalProducts, village.code, data);
  const id = newId(now);
  const [signed] = await acceptAttachments(
    deps,
    actor,
    'village_secretary',
    { requestId: id, villageCode: village.code, serviceCode: service.code, requirementCodes: [SIGNED_TEXT] },
    input.attachments,
  );
  if (!signed) {
    throw new ValidationError(
      text('Lampirkan naskah yang ditandatangani (PDF).', 'Attach the signed text (PDF).'),
      [{ field: 'attachments', message: text(`${SIGNED_TEXT} wajib`, `${SIGNED_TEXT} is required`) }],
    );
  }
  const product: LegalProduct = {
    id,
    type: input.type,
    villageCode: village.code,
    regencyCode: regencyCodeOf(village.code),
    villageName: village.name,
    number: input.number,
    year: input.year,
    title: String(data.title),
    topic: String(data.topic),
    subject: String(data.subject),
    abstract: String(data.abstract),
    enactedOn: input.enactedOn,
    enactedBy: village.head.name,
    ...(definition.gazette && input.gazetteNumber !== undefined && input.promulgatedOn
      ? { gazette: { kind: definition.gazette, number: input.gazetteNumber, on: input.promulgatedOn } }
      : {}),
    status: 'berlaku',
    ...(typeof data.amends === 'string' ? { amends: data.amends } : {}),
    ...(typeof data.revokes === 'string' ? { revokes: data.revokes } : {}),
    ...(typeof data.budgetYear === 'number' ? { budgetYear: data.budgetYear } : {}),
    text: { objectKey: signed.objectKey, size: signed.size },
    updatedAt: now.toISOString(),
  };
  const outcome = await deps.legalProducts.create(
    product,
    auditEntry(
      actor,
      'legal.enter',
      { kind: 'legal', id },
      now,
      `${definition.abbreviation} ${input.number}/${input.year}`,
    ),
  );
  if (outcome === 'number-taken' || outcome === 'gazette-number-taken') {
    const what =
      outcome === 'number-taken'
        ? text(`${definition.name.id} Nomor ${input.number}`, `${definition.name.en} No. ${input.number}`)
        : text(
            `${GAZETTE_NAMES[definition.gazette ?? 'berita-desa'].id} Nomor ${input.gazetteNumber}`,
            `${GAZETTE_NAMES[definition.gazette ?? 'berita-desa'].en} No. ${input.gazetteNumber}`,
          );
    throw new ConflictError(
      'LEGAL_NUMBER_TAKEN',
      text(
        `${what.id} Tahun ${input.year} sudah tercatat untuk desa ini.`,
        `${what.en} of ${input.year} is already in this village's register.`,
      ),
    );
  }
  if (outcome !== 'created') throw new Error(`Legal product ${id} already existed`);
  await applyToTargets(deps.legalProducts, product, now);
  await deps.siteChanged(village.code);
  return product;
}

/** Dates as the text shows them: in the past, promulgated on or after it was set, numbered in that year. */
function datingProblems(input: ExistingLegalProductInput, promulgated: boolean, now: Date): FieldIssue[] {
  const issue = (field: string, id: string, en: string): FieldIssue => ({
    field,
    message: text(`${field}: ${id}`, `${field}: ${en}`),
  });
  const today = now.toISOString().slice(0, 10);
  const problems: FieldIssue[] = [];
  if (promulgated && (input.gazetteNumber === undefined || !input.promulgatedOn)) {
    problems.push(
      issue(
        'promulgatedOn',
        'nomor dan tanggal pengundangan wajib',
        'the promulgation number and date are required',
      ),
    );
  }
  if (!promulgated && (input.gazetteNumber !== undefined || input.promulgatedOn)) {
    problems.push(issue('promulgatedOn', 'jenis ini tidak diundangkan', 'this type is not promulgated'));
  }
  if (input.enactedOn > today) problems.push(issue('enactedOn', 'belum terjadi', 'is in the future'));
  const numbered = promulgated ? input.promulgatedOn : input.enactedOn;
  if (input.promulgatedOn && input.promulgatedOn < input.enactedOn) {
    problems.push(issue('promulgatedOn', 'sebelum tanggal penetapan', 'is before the date it was set'));
  }
  if (numbered && Number(numbered.slice(0, 4)) !== input.year) {
    problems.push(
      issue(
        'year',
        `harus tahun ${numbered.slice(0, 4)} (tahun diundangkan/ditetapkan)`,
        `must be ${numbered.slice(0, 4)}, the year it was promulgated or set`,
      ),
    );
  }
  return problems;
}
