import { PRICES } from '../../bench/cost-model.js';
import type { ServiceDefinition } from '../../functions/core/catalog/types.js';

/**
 * The capacity plan's arithmetic (issue 15, item 5): from the service catalog's chains, per-document figures
 * from the bench and stated assumptions, the load an area puts on one AWS account in one region, set against
 * that region's default quotas. Pure: the script (scripts/capacity.ts) gathers the inputs and prints.
 */

/** One service's chain as the workflow runs it (lib/constructs/approval-workflow.ts). */
export interface ServiceChain {
  readonly code: string;
  /** Human stages N (a conditional stage counted as taken: an upper bound). */
  readonly decisionStages: number;
  /** Registry checks and publications: run inside AwaitDecision on the way, no transition of their own. */
  readonly automatedSteps: number;
  /** Persyaratan the applicant must upload. */
  readonly requiredAttachments: number;
}

export const chainOf = (service: ServiceDefinition): ServiceChain => ({
  code: service.code,
  decisionStages: service.stages.filter((stage) => stage.kind === 'decision').length,
  automatedSteps: service.stages.filter((stage) => stage.kind !== 'decision').length,
  requiredAttachments: service.requirements.filter((requirement) => requirement.required).length,
});

/** Per issued document, measured by the bench where it has run, otherwise stated (see `source`). */
export interface DocumentFigures {
  /** Infrastructure cost per 1,000 documents, messages apart (bench/cost-model.ts costPer1000). */
  readonly costPer1000: number;
  /** DynamoDB write request units, index writes included. */
  readonly writeUnits: number;
  /** Bytes the request keeps in the table (request, events, outbox, audit, document record). */
  readonly tableBytes: number;
  /** The issued PDF. */
  readonly pdfBytes: number;
  readonly source: string;
}

/** An area served from one AWS account and region. */
export interface Area {
  readonly name: string;
  readonly population: number;
  /** Villages (desa) and wards (kelurahan): each has its own office, counter and letter numbering. */
  readonly villages: number;
}

export const AREAS = {
  banyuwangi: { name: 'Banyuwangi', population: 1_700_000, villages: 189 + 28 },
  eastJava: { name: 'East Java', population: 41_000_000, villages: 8_500 },
} as const satisfies Record<string, Area>;

/** What the plan assumes; each value is listed in docs/capacity.md with its reason (ASSUMPTION_NOTES). */
export interface Assumptions {
  readonly requestsPerResidentPerYear: number;
  readonly workingDaysPerYear: number;
  /** Busiest working day (January, before Lebaran) over an average working day. */
  readonly peakDayFactor: number;
  /** Share of a day's requests that arrive in its busiest hour. */
  readonly busiestHourShare: number;
  /** Calendar days a human stage stays open, on average. */
  readonly stageOpenDays: number;
  /** Requests returned once for correction (one more stage and transition each). */
  readonly returnShare: number;
  /** Stages escalated past their deadline (two more transitions each). */
  readonly escalationShare: number;
  /** API calls a request's people make (uploads, submission, inbox lists, decisions, reads, download, verify). */
  readonly apiCallsPerRequest: number;
  /** Mean billed duration of one invocation in AWS, API and workflow tasks alike. */
  readonly invocationSeconds: number;
  /** Mean size of one uploaded persyaratan (phone photo or scan). */
  readonly attachmentBytes: number;
  /** The most populous village over the area's average village. */
  readonly largestVillageFactor: number;
  /** Writes to the per-village numbering counter per issued letter (one atomic ADD). */
  readonly counterWritesPerLetter: number;
  /** Writes to the deployment-wide reminder digest partition per stage opened (head or held item). */
  readonly digestWritesPerStage: number;
  /** SMS per letter: the applicant's issued notice plus the staff reminders under the hourly digest. */
  readonly smsPerLetter: number;
  /** The state machine's timeout: no execution stays open longer (lib/constructs/approval-workflow.ts). */
  readonly executionTimeoutDays: number;
  /** Steady requests per second the deployment's API stage accepts (config apiRateLimit; default 100). */
  readonly apiRateLimit: number;
}

