import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DEMO_USERS } from '../config/demo-users.js';
import { keys } from '../functions/adapters/keys.js';
import { SERVICE_CATALOG, type ServiceDefinition } from '../functions/core/catalog/index.js';
import { appliedForByPeople } from '../functions/core/catalog/service-catalog.js';
import { coversVillage } from '../functions/core/identity/roles.js';
import { WORKFLOW_TASKS } from '../functions/workflow/tasks.js';
import { synthesizeTemplate } from '../lib/app.js';
import { TABLE_INDEXES } from '../lib/constructs/data.js';
import { ENTRY_METADATA_KEY } from '../lib/constructs/service-function.js';
import { TRACE_SAMPLING } from '../lib/constructs/trace-sampling.js';
import { localClient } from '../lib/local/dynamodb.js';
import { TAMPO } from '../test/support/fixtures.js';
import { ApiClient } from '../test/support/runtime.js';
import { sampleApplication } from '../test/support/samples.js';
import { attachAll, requiredRequirements, stageAttachments } from '../test/support/uploads.js';
import {
  type CostLine,
  costPer1000,
  type DocumentUsage,
  LAMBDA_INIT,
  type LetterMessages,
  LOG_BYTES,
  MODELLED_API_CALLS,
} from './cost-model.js';
import { type BenchRuntime, percentiles, poll } from './runtime.js';

export interface ServiceFigures {
  readonly service: string;
  readonly stages: string;
  readonly documents: number;
  /** Billed transitions per execution, as counted by the local Step Functions (states entered + retries). */
  readonly transitions: number[];
  readonly usage: DocumentUsage;
  /** DynamoDB capacity units per document by AWS's rules, by the function that used them. */
  readonly dynamoByFunction: Record<string, { read: number; write: number }>;
  /** Index write units per document, by index. */
  readonly dynamoIndexWrites: Record<string, number>;
  /** Writes charged although their condition failed (or their transaction was cancelled), per document. */
  readonly dynamoFailedWrites: number;
  /** What DynamoDB Local itself reported (ConsumedCapacity), per document: not AWS's bill, for comparison. */
  readonly dynamoLocalReported: { read: number; write: number };
  /** Messages per letter, from the outbox. */
  readonly messages: LetterMessages;
  readonly cost: { readonly lines: CostLine[]; readonly total: number };
}

/** The bench's applicant leaves both contacts, so every message the policy would send is counted. */
const BENCH_CONTACT = { phone: '081234567890', email: 'warga.bench@example.com' } as const;

interface FunctionFacts {
  /** Configured memory (what Lambda bills GB-seconds on). */
  readonly memoryMb: number;
  /** Calls KMS GenerateMac once per cold start (PSEUDONYM_KEY_ID). */
  readonly pseudonymKey: boolean;
  /** Holds the signing key (SIGNING_KEY_ID): GetPublicKey once per cold start. */
  readonly signingKey: boolean;
}

/** Each function's memory and KMS keys, from the synthesized stack. */
function functionFacts(): Map<string, FunctionFacts> {
  const template = synthesizeTemplate() as {
    Resources: Record<
      string,
      {
        Type: string;
        Metadata?: Record<string, unknown>;
        Properties?: { MemorySize?: number; Environment?: { Variables?: Record<string, unknown> } };
      }
    >;
  };
  return new Map(
    Object.values(template.Resources)
      .filter(
        (resource) => resource.Type === 'AWS::Lambda::Function' && resource.Metadata?.[ENTRY_METADATA_KEY],
      )
      .map((resource) => {
        const variables = resource.Properties?.Environment?.Variables ?? {};
        return [
          String(resource.Metadata?.[ENTRY_METADATA_KEY]),
          {
            memoryMb: resource.Properties?.MemorySize ?? 128,
            pseudonymKey: 'PSEUDONYM_KEY_ID' in variables,
            signingKey: 'SIGNING_KEY_ID' in variables,
          },
        ];
      }),
  );
}

const TERMINAL = ['ISSUED', 'REJECTED', 'RETURNED', 'FAILED', 'EXPIRED', 'CANCELLED'];

