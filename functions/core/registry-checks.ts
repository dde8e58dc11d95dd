import { type CheckTicket, type NextStep, resubmissionStep, stageAt, statusOf, stepAt } from './approvals.js';
import type { CheckStage } from './catalog/types.js';
import type { BpjsRegistry, PopulationRegistry, RegistryResult } from './ports.js';
import type { CheckResult, ServiceRequest } from './requests.js';
import { type ReviewDeps, transition, withRequest } from './review.js';
import { text } from './text.js';

export interface CheckDeps extends ReviewDeps {
  readonly population: PopulationRegistry;
  readonly bpjs: BpjsRegistry;
}

/**
 * Runs a check stage: every declared person against every registry of the stage.
 * Primary course (the SPM scheme, seed 002): the NIKs match the population data and, for the SPM, the
 * applicant is not already covered by BPJS → the request goes on (to welfare); on a mismatch the request
 * is RETURNED to the applicant with the reasons, and after the correction this stage runs again.
 */
export async function runChecks(deps: CheckDeps, requestId: string, ticket: CheckTicket): Promise<NextStep> {
  return withRequest(deps, requestId, async (request, service) => {
    if (request.status !== 'CHECKING' || request.stageIndex !== ticket.index) {
      return { step: stepAt(service, request.stageIndex) };
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
    const next = stepAt(service, ticket.index + 1);
    return transition(
      deps,
      { ...checked, stageIndex: ticket.index + 1 },
      statusOf(next),
      'CHECKS_MATCHED',
      next,
      { stage: stage.key },
    );
  });
}

async function checkAll(deps: CheckDeps, request: ServiceRequest, stage: CheckStage): Promise<CheckResult[]> {
  const at = deps.clock.now().toISOString();
  const context = { requestId: request.id, by: 'system', purpose: `${request.serviceCode}:${stage.key}` };
  const lookups = stage.subjects.flatMap((subject) => {
    const query = {
      nik: String(request.data[subject.nikField] ?? ''),
      villageCode: request.villageCode,
      ...optional('name', request.data[subject.nameField ?? '']),
      ...optional('birthDate', request.data[subject.birthDateField ?? '']),
      ...optional('familyCardNumber', request.data[subject.familyCardField ?? '']),
      ...(subject.deceased ? { deceased: true } : {}),
    };
    return stage.registries.map(async (registry) => {
      const result = await (registry === 'population' ? deps.population : deps.bpjs).check(query, context);
      return toCheckResult(stage, subject.nikField, result, at);
    });
  });
  return Promise.all(lookups);
}

/** BPJS answers "participant or not"; whether that passes depends on the service (SPM: must not be covered). */
function toCheckResult(stage: CheckStage, subject: string, result: RegistryResult, at: string): CheckResult {
  if (result.registry === 'bpjs' && stage.bpjsExpectation === 'not-covered') {
    const covered = result.outcome === 'match';
    return {
      stage: stage.key,
      registry: 'bpjs',
      subject,
      outcome: covered ? 'mismatch' : 'match',
      reasons: covered
        ? [
            text(
              `Sudah terdaftar sebagai peserta BPJS Kesehatan (kelas ${result.bpjsClass ?? '-'}); SPM hanya untuk warga yang belum terjamin.`,
              `Already covered by BPJS Kesehatan (class ${result.bpjsClass ?? '-'}); the SPM is only for residents without coverage.`,
            ),
          ]
        : [],
      at,
    };
  }
  return {
    stage: stage.key,
    registry: result.registry,
    subject,
    outcome: result.outcome,
    reasons: result.reasons,
    at,
  };
}

const optional = (name: string, value: unknown) =>
  typeof value === 'string' && value !== '' ? { [name]: value } : {};