export const ASSUMPTIONS: Assumptions = {
  requestsPerResidentPerYear: 0.5,
  workingDaysPerYear: 245,
  peakDayFactor: 3,
  busiestHourShare: 0.2,
  stageOpenDays: 1,
  returnShare: 0.1,
  escalationShare: 0.1,
  apiCallsPerRequest: 13,
  invocationSeconds: 0.3,
  attachmentBytes: 400 * 1024,
  largestVillageFactor: 3,
  counterWritesPerLetter: 1,
  digestWritesPerStage: 2,
  smsPerLetter: 2,
  executionTimeoutDays: 30,
  apiRateLimit: 100,
};

export const ASSUMPTION_NOTES: Readonly<Record<keyof Assumptions, string>> = {
  requestsPerResidentPerYear:
    'no measured figure found: half a letter per resident a year, about two per household of four; check it against a village register of outgoing letters (buku agenda surat keluar) before relying on the figures',
  workingDaysPerYear: 'Monday to Friday, less national holidays and cuti bersama',
  peakDayFactor: 'January (school, BPJS and new-year paperwork) and the weeks before Lebaran',
  busiestHourShare: 'offices open 08:00–14:00/16:00; the morning queue at the counter',
  stageOpenDays:
    'stage targets are 1–48 hours; a day allows for evenings and weekends. The open-execution bound at the timeout is shown beside it',
  returnShare: 'one in ten requests sent back once for a missing or unreadable persyaratan',
  escalationShare: 'one stage in ten passes its deadline (a village head away)',
  apiCallsPerRequest:
    'the bench\'s SKU letter: API Gateway $0.013 per 1,000 letters at $1.00 per million (README "Benchmarks"); more stages make a few more',
  invocationSeconds:
    'warm handlers with a few DynamoDB, S3 or KMS calls each; IssueDocument (PDF and signature) is the longest',
  attachmentBytes: 'a compressed phone photo or a one-page scan; uploads are capped at 5 MB',
  largestVillageFactor: 'the most populous village or ward against the average one',
  counterWritesPerLetter:
    'COUNTER#<village>#<year>#<scope>: one ADD per letter number drawn (functions/adapters/dynamo-document-registry.ts); every letter of the village shares one counter with numberingScope "village" (the default)',
  digestWritesPerStage:
    'DIGEST#<hour>: one partition for the whole deployment per hour (functions/adapters/keys.ts), a head or held-reminder item per decider reminded, one decider per stage',
  smsPerLetter:
    'README "Benchmarks": the applicant\'s issued notice plus one staff SMS under the hourly digest at 4 letters a decider-hour',
  executionTimeoutDays: 'ApprovalWorkflow timeout (default 30 days)',
  apiRateLimit: 'config/deployments.ts apiRateLimit, default 100 (burst twice that)',
};

/** A default quota of ap-southeast-3 (Jakarta), with where it was read. */
export interface Quota {
  readonly value: number;
  /** What the value counts, for the table's limit column. */
  readonly label: string;
  readonly source: string;
}

const SFN_QUOTAS =
  'AWS Step Functions Developer Guide, "Step Functions service quotas" (docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html, stored copy read 2026-12-03)';
/** The throttling tables have one row for N. Virginia, Oregon and Ireland and one for every other region. */
const SFN_OTHER_REGIONS = `${SFN_QUOTAS}, "All other regions" row (ap-southeast-3 is one)`;

