/**
 * What 1,000 issued documents cost in AWS, from list prices and the usage the benchmarks measure.
 *
 * PRICES: AWS list prices for US East (N. Virginia), on-demand, without free tiers, as published in mid-2025
 * (PRICES_READ): Step Functions Standard and DynamoDB on-demand (after its 1 November 2024 reduction) checked
 * against the text of their pricing pages; Lambda (arm64, first tier), S3 Standard, HTTP API, CloudWatch Logs
 * and X-Ray as last published to our knowledge, not re-checked live: re-check before relying on them.
 * The deployment runs in Asia Pacific (Jakarta, ap-southeast-3), whose prices were NOT verified; Jakarta list
 * prices are commonly somewhat higher than N. Virginia's, so read the totals as a lower bound.
 */
export const PRICES_READ = 'mid-2025';
export const PRICE_REGION = 'us-east-1 (N. Virginia); ap-southeast-3 (Jakarta) not verified';

export const PRICES = {
  /** Step Functions Standard, per state transition ($0.025 per 1,000). */
  stepFunctionsTransition: 0.025 / 1000,
  /** Lambda, arm64, per GB-second (first 7.5 billion GB-s a month). */
  lambdaGbSecond: 0.0000133334,
  /** Lambda, per request ($0.20 per million). */
  lambdaRequest: 0.2 / 1e6,
  /** DynamoDB on-demand, per write request unit ($0.625 per million). */
  dynamoWriteUnit: 0.625 / 1e6,
  /** DynamoDB on-demand, per read request unit ($0.125 per million). */
  dynamoReadUnit: 0.125 / 1e6,
  /** DynamoDB standard table class storage, per GB-month. */
  dynamoStorageGbMonth: 0.25,
  /** S3 Standard PUT/COPY/POST/LIST, per request ($0.005 per 1,000). */
  s3Put: 0.005 / 1000,
  /** S3 Standard GET/SELECT, per request ($0.0004 per 1,000). */
  s3Get: 0.0004 / 1000,
  /** S3 Standard storage, per GB-month (first 50 TB). */
  s3StorageGbMonth: 0.023,
  /** API Gateway HTTP API, per request (first 300 million a month: $1.00 per million). */
  httpApiRequest: 1.0 / 1e6,
  /** CloudWatch Logs, standard ingestion, per GB. */
  logsIngestGb: 0.5,
  /** X-Ray, per trace recorded ($5.00 per million). */
  xrayTrace: 5.0 / 1e6,
} as const;

/** The design goal (DESIGN.md, issue 6): at most $0.20 per 1,000 issued documents at list prices. */
export const TARGET_PER_1000_DOCUMENTS = 0.2;

/** Usage of one issued document; measured where the local runtime can, modelled (and said so) otherwise. */
export interface DocumentUsage {
  /** Billed transitions of its execution (measured). */
  readonly transitions: number;
  /** Function invocations, each with its memory and duration. */
  readonly invocations: readonly {
    readonly entry: string;
    readonly count: number;
    readonly memoryMb: number;
    readonly ms: number;
  }[];
  readonly dynamoWriteUnits: number;
  readonly dynamoReadUnits: number;
  readonly s3Puts: number;
  readonly s3Gets: number;
  /** Bytes kept in S3 (the PDF) and in DynamoDB (request, events, document record). */
  readonly storedPdfBytes: number;
  readonly storedTableBytes: number;
  readonly apiRequests: number;
  /** Log bytes ingested (functions, state machine with LogLevel ALL but no execution data, API access log). */
  readonly logBytes: number;
  /** X-Ray traces recorded (every API call and every execution is a trace at low volume; see below). */
  readonly traces: number;
}

export interface CostLine {
  readonly item: string;
  readonly per1000: number;
  readonly basis: string;
}

/** Cost per 1,000 documents, line by line; storage is one month of keeping those 1,000 documents. */
export function costPer1000(usage: DocumentUsage): { lines: CostLine[]; total: number } {
  const gbSeconds = usage.invocations.reduce(
    (sum, call) => sum + call.count * (call.memoryMb / 1024) * (Math.max(1, Math.ceil(call.ms)) / 1000),
    0,
  );
  const requests = usage.invocations.reduce((sum, call) => sum + call.count, 0);
  const lines: CostLine[] = [
    {
      item: 'Step Functions Standard',
      per1000: 1000 * usage.transitions * PRICES.stepFunctionsTransition,
      basis: `${usage.transitions} transitions`,
    },
    {
      item: 'Lambda requests',
      per1000: 1000 * requests * PRICES.lambdaRequest,
      basis: `${requests} invocations`,
    },
    {
      item: 'Lambda compute (arm64)',
      per1000: 1000 * gbSeconds * PRICES.lambdaGbSecond,
      basis: `${gbSeconds.toFixed(3)} GB-s`,
    },
    {
      item: 'DynamoDB writes',
      per1000: 1000 * usage.dynamoWriteUnits * PRICES.dynamoWriteUnit,
      basis: `${usage.dynamoWriteUnits.toFixed(1)} WRU`,
    },
    {
      item: 'DynamoDB reads',
      per1000: 1000 * usage.dynamoReadUnits * PRICES.dynamoReadUnit,
      basis: `${usage.dynamoReadUnits.toFixed(1)} RRU`,
    },
    {
      item: 'S3 requests',
      per1000: 1000 * (usage.s3Puts * PRICES.s3Put + usage.s3Gets * PRICES.s3Get),
      basis: `${usage.s3Puts} PUT, ${usage.s3Gets} GET`,
    },
    {
      item: 'Storage, one month',
      per1000:
        1000 *
        ((usage.storedPdfBytes / 2 ** 30) * PRICES.s3StorageGbMonth +
          (usage.storedTableBytes / 2 ** 30) * PRICES.dynamoStorageGbMonth),
      basis: `${(usage.storedPdfBytes / 1024).toFixed(0)} KiB PDF, ${(usage.storedTableBytes / 1024).toFixed(1)} KiB table`,
    },
    {
      item: 'API Gateway HTTP API',
      per1000: 1000 * usage.apiRequests * PRICES.httpApiRequest,
      basis: `${usage.apiRequests} requests`,
    },
    {
      item: 'CloudWatch Logs ingestion',
      per1000: 1000 * (usage.logBytes / 2 ** 30) * PRICES.logsIngestGb,
      basis: `${(usage.logBytes / 1024).toFixed(1)} KiB`,
    },
    {
      item: 'X-Ray traces',
      per1000: 1000 * usage.traces * PRICES.xrayTrace,
      basis: `${usage.traces} traces`,
    },
  ];
  return { lines, total: lines.reduce((sum, line) => sum + line.per1000, 0) };
}

/**
 * What a document's people do through the API, beyond submitting and deciding (modelled, not measured):
 * each decider opens the inbox once, the applicant checks the status three times, downloads the letter
 * once, and one person verifies it.
 */
export const MODELLED_API_CALLS = {
  inboxListsPerStage: 1,
  statusReads: 3,
  documentLinks: 1,
  verifications: 1,
} as const;

/** Log bytes per event, estimated (not measured): Lambda START/END/REPORT plus a line or two of our own. */
export const LOG_BYTES = { perInvocation: 600, perTransition: 900, perApiRequest: 400 } as const;
