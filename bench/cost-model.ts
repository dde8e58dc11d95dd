import { TRACE_SAMPLING } from '../lib/constructs/trace-sampling.js';

/**
 * What 1,000 issued documents cost in AWS, from list prices and the usage the benchmarks measure.
 *
 * PRICES: AWS list prices for US East (N. Virginia), on-demand, without free tiers. Each price says where it
 * was read and when (PRICE_SOURCES); "not re-checked" means carried over from the model of issue 6 (mid-2025).
 * The deployment runs in Asia Pacific (Jakarta, ap-southeast-3). No public source in reach had Jakarta's
 * prices (searched 2 December 2026: the stored Step Functions pricing page's regional table lists no Jakarta,
 * and no DynamoDB, Lambda or KMS page for the region was found), so these are N. Virginia's: Jakarta's list
 * prices are commonly somewhat higher, so read the totals as a lower bound.
 */
export const PRICES_READ = '2026-12-02';
export const PRICE_REGION =
  'us-east-1 (N. Virginia) list prices; ap-southeast-3 (Jakarta) prices not found in any public source searched (2026-12-02): totals are a lower bound';

export const PRICES = {
  /** Step Functions Standard, per state transition ($0.025 per 1,000). */
  stepFunctionsTransition: 0.025 / 1000,
  /** Lambda, arm64, per GB-second (first 7.5 billion GB-s a month); INIT is billed the same since August 2025. */
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
  /** S3 Standard GET/HEAD/SELECT, per request ($0.0004 per 1,000). */
  s3Get: 0.0004 / 1000,
  /** S3 Standard storage, per GB-month (first 50 TB). */
  s3StorageGbMonth: 0.023,
  /** API Gateway HTTP API, per request (first 300 million a month: $1.00 per million). */
  httpApiRequest: 1.0 / 1e6,
  /** CloudWatch Logs, standard ingestion, per GB. */
  logsIngestGb: 0.5,
  /** X-Ray, per trace recorded ($5.00 per million). */
  xrayTrace: 5.0 / 1e6,
  /** KMS, asymmetric requests other than RSA 2048 (Sign and GetPublicKey on the ECC P-256 key): $0.15 per 10,000. */
  kmsAsymmetricRequest: 0.15 / 10_000,
  /** KMS, other requests (GenerateMac on the HMAC key): $0.03 per 10,000. */
  kmsRequest: 0.03 / 10_000,
  /** SES outbound e-mail, per message ($0.10 per 1,000). */
  sesEmail: 0.1 / 1000,
  /**
   * SMS to an Indonesian mobile number, per message part, low and high. AWS End User Messaging's
   * per-country price list was not found in any source searched (2026-12-02). Low: the upper end of the list
   * prices aggregators quote for Indonesia ($0.012–0.021, smsroute's Indonesia page, 2026); high: the issue's
   * own upper estimate ($350 per 1,000 letters at 7 SMS each). Delivery is excluded from goal 1.
   */
  smsIndonesia: { low: 0.021, high: 0.05 },
} as const;

/** Where each price was read, and when. */
export const PRICE_SOURCES: Readonly<Record<keyof typeof PRICES, string>> = {
  stepFunctionsTransition: 'aws.amazon.com/step-functions/pricing (stored copy, read 2026-12-02)',
  lambdaGbSecond:
    'aws.amazon.com/lambda/pricing, mid-2025, not re-checked; INIT billing since 2025-08-01: AWS Compute Blog "AWS Lambda standardizes billing for INIT Phase" (read 2026-12-02)',
  lambdaRequest: 'aws.amazon.com/lambda/pricing, mid-2025, not re-checked',
  dynamoWriteUnit:
    'aws.amazon.com/dynamodb/pricing/on-demand after the 2024-11-01 reduction, mid-2025; unit rules re-read 2026-12-02',
  dynamoReadUnit:
    'aws.amazon.com/dynamodb/pricing/on-demand after the 2024-11-01 reduction, mid-2025; unit rules re-read 2026-12-02',
  dynamoStorageGbMonth: 'aws.amazon.com/dynamodb/pricing, mid-2025, not re-checked',
  s3Put: 'aws.amazon.com/s3/pricing, mid-2025, not re-checked',
  s3Get: 'aws.amazon.com/s3/pricing, mid-2025, not re-checked',
  s3StorageGbMonth: 'aws.amazon.com/s3/pricing, mid-2025, not re-checked',
  httpApiRequest: 'aws.amazon.com/api-gateway/pricing, mid-2025, not re-checked',
  logsIngestGb: 'aws.amazon.com/cloudwatch/pricing, mid-2025, not re-checked',
  xrayTrace: 'aws.amazon.com/xray/pricing, mid-2025, not re-checked',
  kmsAsymmetricRequest:
    'factualminds.com "AWS KMS Pricing" (us-east-1, June 2026: asymmetric requests 5x the $0.03 symmetric rate), read 2026-12-02',
  kmsRequest: 'aws.amazon.com/kms/pricing (stored copy) and wring.co KMS pricing guide, read 2026-12-02',
  sesEmail:
    'acecloudinterviews.com SES tutorial ("$0.10 per thousand emails"), read 2026-12-02; SES page not stored',
  smsIndonesia:
    'no AWS price found (2026-12-02); gateway-eju.pages.dev/send-sms-to/indonesia (aggregators $0.012–0.021), issue 11 ($100–350 per 1,000 letters)',
};