/** Default quotas (not an account's applied ones: new accounts start lower, see docs/capacity.md). */
export const QUOTAS = {
  startExecutionPerSecond: {
    value: 150,
    label: 'refill per second',
    source: `${SFN_OTHER_REGIONS}: StartExecution, Standard, bucket 800, refill 150 per second`,
  },
  stateTransitionsPerSecond: {
    value: 800,
    label: 'refill per second',
    source: `${SFN_OTHER_REGIONS}: StateTransition, Standard, bucket 800, refill 800 per second`,
  },
  sendTaskSuccessPerSecond: {
    value: 300,
    label: 'refill per second',
    source: `${SFN_OTHER_REGIONS}: SendTaskSuccess, bucket 1,500, refill 300 per second`,
  },
  openExecutions: {
    value: 1_000_000,
    label: 'per account and region',
    source: `${SFN_QUOTAS}, quotas related to accounts: maximum open executions, 1,000,000 per account and region (can be increased to millions)`,
  },
  lambdaConcurrency: {
    value: 1_000,
    label: 'per account and region',
    source:
      'AWS Lambda Developer Guide, "Lambda quotas" (docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html, read 2026-12-03): concurrent executions 1,000 per region; new accounts have reduced concurrency quotas',
  },
  partitionWriteUnits: {
    value: 1_000,
    label: 'per partition',
    source:
      'AWS Knowledge Center "on-demand table throttling" (repost.aws/knowledge-center/on-demand-table-throttling-dynamodb, read 2026-12-03): a partition serves up to 1,000 write or 3,000 read request units a second',
  },
  partitionBytes: {
    value: 10 * 2 ** 30,
    label: 'per partition',
    source:
      'DynamoDB Developer Guide, "Best practices for tables", partition behaviour (stored copy, read 2026-12-03): a partition holds about 10 GB',
  },
  tableWriteUnits: {
    value: 40_000,
    label: 'per on-demand table',
    source:
      'DynamoDB Developer Guide, "Quotas in Amazon DynamoDB" (read 2026-12-03): on-demand, 40,000 write request units per table',
  },
  newTableWriteUnits: {
    value: 4_000,
    label: 'new on-demand table',
    source:
      'AWS Knowledge Center "on-demand table throttling" (read 2026-12-03): a new on-demand table takes up to 4,000 write request units at once, then up to twice its previous peak',
  },
} as const satisfies Record<string, Quota>;

export type QuotaName = keyof typeof QUOTAS;

/** One figure set against a limit. */
export interface Check {
  readonly measure: string;
  readonly value: number;
  readonly limit: number;
  /** Where the limit comes from: a quota, or the deployment's own setting. */
  readonly limitName: QuotaName | 'apiRateLimit';
  /** What to do once the figure nears the limit. */
  readonly whenNear: string;
}

export interface CapacityFigures {
  readonly area: Area;
  readonly requestsPerYear: number;
  readonly requestsPerWorkingDay: number;
  readonly requestsPerPeakDay: number;
  /** Mean arrival rate in the busiest hour of the busiest day. */
  readonly requestsPerSecondAtPeak: number;
  readonly meanDecisionStages: number;
  readonly meanTransitions: number;
  /** Open executions at the peak at the stated stage time, and if every execution ran to its timeout. */
  readonly openExecutions: number;
  readonly openExecutionsAtTimeout: number;
  readonly checks: readonly Check[];
  readonly storage: { readonly s3BytesPerYear: number; readonly tableBytesPerYear: number };
  /** Table write units a second at the peak, and the partitions DynamoDB needs for them and for a year's items. */
  readonly dynamo: {
    readonly writeUnitsPerSecond: number;
    readonly partitionsForWrites: number;
    readonly partitionsForOneYear: number;
  };
  readonly monthlyCost: {
    readonly infrastructure: number;
    readonly smsLow: number;
    readonly smsHigh: number;
    readonly email: number;
    /** S3 and DynamoDB storage of one year's documents, a month, once the year is kept. */
    readonly storageAfterOneYear: number;
  };
}

/**
 * Billed transitions of one request: N + 1 straight through (N × AwaitDecision, IssueDocument), one more
 * for a return (the correction's stage), two more for an escalation (EscalateStage, AwaitDecision again).
 */
export const transitionsPerRequest = (
  decisionStages: number,
  assumptions: Pick<Assumptions, 'returnShare' | 'escalationShare'> = ASSUMPTIONS,
): number => decisionStages + 1 + assumptions.returnShare + 2 * assumptions.escalationShare * decisionStages;

