import type { CheckStage, RegistryName } from '../catalog/types.js';
import type { CheckResult, ServiceRequest } from '../requests/requests.js';
import type { BpjsRegistry, DesilRegistry, PopulationRegistry, RegistryResult } from '../shared/ports.js';
import { text } from '../shared/text.js';
import { DESIL_REASON, withinDesil } from '../welfare/desil.js';
import {
  type CheckTicket,
  indexOf,
  type NextStep,
  resubmissionStep,
  stageAt,
  statusOf,
  stepAt,
} from './approvals.js';
import { type ReviewDeps, transition, withRequest } from './review.js';

export interface CheckDeps extends ReviewDeps {
  readonly population: PopulationRegistry;
  readonly bpjs: BpjsRegistry;
  readonly desil: DesilRegistry;
}

/**
 * Runs a check stage: every declared person against the population register, and those whose identity
 * matched against the stage's other registries.
 * Primary course (the SPM scheme, seed 002): the NIKs match the population data and, for the SPM, the
 * applicant is not already covered by BPJS → the request goes on (to welfare); on a mismatch the request
 * is RETURNED to the applicant with the reasons, and after the correction this stage runs again.
 */
export async function runChecks(deps: CheckDeps, requestId: string, ticket: CheckTicket): Promise<NextStep> {
  return withRequest(deps, requestId, async (request, service) => {
    if (request.status !== 'CHECKING' || request.stageIndex !== ticket.index) {
      return { step: stepAt(service, request.stageIndex, request.data, request.records) };
    }
    const stage = stageAt(service, ticket.index);
    if (stage.kind !== 'check') throw new Error(`Stage ${stage.key} of ${service.code} is not a check`);
    const results = await checkAll(deps, request, stage);
    const failed = results.filter((result) => result.outcome === 'mismatch');
    const checked = { ...request, checks: results };
    if (failed.length > 0) {
      return transition(
        deps,
        { ...checked, returnedFrom: ticket.index },
        'RETURNED',
        'CHECK_MISMATCH',
        resubmissionStep(ticket.index),
        {
          stage: stage.key,
          note: failed
            .flatMap((result) => result.reasons.map((reason) => `${reason.id} / ${reason.en}`))
            .join('; '),
        },
      );
    }
    const next = stepAt(service, ticket.index + 1, request.data, request.records);
    return transition(
      deps,
      { ...checked, stageIndex: indexOf(next, service) },
      statusOf(next),
      'CHECKS_MATCHED',
      next,
      { stage: stage.key },
    );
  });
}

/**
 * What a returned request says about a registry answer. These are the only texts a check puts on a request
 * (and so in its events, views, notifications and tracking): none echoes a value a register holds.
 */
export const CHECK_REASONS = {
  /** Any identity mismatch: unknown NIK, wrong name, birth date or family card are not told apart. */
  identityUnconfirmed: text(
    'Identitas (NIK, nama, tanggal lahir, nomor KK) sebagaimana diisikan tidak dapat dikonfirmasi di data kependudukan; periksa kembali sesuai KTP dan KK',
    'The identity as declared (NIK, name, birth date, family card number) could not be confirmed against the population register; check it against the ID card and family card',
  ),
  /** SPM: the applicant's own, matched identity is already insured (no class: that is the register's value). */
  alreadyCovered: text(
    'Sudah terdaftar sebagai peserta BPJS Kesehatan; SPM hanya untuk warga yang belum terjamin.',
    'Already covered by BPJS Kesehatan; the SPM is only for residents without coverage.',
  ),
  /** Desil: the household is not in the stage's deciles, or not ranked at all (told apart for nobody). */
  outsideDesil: DESIL_REASON,
} as const;

type OtherRegistry = Exclude<RegistryName, 'population'>;
type Registry = PopulationRegistry | BpjsRegistry | DesilRegistry;

/**
 * Checks each declared person (subject) of a stage. The population register is asked first, always: it
 * answers "does this identity match". Only for a subject whose identity matched are the stage's other
 * registers asked (BPJS, DTSEN desil; any register added to RegistryName must be wired in `others`, and falls under
 * the same rule). Every answer is logged by the registry adapters (withLookupLog), as before.
 */
export async function checkAll(
  deps: Pick<CheckDeps, 'clock' | 'population' | 'bpjs' | 'desil'>,
  request: Pick<ServiceRequest, 'id' | 'serviceCode' | 'villageCode' | 'data'>,
  stage: CheckStage,
): Promise<CheckResult[]> {
  const at = deps.clock.now().toISOString();
  const context = { requestId: request.id, by: 'system', purpose: `${request.serviceCode}:${stage.key}` };
  const others: Record<OtherRegistry, Registry> = { bpjs: deps.bpjs, desil: deps.desil };
  const perSubject = stage.subjects.map(async (subject) => {
    const query = {
      nik: String(request.data[subject.nikField] ?? ''),
      villageCode: request.villageCode,
      ...optional('name', request.data[subject.nameField ?? '']),
      ...optional('birthDate', request.data[subject.birthDateField ?? '']),
      ...optional('familyCardNumber', request.data[subject.familyCardField ?? '']),
      ...(subject.deceased ? { deceased: true } : {}),
    };
    const identity = await deps.population.check(query, context);
    const confirmed = identity.outcome === 'match' || identity.identity === 'confirmed';
    const first = toCheckResult(stage, subject.nikField, identity, confirmed, at);
    if (!confirmed) return [first];
    const rest = await Promise.all(
      stage.registries
        .filter((registry): registry is OtherRegistry => registry !== 'population')
        .map(async (registry) =>
          toCheckResult(stage, subject.nikField, await others[registry].check(query, context), true, at),
        ),
    );
    return [first, ...rest];
  });
  return (await Promise.all(perSubject)).flat();
}

/**
 * A registry answer as the request records it. An unconfirmed identity gets one reason that names no field
 * and no value. BPJS answers "participant or not"; whether that passes depends on the service (SPM: must not
 * be covered); the class it answers is never recorded. The desil register answers the household's decile;
 * the stage's maxDesil decides, and neither the decile nor which side of the line it fell is recorded.
 */
function toCheckResult(
  stage: CheckStage,
  subject: string,
  result: RegistryResult,
  identityConfirmed: boolean,
  at: string,
): CheckResult {
  const recorded = { stage: stage.key, registry: result.registry, subject, at };
  if (!identityConfirmed) {
    return { ...recorded, outcome: 'mismatch', reasons: [CHECK_REASONS.identityUnconfirmed] };
  }
  if (result.registry === 'bpjs' && stage.bpjsExpectation === 'not-covered') {
    const covered = result.outcome === 'match';
    return {
      ...recorded,
      outcome: covered ? 'mismatch' : 'match',
      reasons: covered ? [CHECK_REASONS.alreadyCovered] : [],
    };
  }
  if (result.registry === 'desil') {
    const within = withinDesil(result.desil, stage.maxDesil ?? 0);
    return {
      ...recorded,
      outcome: within ? 'match' : 'mismatch',
      reasons: within ? [] : [CHECK_REASONS.outsideDesil],
    };
  }
  return { ...recorded, outcome: result.outcome, reasons: result.outcome === 'match' ? [] : result.reasons };
}

const optional = (name: string, value: unknown) =>
  typeof value === 'string' && value !== '' ? { [name]: value } : {};
