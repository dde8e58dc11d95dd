import { ROUTES } from '../functions/api/routes.js';
import { synthesizeTemplate } from '../lib/app.js';
import { ENTRY_METADATA_KEY } from '../lib/constructs/service-function.js';
import { TRACE_SAMPLING } from '../lib/constructs/trace-sampling.js';
import {
  COST_TARGETS,
  initGbSeconds,
  LAMBDA_INIT,
  messageCostPer1000,
  PRICE_REGION,
  PRICE_SOURCES,
  PRICES,
  PRICES_READ,
  STAFF_REMINDER_PEAK,
  staffMessages,
} from './cost-model.js';
import type { ServiceFigures } from './services.js';

/** How run.ts prints a table row: measure, value, target or verdict. */
export type Row = (measure: string, value: string, target?: string) => void;

const usd = (value: number) => `$${value.toFixed(4)}`;
const verdict = (ok: boolean, target: string) => `${ok ? 'MEETS' : 'MISSES'} ${target}`;
const decisionStages = (figures: ServiceFigures) =>
  figures.stages.split(' → ').filter((stage) => stage !== 'check').length;

interface SamplingRule {
  readonly FixedRate: number;
  readonly ReservoirSize: number;
  readonly ServiceType: string;
}

/** Tracing as the stack deploys it: the workflow's sampling rule, and the API functions' tracing mode. */
function tracingOfStack() {
  const template = synthesizeTemplate() as {
    Resources: Record<
      string,
      {
        Type: string;
        Metadata?: Record<string, unknown>;
        Properties?: { SamplingRule?: SamplingRule; TracingConfig?: { Mode?: string } };
      }
    >;
  };
  const resources = Object.values(template.Resources);
  const rules = resources
    .filter((resource) => resource.Type === 'AWS::XRay::SamplingRule')
    .flatMap((resource) => (resource.Properties?.SamplingRule ? [resource.Properties.SamplingRule] : []));
  const workflowRule = rules.find((rule) => rule.ServiceType === 'AWS::StepFunctions::StateMachine');
  const apiEntries = new Set(ROUTES.map((route) => route.entry));
  const apiModes = resources
    .filter((resource) => apiEntries.has(String(resource.Metadata?.[ENTRY_METADATA_KEY])))
    .map((resource) => String(resource.Properties?.TracingConfig?.Mode));
  return {
    workflowRule,
    apiPassThrough: apiModes.filter((mode) => mode === 'PassThrough').length,
    api: apiModes.length,
  };
}

/**
 * Prints the cost of every measured service line by line, the messages of a letter and their cost, and the
 * verdicts of issue 11's goals 1, 2, 3, 4 and 7; returns the figures for latest.json.
 */