/**
 * For every service of the catalog (so services added later are measured too): `documents` requests of a
 * Tampo resident (the sample applications, which the demo registries match) go from submission to the
 * issued letter through the local runtime, with the calls a document's people make: the uploads and the
 * submission; per decision stage an inbox list and the decision (with the document the stage attaches);
 * then three status reads, a download link, the download and one verification. Counted per document:
 * transitions, invocations and their warm durations, DynamoDB capacity units (the proxy asks DynamoDB Local
 * for ConsumedCapacity), S3 requests, stored bytes. Readiness is watched in the table directly (not through
 * the API or the proxies), so waiting adds nothing to the counts.
 */
export async function measureServices(runtime: BenchRuntime, documents: number): Promise<ServiceFigures[]> {
  const proxies = runtime.proxies;
  if (!proxies) throw new Error('the bench runtime needs its proxies');
  const facts = functionFacts();
  const table = DynamoDBDocumentClient.from(localClient(proxies.dynamodb.target));
  const tableName = runtime.env.TABLE_NAME ?? '';
  const stored = (id: string) =>
    table.send(new GetCommand({ TableName: tableName, Key: keys.request(id) })).then((result) => result.Item);
  const citizen = await runtime.clientAs({
    username: 'bench.citizen',
    name: 'Warga Bench',
    role: 'citizen',
    areas: [],
  });
  const deciders = new Map<string, ApiClient>();
  const deciderFor = async (service: ServiceDefinition, stageIndex: number) => {
    const stage = service.stages[stageIndex];
    if (stage?.kind !== 'decision') throw new Error(`${service.code}: stage ${stageIndex} is not a decision`);
    const user = DEMO_USERS.find(
      (candidate) =>
        candidate.role === stage.role &&
        (!stage.agency || (candidate as { agency?: string }).agency === stage.agency) &&
        candidate.areas.some((area) => coversVillage(area, TAMPO)),
    );
    if (!user) throw new Error(`${service.code}: no demo user for ${stage.role} ${stage.agency ?? ''}`);
    let client = deciders.get(user.username);
    if (!client) {
      client = await runtime.clientAs(user);
      deciders.set(user.username, client);
    }
    return { client, stage };
  };

  const figures: ServiceFigures[] = [];
  // What people apply for: the office's legal products have their own chain (test/e2e/legal-products.test.ts).
  for (const service of SERVICE_CATALOG.filter(appliedForByPeople)) {
    let data: Record<string, unknown>;
    try {
      data = { ...sampleApplication(service.code) };
    } catch {
      console.warn(`  (no sample application for ${service.code}: not measured)`);
      continue;
    }
    proxies.dynamodb.meter(true);
    runtime.resetCounters();
    const ids: string[] = [];
    let storedTableBytes = 0;
    let storedPdfBytes = 0;
    const messages = {
      applicantSms: 0,
      applicantEmail: 0,
      staffReminderSms: 0,
      staffReminderEmail: 0,
      undeliverable: 0,
    };
    for (let document = 0; document < documents; document++) {
      const attachments = await attachAll(citizen, service.code, requiredRequirements(service.code), TAMPO);
      const submitted = await citizen.post<{ id: string }>('/v1/requests', {
        serviceCode: service.code,
        villageCode: TAMPO,
        data,
        attachments,
        contact: BENCH_CONTACT,
      });
      if (submitted.status !== 201) {
        throw new Error(`${service.code}: submission refused: ${JSON.stringify(submitted.body)}`);
      }
      const id = submitted.body.id;
      ids.push(id);
      for (let step = 0; step <= service.stages.length + 1; step++) {
        const item = await poll(`${id} to wait or end`, async () => {
          const current = await stored(id);
          return current?.awaiting || TERMINAL.includes(String(current?.status)) ? current : undefined;
        });
        if (item.status !== 'IN_REVIEW') break;
        const { client, stage } = await deciderFor(service, Number(item.stageIndex));
        for (let list = 0; list < MODELLED_API_CALLS.inboxListsPerStage; list++) {
          await client.get(`/v1/requests?village=${TAMPO}&status=IN_REVIEW&limit=25`);
        }
        const documentAttachment = await stageAttachments(client, service.code, stage);
        const decided = await client.post(`/v1/requests/${id}/decisions`, {
          decision: 'approve',
          note: '',
          stage: stage.key,
          ...(documentAttachment ? { attachments: documentAttachment } : {}),
        });
        if (decided.status !== 200) {
          throw new Error(`${service.code}: decision refused: ${JSON.stringify(decided.body)}`);
        }
      }
      const execution = await runtime.stepFunctions.waitFor(
        id,
        (record) => record.status !== 'RUNNING',
        60_000,
      );
      const final = await stored(id);
      if (execution.status !== 'SUCCEEDED' || final?.status !== 'ISSUED') {
        throw new Error(`${service.code}: execution ${execution.status}, request ${String(final?.status)}`);
      }
      for (let read = 0; read < MODELLED_API_CALLS.statusReads; read++)
        await citizen.get(`/v1/requests/${id}`);
      const link = await citizen.get<{ url: string; documentId: string }>(`/v1/requests/${id}/document`);
      const pdf = await fetch(link.body.url).then((response) => response.arrayBuffer());
      for (let check = 0; check < MODELLED_API_CALLS.verifications; check++) {
        await new ApiClient(runtime.url).get(`/v1/verify/${link.body.documentId}`);
      }
      storedPdfBytes += pdf.byteLength;
      storedTableBytes += await itemBytes(table, tableName, id, link.body.documentId);
      countMessages(messages, await outbox(table, tableName, id));
    }
    proxies.dynamodb.meter(false);
    figures.push(summarize(runtime, service, ids, facts, { storedPdfBytes, storedTableBytes }, messages));
  }
  table.destroy();
  return figures;
}

