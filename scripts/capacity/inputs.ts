import type { DocumentFigures, ServiceChain } from './model.js';

/**
 * Per-document figures when the bench's per-service measurements are not at hand (bench/results/ is not
 * committed): the README's "Benchmarks" section of 2 December 2026. Two decision stages: SKU's $0.26 per
 * 1,000 and 87 WRU; three: the middle of $0.31–0.35, with writes and stored bytes scaled by the
 * transitions (4 for 3) — a stated assumption, the README gives no WRU for three stages. Table bytes: the
 * README's SKU storage line ($0.004 per 1,000 letters a month at $0.25 per GB-month, the PDF's share apart)
 * is about 16 KiB a request.
 */
export const STATED_FIGURES = {
  twoStages: { costPer1000: 0.26, writeUnits: 87, tableBytes: 16 * 1024 },
  threeStages: { costPer1000: 0.33, writeUnits: 116, tableBytes: 21 * 1024 },
  source: 'README "Benchmarks", 2 December 2026 (stated)',
} as const;

/** What the bench writes per service to bench/results/latest.json (bench/services.ts ServiceFigures). */
interface MeasuredService {
  readonly service: string;
  readonly usage: {
    readonly dynamoWriteUnits: number;
    readonly storedTableBytes: number;
    readonly storedPdfBytes: number;
  };
  readonly cost: { readonly total: number };
}

const isMeasuredService = (value: unknown): value is MeasuredService => {
  const candidate = value as Partial<MeasuredService> | null;
  return (
    typeof candidate?.service === 'string' &&
    typeof candidate.usage?.dynamoWriteUnits === 'number' &&
    typeof candidate.usage.storedTableBytes === 'number' &&
    typeof candidate.usage.storedPdfBytes === 'number' &&
    typeof candidate.cost?.total === 'number'
  );
};

/**
 * Each chain's per-document figures: the bench's own measurement of that service when `benchResults` (the
 * parsed bench/results/latest.json, if any) has one, else the stated figures for its number of stages with
 * the given PDF size.
 */
export function documentFigures(
  benchResults: unknown,
  pdfBytes: number,
): (chain: ServiceChain) => DocumentFigures {
  const services = (benchResults as { services?: unknown } | undefined)?.services;
  const measured = new Map(
    (Array.isArray(services) ? services : [])
      .filter(isMeasuredService)
      .map((service) => [service.service, service]),
  );
  const at = (benchResults as { at?: unknown } | undefined)?.at;
  return (chain) => {
    const bench = measured.get(chain.code);
    if (bench) {
      return {
        costPer1000: bench.cost.total,
        writeUnits: bench.usage.dynamoWriteUnits,
        tableBytes: bench.usage.storedTableBytes,
        pdfBytes: bench.usage.storedPdfBytes,
        source: `bench/results/latest.json${typeof at === 'string' ? ` (${at.slice(0, 10)})` : ''}`,
      };
    }
    const stated = chain.decisionStages <= 2 ? STATED_FIGURES.twoStages : STATED_FIGURES.threeStages;
    return { ...stated, pdfBytes, source: STATED_FIGURES.source };
  };
}