export function reportCost(services: readonly ServiceFigures[], row: Row) {
  console.log(`  prices: ${PRICE_REGION}; read ${PRICES_READ}`);
  for (const figures of services) {
    const stages = decisionStages(figures);
    const target = stages <= 2 ? COST_TARGETS.twoStages : stages === 3 ? COST_TARGETS.threeStages : undefined;
    row(
      `${figures.service} (${figures.stages}): transitions`,
      [...new Set(figures.transitions)].join('/'),
      `goal 2: ${verdict(Math.max(...figures.transitions) <= stages + 1, `≤ N+1 = ${stages + 1}`)}`,
    );
    row(
      `${figures.service}: cost per 1,000 documents (messages apart)`,
      usd(figures.cost.total),
      target === undefined
        ? 'no goal for this many stages'
        : `goal 1: ${verdict(figures.cost.total <= target, `≤ $${target.toFixed(2)}`)}`,
    );
    for (const line of figures.cost.lines) {
      console.log(`      ${line.item.padEnd(28)} ${usd(line.per1000).padStart(9)}   ${line.basis}`);
    }
    const messages = figures.messages;
    const messageCost = messageCostPer1000(messages);
    const staff = staffMessages(messages);
    row(
      `${figures.service}: messages per letter`,
      `applicant ${messages.applicantSms.toFixed(1)} SMS + ${messages.applicantEmail.toFixed(1)} e-mail; staff ${staff.sms.toFixed(1)} SMS + ${staff.email.toFixed(1)} e-mail (digest, ${STAFF_REMINDER_PEAK.remindersPerPersonHour}/person-hour)`,
      `per 1,000 letters: SMS $${messageCost.smsLow.toFixed(2)}–${messageCost.smsHigh.toFixed(2)}, e-mail ${usd(messageCost.email)}`,
    );
  }

  const sku = services.find((figures) => figures.service === 'SKU');
  // Three decision stages, preferably without an automated check between them (a permit via the camat).
  const threeStages = services.filter((figures) => decisionStages(figures) === 3);
  const threeStage = threeStages.find((figures) => !figures.stages.includes('check')) ?? threeStages[0];
  console.log('\n  Goals of issue 11 measured here');
  if (sku) {
    const total = sku.cost.total;
    row(
      'goal 1: SKU (two stages), per 1,000 documents, messages apart',
      usd(total),
      `${verdict(total <= COST_TARGETS.twoStages, `≤ $${COST_TARGETS.twoStages.toFixed(2)}`)}; stretch ${verdict(total <= COST_TARGETS.stretch, `≤ $${COST_TARGETS.stretch.toFixed(2)}`)}`,
    );
    const stated = sku.cost.lines.find((line) => line.item === 'Lambda INIT')?.per1000 ?? 0;
    const initAllCold = 1000 * initGbSeconds(sku.usage, 1) * PRICES.lambdaGbSecond;
    row(
      '       SKU with every invocation a cold start (village-scale traffic)',
      `INIT ${usd(initAllCold)} instead of ${usd(stated)}`,
      `total ${usd(total - stated + initAllCold)}`,
    );
  }
  if (threeStage) {
    row(
      `goal 1: ${threeStage.service} (three stages), per 1,000 documents`,
      usd(threeStage.cost.total),
      verdict(threeStage.cost.total <= COST_TARGETS.threeStages, `≤ $${COST_TARGETS.threeStages.toFixed(2)}`),
    );
  }
  if (sku) {
    const stages = decisionStages(sku);
    const transitions = Math.max(...sku.transitions);
    row(
      'goal 2: SKU Standard transitions',
      String(transitions),
      verdict(transitions <= stages + 1, `≤ N+1 = ${stages + 1}`),
    );
    const local = sku.dynamoLocalReported.write;
    row(
      'goal 3: SKU WRU per letter (AWS rules, index writes included)',
      `${sku.usage.dynamoWriteUnits.toFixed(1)} WRU (${sku.usage.dynamoIndexWriteUnits.toFixed(1)} index), ${sku.usage.dynamoReadUnits.toFixed(1)} RRU`,
      `${verdict(sku.usage.dynamoWriteUnits <= 75, '≤ 75')}; DynamoDB Local itself reported ${local.toFixed(1)} WRU`,
    );
  }
  const tracing = tracingOfStack();
  const sampled =
    tracing.workflowRule !== undefined &&
    tracing.workflowRule.FixedRate <= 0.05 &&
    tracing.workflowRule.ReservoirSize === 0 &&
    tracing.apiPassThrough === tracing.api;
  row(
    'goal 4: tracing sampled (workflow rule; API functions)',
    `${tracing.workflowRule ? `${tracing.workflowRule.FixedRate * 100} %, reservoir ${tracing.workflowRule.ReservoirSize}` : 'no rule'}; ${tracing.apiPassThrough}/${tracing.api} PassThrough`,
    `${verdict(sampled, '≤ 5 %, no reservoir')}; ${sku ? sku.usage.traces.toFixed(2) : '?'} traces per letter`,
  );
  if (sku) {
    const messages = sku.messages;
    row(
      'goal 7: applicant SMS per straight-through SKU letter',
      messages.applicantSms.toFixed(1),
      verdict(
        messages.applicantSms <= 1,
        '≤ 1 (only the issued notice: SMS when they must act or can collect)',
      ),
    );
    const reminders = messages.staffReminderSms + messages.staffReminderEmail;
    const perHour = STAFF_REMINDER_PEAK.remindersPerPersonHour;
    const staff = staffMessages(messages);
    const quiet = staffMessages(messages, 1);
    row(
      'goal 7: staff reminders batched per person per hour',
      `${reminders.toFixed(1)} reminders per letter → ${(staff.sms + staff.email).toFixed(1)} messages (${staff.sms.toFixed(1)} SMS) at ${perHour} letters per decider-hour`,
      `${verdict(staff.sms + staff.email < reminders, 'fewer messages than reminders at peak')}: the hour's first at once, the rest in one digest; ${(quiet.sms + quiet.email).toFixed(1)} at 1 an hour`,
    );
    const cost = messageCostPer1000(messages);
    row(
      'goal 7: SKU messages per 1,000 letters, beside the infrastructure',
      `SMS $${cost.smsLow.toFixed(2)}–${cost.smsHigh.toFixed(2)}; e-mail ${usd(cost.email)}`,
      `beside infrastructure ${usd(sku.cost.total)}`,
    );
  }
  return {
    prices: {
      region: PRICE_REGION,
      read: PRICES_READ,
      ...PRICES,
      sources: PRICE_SOURCES,
      lambdaInit: LAMBDA_INIT,
    },
    tracing: { ...TRACE_SAMPLING, stack: tracing },
    targets: COST_TARGETS,
  };
}