function summarize(
  runtime: BenchRuntime,
  service: ServiceDefinition,
  ids: readonly string[],
  facts: ReadonlyMap<string, FunctionFacts>,
  bytes: { storedPdfBytes: number; storedTableBytes: number },
  messages: LetterMessages,
): ServiceFigures {
  const documents = ids.length;
  const perDocument = (value: number) => value / documents;
  const executions = ids.map((id) => runtime.stepFunctions.describe(id)?.transitions ?? Number.NaN);
  const dynamoStats = runtime.proxies?.dynamodb.stats();
  const byCaller = dynamoStats?.awsCapacity ?? {};
  const capacity = Object.values(byCaller);
  const localReported = Object.values(dynamoStats?.capacity ?? {});
  const indexWrites: Record<string, number> = {};
  for (const units of capacity)
    for (const [index, value] of Object.entries(units.indexWrites))
      indexWrites[index] = (indexWrites[index] ?? 0) + perDocument(value);
  const s3Calls = Object.entries(runtime.proxies?.s3.stats().calls ?? {});
  const invocations = [...runtime.invocations].map(([entry, stats]) => ({
    entry,
    count: perDocument(stats.count),
    memoryMb: facts.get(entry)?.memoryMb ?? 512,
    // The median: an entry's first call in this process imports its module (a cold start, billed as INIT).
    ms: percentiles(stats.samples).p50,
  }));
  const coldStarts = (has: (fact: FunctionFacts) => boolean) =>
    invocations
      .filter((call) => {
        const fact = facts.get(call.entry);
        return fact !== undefined && has(fact);
      })
      .reduce((sum, call) => sum + call.count * LAMBDA_INIT.coldShare, 0);
  const signs = invocations
    .filter((call) => call.entry === WORKFLOW_TASKS.IssueDocument.entry)
    .reduce((sum, call) => sum + call.count, 0);
  const apiRequests = invocations
    .filter((call) => call.entry.startsWith('functions/api/'))
    .reduce((sum, call) => sum + call.count, 0);
  const invocationCount = invocations.reduce((sum, call) => sum + call.count, 0);
  const transitions = perDocument(executions.reduce((sum, value) => sum + value, 0));
  const s3 = (...operations: string[]) =>
    perDocument(
      s3Calls
        .filter(([key]) => operations.some((operation) => key.endsWith(` ${operation}`)))
        .reduce((sum, [, call]) => sum + call.forwarded + call.injected, 0),
    );
  const usage: DocumentUsage = {
    transitions,
    invocations,
    dynamoWriteUnits: perDocument(capacity.reduce((sum, units) => sum + units.write, 0)),
    dynamoIndexWriteUnits: Object.values(indexWrites).reduce((sum, value) => sum + value, 0),
    dynamoReadUnits: perDocument(capacity.reduce((sum, units) => sum + units.read, 0)),
    // PUT, COPY and POST are billed alike; GET and HEAD alike; DELETE is free
    s3Puts: s3('PutObject', 'PostObject'),
    s3Gets: s3('GetObject', 'HeadObject'),
    storedPdfBytes: perDocument(bytes.storedPdfBytes),
    storedTableBytes: perDocument(bytes.storedTableBytes),
    apiRequests,
    // Two Signs per letter (its hash, and its embedded PAdES signature: issue 14) and, per cold start, the
    // public keys of both the document key and the certificate authority's.
    kmsAsymmetric: 2 * (signs + coldStarts((fact) => fact.signingKey)),
    kmsOther: coldStarts((fact) => fact.pseudonymKey),
    logBytes:
      invocationCount * LOG_BYTES.perInvocation +
      transitions * LOG_BYTES.perTransition +
      apiRequests * LOG_BYTES.perApiRequest,
    // The workflow's sampling rule (lib/constructs/trace-sampling.ts): a share of executions, each one trace
    // (its task functions join it); API functions pass through and the HTTP API starts no trace.
    traces: TRACE_SAMPLING.fixedRate + apiRequests * TRACE_SAMPLING.apiRequestRate,
  };
  const perLetter = (value: number) => perDocument(value);
  return {
    service: service.code,
    stages: service.stages.map((stage) => (stage.kind === 'decision' ? stage.role : 'check')).join(' → '),
    documents,
    transitions: executions,
    usage,
    dynamoByFunction: Object.fromEntries(
      Object.entries(byCaller).map(([caller, units]) => [
        caller,
        { read: perDocument(units.read), write: perDocument(units.write) },
      ]),
    ),
    dynamoIndexWrites: indexWrites,
    dynamoFailedWrites: perDocument(capacity.reduce((sum, units) => sum + units.failedWrites, 0)),
    dynamoLocalReported: {
      read: perDocument(localReported.reduce((sum, units) => sum + units.read, 0)),
      write: perDocument(localReported.reduce((sum, units) => sum + units.write, 0)),
    },
    messages: {
      applicantSms: perLetter(messages.applicantSms),
      applicantEmail: perLetter(messages.applicantEmail),
      staffReminderSms: perLetter(messages.staffReminderSms),
      staffReminderEmail: perLetter(messages.staffReminderEmail),
      undeliverable: perLetter(messages.undeliverable),
    },
    cost: costPer1000(usage),
  };
}