/** The goals of issue 11 on cost (goal 1: per 1,000 documents, message delivery excluded). */
export const COST_TARGETS = { twoStages: 0.2, threeStages: 0.25, stretch: 0.15 } as const;
/** Issue 6's target, kept for the per-service verdict of services with more stages (no goal of their own). */
export const TARGET_PER_1000_DOCUMENTS = COST_TARGETS.twoStages;

/**
 * Lambda INIT (billed since 1 August 2025 like the invocation itself), stated, not measured in AWS:
 * - INIT_MS: one cold start of a bundled Node.js 24 handler on arm64: the runtime's own start plus importing
 *   the bundle (the bench's cold import of these bundles on this machine: 54–131 ms, README); 300 ms.
 * - COLD_SHARE: the fraction of invocations that start cold. A regency's working-hours traffic (tens of
 *   letters an hour) calls the main functions minutes apart, within an environment's idle lifetime; rarer
 *   routes and quiet hours start cold: 10 %. The bench prints the cost at 100 % too (a village-scale
 *   deployment, where nearly every call is cold).
 */
export const LAMBDA_INIT = { ms: 300, coldShare: 0.1 } as const;

/** Usage of one issued document; measured where the local runtime can, modelled (and said so) otherwise. */
export interface DocumentUsage {
  /** Billed transitions of its execution (measured). */
  readonly transitions: number;
  /** Function invocations, each with its memory and duration (measured, warm, in process). */
  readonly invocations: readonly {
    readonly entry: string;
    readonly count: number;
    readonly memoryMb: number;
    readonly ms: number;
  }[];
  /** By AWS's rules, from the items the calls read and wrote (lib/local/aws-capacity.ts; measured). */
  readonly dynamoWriteUnits: number;
  readonly dynamoIndexWriteUnits: number;
  readonly dynamoReadUnits: number;
  /** PUT, COPY and POST (measured). */
  readonly s3Puts: number;
  /** GET and HEAD (measured). */
  readonly s3Gets: number;
  /** Bytes kept in S3 (the PDF) and in DynamoDB (request, events, document record). */
  readonly storedPdfBytes: number;
  readonly storedTableBytes: number;
  readonly apiRequests: number;
  /**
   * KMS Sign (two per issued letter: the hash and the PAdES signature) and GetPublicKey (the document and
   * certificate authority keys, per cold start of a signing or verifying function).
   */
  readonly kmsAsymmetric: number;
  /** KMS GenerateMac: once per cold start of a function that pseudonymises (functions/adapters/pseudonym-key.ts). */
  readonly kmsOther: number;
  /** Log bytes ingested (functions, state machine with LogLevel ALL but no execution data, API access log). */
  readonly logBytes: number;
  /** X-Ray traces recorded: the sampled share of executions (API requests are not traced). */
  readonly traces: number;
}

export interface CostLine {
  readonly item: string;
  readonly per1000: number;
  readonly basis: string;
}

/** GB-seconds of INIT per document at a cold share. */
export function initGbSeconds(usage: DocumentUsage, coldShare: number = LAMBDA_INIT.coldShare): number {
  return usage.invocations.reduce(
    (sum, call) => sum + call.count * coldShare * (call.memoryMb / 1024) * (LAMBDA_INIT.ms / 1000),
    0,
  );
}

