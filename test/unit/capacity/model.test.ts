import { describe, expect, it } from 'vitest';
import { findService } from '../../../functions/core/catalog/index.js';
import { documentFigures, STATED_FIGURES } from '../../../scripts/capacity/inputs.js';
import {
  ASSUMPTIONS,
  type Assumptions,
  capacityOf,
  chainOf,
  counterWritesPerSecond,
  type DocumentFigures,
  QUOTAS,
  type ServiceChain,
  transitionsPerRequest,
} from '../../../scripts/capacity/model.js';
import { BEGIN_MARKER, END_MARKER, replaceSection } from '../../../scripts/capacity/report.js';

const straightThrough = { returnShare: 0, escalationShare: 0 };
const plain: Assumptions = { ...ASSUMPTIONS, ...straightThrough };
const chain = (decisionStages: number): ServiceChain => ({
  code: `N${decisionStages}`,
  decisionStages,
  automatedSteps: 0,
  requiredAttachments: 2,
});
const figures: DocumentFigures = {
  costPer1000: 0.3,
  writeUnits: 100,
  tableBytes: 10_000,
  pdfBytes: 5_000,
  source: 'test',
};
const town = { name: 'Town', population: 2_450_000, villages: 100 };
const checkOf = (result: ReturnType<typeof capacityOf>, measure: string) => {
  const check = result.checks.find((candidate) => candidate.measure.startsWith(measure));
  if (!check) throw new Error(`no check ${measure}`);
  return check;
};

describe('capacity model', () => {
  it('reads a chain from the catalog: human stages, automated steps, required uploads', () => {
    expect(chainOf(findService('SKU'))).toMatchObject({ decisionStages: 2, automatedSteps: 0 });
    // AKL: operator → registry check → village head → Dukcapil.
    expect(chainOf(findService('AKL'))).toMatchObject({ decisionStages: 3, automatedSteps: 1 });
    expect(chainOf(findService('SKU')).requiredAttachments).toBe(
      findService('SKU').requirements.filter((requirement) => requirement.required).length,
    );
  });

  it('counts N + 1 transitions for N human stages, plus one per return and two per escalation', () => {
    expect([1, 2, 3, 4].map((stages) => transitionsPerRequest(stages, straightThrough))).toEqual([
      2, 3, 4, 5,
    ]);
    expect(transitionsPerRequest(2, { returnShare: 1, escalationShare: 0 })).toBe(4);
    // Half the stages escalated: one escalation per request of two stages, two transitions more.
    expect(transitionsPerRequest(2, { returnShare: 0, escalationShare: 0.5 })).toBe(5);
  });

  it("puts the busiest village's share of the peak on its one counter item", () => {
    expect(
      counterWritesPerSecond(town, 10, { largestVillageFactor: 3, counterWritesPerLetter: 1 }),
    ).toBeCloseTo(0.3);
    expect(
      counterWritesPerSecond(town, 10, { largestVillageFactor: 1, counterWritesPerLetter: 2 }),
    ).toBeCloseTo(0.2);
  });

  it('derives the peak rate from population, working days, the peak day and its busiest hour', () => {
    const result = capacityOf(town, [chain(2)], () => figures, plain);
    // 2.45 M × 0.5 / 245 = 5,000 a working day; × 3 = 15,000 on the peak day; 20 % in one hour.
    expect(result.requestsPerWorkingDay).toBeCloseTo(5_000);
    expect(result.requestsPerPeakDay).toBeCloseTo(15_000);
    expect(result.requestsPerSecondAtPeak).toBeCloseTo(15_000 * 0.2 * (1 / 3600));
    expect(checkOf(result, 'StartExecution').value).toBeCloseTo(result.requestsPerSecondAtPeak);
    expect(checkOf(result, 'StartExecution').limit).toBe(QUOTAS.startExecutionPerSecond.value);
    expect(checkOf(result, 'Numbering counter').value).toBeCloseTo(
      counterWritesPerSecond(town, result.requestsPerSecondAtPeak, plain),
    );
  });

  it('scales transitions and open executions with the stages of the chain', () => {
    const two = capacityOf(town, [chain(2)], () => figures, plain);
    const four = capacityOf(town, [chain(4)], () => figures, plain);
    const rate = two.requestsPerSecondAtPeak;
    expect(checkOf(two, 'State transitions').value).toBeCloseTo(rate * 3);
    expect(checkOf(four, 'State transitions').value).toBeCloseTo(rate * 5);
    // One SendTaskSuccess per decision; an escalation times out instead of signalling.
    const escalating = capacityOf(town, [chain(2)], () => figures, { ...plain, escalationShare: 0.5 });
    expect(checkOf(escalating, 'SendTaskSuccess').value).toBeCloseTo(rate * 2);
    expect(checkOf(escalating, 'State transitions').value).toBeCloseTo(rate * 5);
    // Little's law: a stage open a day, so twice the stages keep twice the executions open.
    expect(two.openExecutions).toBeCloseTo(15_000 * 2);
    expect(four.openExecutions).toBeCloseTo(2 * two.openExecutions);
    expect(two.openExecutionsAtTimeout).toBeCloseTo(15_000 * ASSUMPTIONS.executionTimeoutDays);
  });

  it('averages an equal mix of services and prices a month of documents', () => {
    const result = capacityOf(town, [chain(2), chain(3)], () => figures, plain);
    expect(result.meanDecisionStages).toBe(2.5);
    expect(result.meanTransitions).toBe(3.5);
    expect(result.monthlyCost.infrastructure).toBeCloseTo(((2_450_000 * 0.5) / 12 / 1000) * 0.3);
    expect(result.storage.tableBytesPerYear).toBe(2_450_000 * 0.5 * 10_000);
    expect(result.dynamo.partitionsForWrites).toBe(Math.ceil((result.requestsPerSecondAtPeak * 100) / 1000));
  });

  it("takes the bench's measured service where there is one, the stated figures by stages otherwise", () => {
    const bench = {
      at: '2026-12-02T10:00:00.000Z',
      services: [
        {
          service: 'N2',
          usage: { dynamoWriteUnits: 80, storedTableBytes: 9_000, storedPdfBytes: 4_000 },
          cost: { total: 0.25 },
        },
      ],
    };
    const of = documentFigures(bench, 4_800);
    expect(of(chain(2))).toEqual({
      costPer1000: 0.25,
      writeUnits: 80,
      tableBytes: 9_000,
      pdfBytes: 4_000,
      source: 'bench/results/latest.json (2026-12-02)',
    });
    expect(of(chain(3))).toMatchObject({ ...STATED_FIGURES.threeStages, pdfBytes: 4_800 });
    expect(documentFigures(undefined, 4_800)(chain(2))).toMatchObject(STATED_FIGURES.twoStages);
  });

  it('rewrites only the generated section of the document', () => {
    const document = `# Plan\n\nBy hand.\n\n${BEGIN_MARKER}\nold\n${END_MARKER}\n\nAfter.\n`;
    expect(replaceSection(document, `${BEGIN_MARKER}\nnew\n${END_MARKER}`)).toBe(
      `# Plan\n\nBy hand.\n\n${BEGIN_MARKER}\nnew\n${END_MARKER}\n\nAfter.\n`,
    );
    expect(replaceSection('# Plan\n', `${BEGIN_MARKER}\nnew\n${END_MARKER}`)).toBe(
      `# Plan\n\n${BEGIN_MARKER}\nnew\n${END_MARKER}\n`,
    );
  });
});