/** A request's outbox (its NOTIFY# items), read straight from DynamoDB Local: not metered. */
async function outbox(table: DynamoDBDocumentClient, tableName: string, id: string) {
  const { pk, sk } = keys.notification(id);
  const result = await table.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': pk, ':sk': sk },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

/**
 * Adds a request's outbox to the counts: an applicant's message is sent when it has an address and was not
 * held back; a reminder to a decider counts whether it went at once or waits for (or went in) the hourly
 * digest: how many of them leave is modelled (cost-model.ts staffMessages), not read from this run's hour.
 */
function countMessages(
  counts: Record<keyof LetterMessages, number>,
  items: readonly Record<string, unknown>[],
) {
  for (const item of items) {
    const status = String(item.status);
    if (!item.to || status === 'undeliverable') {
      counts.undeliverable += 1;
      continue;
    }
    if (status === 'suppressed') continue; // over the per-destination limit: not sent
    const sms = item.channel === 'sms';
    if ((item.audience as { kind?: string } | undefined)?.kind === 'applicant') {
      counts[sms ? 'applicantSms' : 'applicantEmail'] += 1;
    } else counts[sms ? 'staffReminderSms' : 'staffReminderEmail'] += 1;
  }
}

/**
 * Approximate stored size of a request: its items (record, data, events) and its document record, as JSON,
 * plus, for every secondary index that holds an item, its entry there (the projected attributes).
 * Attachments (the persyaratan files) are not counted: they are the applicant's, kept as long as the request.
 */
async function itemBytes(table: DynamoDBDocumentClient, tableName: string, id: string, documentId: string) {
  const items = await table.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.request(id).pk },
    }),
  );
  const document = await table.send(new GetCommand({ TableName: tableName, Key: keys.document(documentId) }));
  return [...(items.Items ?? []), document.Item].reduce((sum, item) => {
    if (!item) return sum;
    const entries = Object.values(TABLE_INDEXES)
      .filter((index) => index.partitionKey in item)
      .map((index) => {
        const kept = new Set<string>([
          'pk',
          'sk',
          index.partitionKey,
          index.sortKey,
          ...('include' in index ? index.include : []),
        ]);
        return Object.fromEntries(Object.entries(item).filter(([name]) => kept.has(name)));
      });
    return [item, ...entries].reduce((bytes, entry) => bytes + JSON.stringify(entry).length, sum);
  }, 0);
}