/** Cost per 1,000 documents, line by line; storage is one month of keeping those 1,000 documents. */
export function costPer1000(usage: DocumentUsage): { lines: CostLine[]; total: number } {
  const gbSeconds = usage.invocations.reduce(
    (sum, call) => sum + call.count * (call.memoryMb / 1024) * (Math.max(1, Math.ceil(call.ms)) / 1000),
    0,
  );
  const initSeconds = initGbSeconds(usage);
  const requests = usage.invocations.reduce((sum, call) => sum + call.count, 0);
  const lines: CostLine[] = [
    {
      item: 'Step Functions Standard',
      per1000: 1000 * usage.transitions * PRICES.stepFunctionsTransition,
      basis: `${usage.transitions.toFixed(1)} transitions`,
    },
    {
      item: 'DynamoDB writes',
      per1000: 1000 * usage.dynamoWriteUnits * PRICES.dynamoWriteUnit,
      basis: `${usage.dynamoWriteUnits.toFixed(1)} WRU (${usage.dynamoIndexWriteUnits.toFixed(1)} of them index writes)`,
    },
    {
      item: 'DynamoDB reads',
      per1000: 1000 * usage.dynamoReadUnits * PRICES.dynamoReadUnit,
      basis: `${usage.dynamoReadUnits.toFixed(1)} RRU`,
    },
    {
      item: 'Lambda requests',
      per1000: 1000 * requests * PRICES.lambdaRequest,
      basis: `${requests.toFixed(1)} invocations`,
    },
    {
      item: 'Lambda compute (arm64)',
      per1000: 1000 * gbSeconds * PRICES.lambdaGbSecond,
      // In process on a shared machine, and each write waits for the meter's own reads: an upper bound.
      basis: `${gbSeconds.toFixed(3)} GB-s (median durations in process, meter included: upper bound)`,
    },
    {
      item: 'Lambda INIT',
      per1000: 1000 * initSeconds * PRICES.lambdaGbSecond,
      basis: `${initSeconds.toFixed(3)} GB-s (stated: ${LAMBDA_INIT.coldShare * 100} % cold, ${LAMBDA_INIT.ms} ms each)`,
    },
    {
      item: 'S3 requests',
      per1000: 1000 * (usage.s3Puts * PRICES.s3Put + usage.s3Gets * PRICES.s3Get),
      basis: `${usage.s3Puts.toFixed(1)} PUT/COPY/POST, ${usage.s3Gets.toFixed(1)} GET/HEAD`,
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
      basis: `${usage.apiRequests.toFixed(1)} requests`,
    },
    {
      item: 'KMS',
      per1000:
        1000 * (usage.kmsAsymmetric * PRICES.kmsAsymmetricRequest + usage.kmsOther * PRICES.kmsRequest),
      basis: `${usage.kmsAsymmetric.toFixed(2)} Sign/GetPublicKey, ${usage.kmsOther.toFixed(2)} GenerateMac`,
    },
    {
      item: 'CloudWatch Logs ingestion',
      per1000: 1000 * (usage.logBytes / 2 ** 30) * PRICES.logsIngestGb,
      basis: `${(usage.logBytes / 1024).toFixed(1)} KiB (estimated sizes)`,
    },
    {
      item: 'X-Ray traces',
      per1000: 1000 * usage.traces * PRICES.xrayTrace,
      basis: `${usage.traces.toFixed(2)} traces (${TRACE_SAMPLING.fixedRate * 100} % of executions, no API traces)`,
    },
  ];
  return { lines, total: lines.reduce((sum, line) => sum + line.per1000, 0) };
}

/**
 * Messages of one letter, by audience and channel (SMS through SNS, e-mail through SES): message delivery,
 * kept out of goal 1's infrastructure total and printed beside it. Measured from the outbox.
 */
export interface LetterMessages {
  readonly applicantSms: number;
  readonly applicantEmail: number;
  /**
   * Reminders to deciders, one per stage opened and person, by the channel they go on: what each would
   * cost sent on its own. Under the hourly digest fewer messages leave (staffMessages).
   */
  readonly staffReminderSms: number;
  readonly staffReminderEmail: number;
  /** Recorded without an address (no contact, nobody for the stage): nothing is sent or billed. */
  readonly undeliverable: number;
}

/**
 * The volume the staff messages are stated for. A decider gets the first reminder of an hour at once and the
 * later ones of that hour in ONE digest (functions/core/notifications/notifications.ts placeReminder), so k reminders in an
 * hour make min(k, 2) messages: per reminder, min(k, 2) / k. The bench puts its letters through in minutes,
 * which says nothing of a village office's hours, so the share is modelled for a stated k rather than read
 * from the bench's outbox: a busy office's morning peak, 4 letters an hour for its operator (and, as they pass
 * on, its village head). Quiet hours (k = 1) save nothing.
 */
export const STAFF_REMINDER_PEAK = { remindersPerPersonHour: 4 } as const;

/** Messages that leave per reminder to a decider when each gets `perHour` reminders in an hour. */
export const staffMessagesPerReminder = (perHour: number): number => Math.min(perHour, 2) / perHour;

/** The staff messages of a letter that leave under the hourly digest, at `perHour` reminders a person-hour. */
export function staffMessages(
  messages: LetterMessages,
  perHour: number = STAFF_REMINDER_PEAK.remindersPerPersonHour,
) {
  const share = staffMessagesPerReminder(perHour);
  return { sms: messages.staffReminderSms * share, email: messages.staffReminderEmail * share };
}

/**
 * What a letter's messages cost per 1,000 letters: SMS at the low and high price, e-mail through SES; staff
 * messages under the hourly digest at the stated volume (STAFF_REMINDER_PEAK).
 */
export function messageCostPer1000(messages: LetterMessages) {
  const staff = staffMessages(messages);
  const sms = messages.applicantSms + staff.sms;
  const email = messages.applicantEmail + staff.email;
  return {
    smsLow: 1000 * sms * PRICES.smsIndonesia.low,
    smsHigh: 1000 * sms * PRICES.smsIndonesia.high,
    email: 1000 * email * PRICES.sesEmail,
  };
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