/**
 * Writes per second to the busiest village's numbering counter (one item, hence one partition) in the
 * busiest hour: its share of the area's peak arrivals, every request taken to an issued letter.
 */
export const counterWritesPerSecond = (
  area: Area,
  requestsPerSecondAtPeak: number,
  assumptions: Pick<Assumptions, 'largestVillageFactor' | 'counterWritesPerLetter'> = ASSUMPTIONS,
): number =>
  (requestsPerSecondAtPeak / area.villages) *
  assumptions.largestVillageFactor *
  assumptions.counterWritesPerLetter;

const mean = (values: readonly number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

/**
 * The area's figures for a service mix in which every given service is equally likely (a request for a
 * three-stage permit as likely as one for a domicile letter: an overestimate of the longer chains).
 * @param figuresOf per-document figures of a chain
 */
export function capacityOf(
  area: Area,
  chains: readonly ServiceChain[],
  figuresOf: (chain: ServiceChain) => DocumentFigures,
  assumptions: Assumptions = ASSUMPTIONS,
): CapacityFigures {
  if (chains.length === 0) throw new Error('capacityOf needs at least one service chain');
  const requestsPerYear = area.population * assumptions.requestsPerResidentPerYear;
  const requestsPerWorkingDay = requestsPerYear / assumptions.workingDaysPerYear;
  const requestsPerPeakDay = requestsPerWorkingDay * assumptions.peakDayFactor;
  const perSecond = (requestsPerPeakDay * assumptions.busiestHourShare) / 3600;

  const figures = chains.map(figuresOf);
  const meanDecisionStages = mean(chains.map((chain) => chain.decisionStages));
  const meanTransitions = mean(
    chains.map((chain) => transitionsPerRequest(chain.decisionStages, assumptions)),
  );
  const meanAttachments = mean(chains.map((chain) => chain.requiredAttachments));
  // One SendTaskSuccess per decision and per correction; an escalation is a timeout, not a signal.
  const decisionsPerRequest = meanDecisionStages + assumptions.returnShare;

  // Little's law: executions open = arrivals a day × days each stays open (calendar days, at the peak rate).
  const executionDays = (meanDecisionStages + assumptions.returnShare) * assumptions.stageOpenDays;
  const openExecutions = requestsPerPeakDay * executionDays;
  const openExecutionsAtTimeout = requestsPerPeakDay * assumptions.executionTimeoutDays;
  const invocationsPerSecond = perSecond * (assumptions.apiCallsPerRequest + meanTransitions);
  const writeUnitsPerSecond = perSecond * mean(figures.map((figure) => figure.writeUnits));

  const checks: Check[] = [
    {
      measure: 'StartExecution per second',
      value: perSecond,
      limit: QUOTAS.startExecutionPerSecond.value,
      limitName: 'startExecutionPerSecond',
      whenNear:
        'request a StartExecution increase (Service Quotas, Step Functions); submissions retry throttled starts, the reconciler restarts the rest',
    },
    {
      measure: 'State transitions per second',
      value: perSecond * meanTransitions,
      limit: QUOTAS.stateTransitionsPerSecond.value,
      limitName: 'stateTransitionsPerSecond',
      whenNear:
        'request a StateTransition increase; new accounts start below the default, so check the applied value before the first January',
    },
    {
      measure: 'SendTaskSuccess per second (decisions)',
      value: perSecond * decisionsPerRequest,
      limit: QUOTAS.sendTaskSuccessPerSecond.value,
      limitName: 'sendTaskSuccessPerSecond',
      whenNear: 'request a SendTaskSuccess increase; the reconciler re-sends signals that were throttled',
    },
    {
      measure: `Open executions (${assumptions.stageOpenDays} day per stage)`,
      value: openExecutions,
      limit: QUOTAS.openExecutions.value,
      limitName: 'openExecutions',
      whenNear:
        'request an open-executions increase (it goes to millions), or split the area over several accounts: the quota is per account and region, whatever the number of stacks',
    },
    {
      measure: `Open executions if all ran to the ${assumptions.executionTimeoutDays}-day timeout`,
      value: openExecutionsAtTimeout,
      limit: QUOTAS.openExecutions.value,
      limitName: 'openExecutions',
      whenNear:
        'a bound, not a forecast: stalled offices keep executions open until the timeout. Alarm on open executions and raise the quota before this bound is reached',
    },
    {
      measure: 'Lambda concurrency',
      value: invocationsPerSecond * assumptions.invocationSeconds,
      limit: QUOTAS.lambdaConcurrency.value,
      limitName: 'lambdaConcurrency',
      whenNear:
        'request a concurrent-executions increase; a new account may start far lower, and the stack reserves 2 × 5 for the verification routes, which Lambda refuses unless 100 stay unreserved',
    },
    {
      measure: 'API requests per second',
      value: perSecond * assumptions.apiCallsPerRequest,
      limit: assumptions.apiRateLimit,
      limitName: 'apiRateLimit',
      whenNear:
        "raise the deployment's apiRateLimit in config/deployments.ts (the stage throttle; burst twice it) and redeploy; the busiest minutes exceed the hour's mean",
    },
    {
      measure: 'DynamoDB write units per second (table)',
      value: writeUnitsPerSecond,
      limit: QUOTAS.newTableWriteUnits.value,
      limitName: 'newTableWriteUnits',
      whenNear:
        'an on-demand table doubles its previous peak within 30 minutes: ramp a new deployment up over weeks, or pre-warm it (warm throughput) before the first peak; the per-table quota is 40,000',
    },
    {
      measure: 'Numbering counter writes per second (busiest village)',
      value: counterWritesPerSecond(area, perSecond, assumptions),
      limit: QUOTAS.partitionWriteUnits.value,
      limitName: 'partitionWriteUnits',
      whenNear: 'number per classification or per service (numberingScope) to spread the counter over items',
    },
    {
      measure: 'Reminder digest writes per second (DIGEST#<hour>)',
      value: perSecond * meanDecisionStages * assumptions.digestWritesPerStage,
      limit: QUOTAS.partitionWriteUnits.value,
      limitName: 'partitionWriteUnits',
      whenNear:
        'shard the digest partition by village or regency (DIGEST#<hour>#<shard>) and read the shards',
    },
  ];

  const pdfBytes = mean(figures.map((figure) => figure.pdfBytes));
  const s3BytesPerYear = requestsPerYear * (pdfBytes + meanAttachments * assumptions.attachmentBytes);
  const tableBytesPerYear = requestsPerYear * mean(figures.map((figure) => figure.tableBytes));
  const perMonth = requestsPerYear / 12;
  const gib = 2 ** 30;
  return {
    area,
    requestsPerYear,
    requestsPerWorkingDay,
    requestsPerPeakDay,
    requestsPerSecondAtPeak: perSecond,
    meanDecisionStages,
    meanTransitions,
    openExecutions,
    openExecutionsAtTimeout,
    checks,
    storage: { s3BytesPerYear, tableBytesPerYear },
    dynamo: {
      writeUnitsPerSecond,
      partitionsForWrites: Math.ceil(writeUnitsPerSecond / QUOTAS.partitionWriteUnits.value),
      partitionsForOneYear: Math.ceil(tableBytesPerYear / QUOTAS.partitionBytes.value),
    },
    monthlyCost: {
      infrastructure: (perMonth / 1000) * mean(figures.map((figure) => figure.costPer1000)),
      smsLow: perMonth * assumptions.smsPerLetter * PRICES.smsIndonesia.low,
      smsHigh: perMonth * assumptions.smsPerLetter * PRICES.smsIndonesia.high,
      email: perMonth * EMAILS_PER_LETTER * PRICES.sesEmail,
      storageAfterOneYear:
        (s3BytesPerYear / gib) * PRICES.s3StorageGbMonth +
        (tableBytesPerYear / gib) * PRICES.dynamoStorageGbMonth,
    },
  };
}

/** E-mails to the applicant per letter (README "Benchmarks": 5, at $0.0001 each). */
export const EMAILS_PER_LETTER = 5;
