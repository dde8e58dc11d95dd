import { MUSDES_LIST_MAX_LENGTH, musdesVerification } from '../catalog/services/musdes-verification.js';
import { canRecordSurvey } from '../identity/policy.js';
import type { Actor } from '../identity/roles.js';
import { auditEntry } from '../privacy/audit.js';
import type { ServiceRequest } from '../requests/requests.js';
import { type SubmitDeps, submitRequest } from '../requests/submit-request.js';
import { ForbiddenError, ValidationError } from '../shared/errors.js';
import { text } from '../shared/text.js';
import { type HouseholdSurvey, latestPerHousehold, SURVEY_READ, type SurveyStore } from './survey.js';

export interface MusdesInput {
  /** A meeting per hamlet (musyawarah dusun): only the surveys of this hamlet. */
  readonly hamlet?: string;
}

const sameHamlet = (a: string | undefined, b: string) =>
  (a ?? '').trim().toLocaleLowerCase('id-ID') === b.trim().toLocaleLowerCase('id-ID');

/** "Misnadi (Dusun Krajan)": a household as the berita acara names it; never its KK or a NIK. */
const named = (survey: HouseholdSurvey): string => {
  const head = survey.members.find((member) => member.relation === 'kepala-keluarga') ?? survey.members[0];
  return `${head?.name ?? '-'} (${survey.hamlet ? `Dusun ${survey.hamlet}` : 'dusun tidak dicatat'})`;
};

/** The list as printed: by hamlet, then head's name, numbered. */
export function householdList(surveys: readonly HouseholdSurvey[]): string {
  return surveys
    .map((survey) => ({ hamlet: survey.hamlet ?? '', line: named(survey) }))
    .sort((a, b) => a.hamlet.localeCompare(b.hamlet, 'id') || a.line.localeCompare(b.line, 'id'))
    .map(({ line }, index) => `${index + 1}. ${line}`)
    .join('; ');
}

/**
 * POST /v1/villages/{code}/musdes-verifications: an enumerator or the operator of the village drafts the
 * musdes verification of its current surveys (the latest of each household; of one hamlet when named). The
 * list is compiled here, a snapshot, and the draft is a request of the MUSDES service (audience 'office',
 * compiled), so it runs through the generic approval workflow: village head → Dinas Sosial → berita acara.
 * Reading the surveys for it is audited like any read of them.
 */
export async function draftMusdesVerification(
  deps: SubmitDeps & { readonly surveys: Pick<SurveyStore, 'listAudited'> },
  actor: Actor,
  villageCode: string,
  input: MusdesInput,
  idempotencyKey?: string,
): Promise<{ request: ServiceRequest; replayed: boolean }> {
  if (!canRecordSurvey(actor, villageCode)) {
    throw new ForbiddenError(
      text(
        `Verifikasi musdes Desa ${villageCode} disusun oleh petugas pendata atau operator desa itu.`,
        `The musdes verification of village ${villageCode} is drafted by that village's enumerators or operator.`,
      ),
    );
  }
  const audit = auditEntry(
    actor,
    SURVEY_READ,
    { kind: 'survey', id: villageCode },
    deps.clock.now(),
    'musdes verification',
  );
  const current = latestPerHousehold(await deps.surveys.listAudited(villageCode, audit));
  const { hamlet } = input;
  const surveys =
    hamlet === undefined ? current : current.filter((survey) => sameHamlet(survey.hamlet, hamlet));
  if (surveys.length === 0) {
    // The hamlet is not repeated back: whatever was typed there stays out of the answer and the logs.
    throw new ValidationError(
      hamlet === undefined
        ? text('Belum ada survei rumah tangga untuk diverifikasi.', 'No household surveys to verify yet.')
        : text(
            'hamlet: belum ada survei rumah tangga di dusun itu.',
            'hamlet: no household surveys in that hamlet.',
          ),
      hamlet === undefined ? [] : [{ field: 'hamlet', message: text('tidak ada survei', 'no surveys') }],
    );
  }
  const households = householdList(surveys);
  if (households.length > MUSDES_LIST_MAX_LENGTH) {
    throw new ValidationError(
      text(
        `hamlet: daftar ${surveys.length} rumah tangga terlalu panjang untuk satu berita acara; susun per dusun.`,
        `hamlet: a list of ${surveys.length} households is too long for one set of minutes; draft one per hamlet.`,
      ),
      [{ field: 'hamlet', message: text('susun per dusun', 'draft one per hamlet') }],
    );
  }
  return submitRequest(
    deps,
    actor,
    {
      serviceCode: musdesVerification.code,
      villageCode,
      data: {
        coverage: hamlet === undefined ? 'Seluruh dusun' : `Dusun ${hamlet.trim()}`,
        householdCount: surveys.length,
        households,
      },
    },
    idempotencyKey,
    { compiled: true },
  );
}
