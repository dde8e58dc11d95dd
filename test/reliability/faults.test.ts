import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAMPO } from '../support/fixtures.js';
import { ApiClient, eventually } from '../support/runtime.js';
import {
  clientFor,
  isWorkflowTask,
  mapLimited,
  type ReliabilityRuntime,
  standIns,
  startRuntime,
  submission,
} from './support.js';

type RequestBody = {
  id: string;
  status: string;
  stage?: { key: string; dueAt?: string };
  document?: { documentId: string; sha256?: string };
};

/** The SDK's default attempts per call (standard retry mode). */
const SDK_ATTEMPTS = 3;

/** Things break on purpose (through the fault proxies): requests are retried, restarted, never lost. */
describe('under injected faults', () => {
  let runtime: ReliabilityRuntime;
  let citizen: ApiClient;
  let operator: ApiClient;
  let villageHead: ApiClient;

  beforeAll(async () => {
    runtime = await startRuntime({ proxies: true });
    citizen = await clientFor(runtime, 'warga.tampo');
    operator = await clientFor(runtime, 'operator.tampo');
    villageHead = await clientFor(runtime, 'kades.tampo');
  });
  afterAll(() => runtime?.cleanup());

  const proxies = () => {
    if (!runtime.proxies) throw new Error('the runtime was started without proxies');
    return runtime.proxies;
  };

  const waitForStage = (id: string, key: string) =>
    eventually(
      `stage ${key} of ${id}`,
      async () => {
        const { body } = await operator.get<RequestBody>(`/v1/requests/${id}`);
        return body.stage?.key === key && body.stage.dueAt ? body : undefined;
      },
      60_000,
    );

  /** Both approvals, each as soon as its stage is open. */
  const approveAll = async (id: string) => {
    await waitForStage(id, 'verify');
    expect(
      (await operator.post(`/v1/requests/${id}/decisions`, { decision: 'approve', note: '' })).status,
    ).toBe(200);
    await waitForStage(id, 'sign');
    expect(
      (await villageHead.post(`/v1/requests/${id}/decisions`, { decision: 'approve', note: '' })).status,
    ).toBe(200);
  };

  it('lets the reconciler complete a request whose workflow did not start after it was written', async () => {
    // Prepare: StartExecution fails for the submit function (as if it crashed right after writing)
    const checks = standIns(runtime);
    proxies().sfn.inject({
      rate: 1,
      operations: ['StartExecution'],
      callers: (caller) => caller === 'functions/api/submit-request.ts',
    });
    const failed = await citizen.post<{ error: { message: { id: string; en: string } } }>(
      '/v1/requests',
      await submission(citizen),
    );
    proxies().sfn.inject(undefined);
    expect(failed.status).toBe(500);
    expect(failed.body.error.message.en).toMatch(/Nothing was lost/);
    const [written] = (await checks.requestsOf(TAMPO)).filter((record) => record.status === 'SUBMITTED');
    const id = String(written?.id);
    expect(runtime.stepFunctions.describe(id)).toBeUndefined();

    // Act: a scheduled run leaves it alone while it is young; a run that considers it old restarts it
    const early = await runtime.reconcile();
    const late = await runtime.reconcile({ olderThanSeconds: 0 });

    // Assess: the request goes through its workflow to the issued letter
    expect(early.restartedIds).toEqual([]);
    expect(late.restartedIds).toEqual([id]);
    await approveAll(id);
    await runtime.stepFunctions.waitFor(id, (execution) => execution.status !== 'RUNNING', 30_000);
    const { body } = await citizen.get<RequestBody>(`/v1/requests/${id}`);
    expect(body.status).toBe('ISSUED');
    expect((await runtime.reconcile({ olderThanSeconds: 0 })).restartedIds).toEqual([]);
    checks.destroy();
  });

  it('claims the Idempotency-Key before moving files: a retry after a failed write resumes it, one request with every file', async () => {
    // Prepare: the submit function's create transaction fails every time, after the key was claimed and the
    // files moved (as if it crashed between accepting the files and writing the request)
    const checks = standIns(runtime);
    const headers = { 'Idempotency-Key': 'resume-after-a-failed-write' };
    const body = await submission(citizen);
    const attachedBefore = await attachmentKeys(checks.s3, runtime.env.DOCUMENTS_BUCKET ?? '');
    const requestsBefore = (await checks.requestsOf(TAMPO)).length;
    proxies().dynamodb.inject({
      rate: 1,
      operations: ['TransactWriteItems'],
      callers: (caller) => caller === 'functions/api/submit-request.ts',
    });
    proxies().dynamodb.resetStats();
    const failed = await citizen.post('/v1/requests', body, headers);
    proxies().dynamodb.inject(undefined);
    expect(countInjected(proxies().dynamodb.stats().calls)).toBeGreaterThan(0);
    expect(failed.status).toBe(500);
    expect((await checks.requestsOf(TAMPO)).length).toBe(requestsBefore);

    // Act: the citizen retries with the same key, twice at once, then once more
    const retries = await Promise.all(
      [1, 2].map(() => citizen.post<RequestBody>('/v1/requests', body, headers)),
    );
    const again = await citizen.post<RequestBody & { attachments: { objectKey?: string }[] }>(
      '/v1/requests',
      body,
      headers,
    );

    // Assess: one request, every file attached once, under it and nowhere else
    expect([...retries, again].map((response) => response.status)).toEqual([201, 201, 201]);
    const id = again.body.id;
    expect(retries.map((response) => response.body.id)).toEqual([id, id]);
    const records = await checks.requestsOf(TAMPO);
    expect(records.length).toBe(requestsBefore + 1);
    const record = records.find((item) => item.id === id) as {
      attachments?: { objectKey: string; requirementCode: string }[];
    };
    expect(record.attachments?.map((file) => file.requirementCode).sort()).toEqual(
      body.attachments.map((file) => file.requirementCode).sort(),
    );
    const attachedAfter = await attachmentKeys(checks.s3, runtime.env.DOCUMENTS_BUCKET ?? '');
    const added = attachedAfter.filter((key) => !attachedBefore.includes(key));
    expect(added.sort()).toEqual((record.attachments ?? []).map((file) => file.objectKey).sort());
    checks.destroy();
  });

  it('retries throttled and failing DynamoDB and S3 calls in workflow tasks: every request is issued, each with its PDF', async () => {
    // Prepare: a fifth of the workflow tasks' DynamoDB calls fail (throttling and internal errors); the API's
    // own calls are left alone
    proxies().dynamodb.inject({ rate: 0.2, callers: isWorkflowTask });
    const ids = await mapLimited(Array.from({ length: 12 }), 6, async () => {
      const { status, body } = await citizen.post<RequestBody>('/v1/requests', await submission(citizen));
      expect(status).toBe(201);
      return body.id;
    });
    const [first = '', ...others] = ids;

    // Act: the first letter's upload fails with S3's InternalError as often as the SDK tries, so the state
    // machine's TransientError retry runs; then a third of the S3 calls fail (SlowDown or InternalError)
    // while the others are approved concurrently
    proxies().s3.inject({
      rate: 1,
      times: SDK_ATTEMPTS,
      faults: ['InternalError'],
      operations: ['PutObject'],
      callers: isWorkflowTask,
    });
    await approveAll(first);
    await runtime.stepFunctions.waitFor(first, (execution) => execution.status !== 'RUNNING', 60_000);
    proxies().s3.inject({ rate: 0.3, callers: isWorkflowTask });
    await mapLimited(others, 6, approveAll);
    const executions = await Promise.all(
      ids.map((id) =>
        runtime.stepFunctions.waitFor(id, (execution) => execution.status !== 'RUNNING', 60_000),
      ),
    );
    const injected = {
      dynamodb: countInjected(proxies().dynamodb.stats().calls),
      s3: countInjected(proxies().s3.stats().calls),
    };
    proxies().dynamodb.inject(undefined);
    proxies().s3.inject(undefined);

    // Assess: every execution succeeded, every request is ISSUED, and each issued PDF is stored with the hash
    // the request and the verification record carry
    expect(injected.dynamodb).toBeGreaterThan(0);
    expect(injected.s3).toBeGreaterThan(SDK_ATTEMPTS);
    expect(executions.map((execution) => execution.status)).toEqual(ids.map(() => 'SUCCEEDED'));
    // the first upload failed past the SDK's retries: its execution took a state machine retry (billed)
    expect(executions[0]?.transitions).toBeGreaterThan(Math.min(...executions.map((e) => e.transitions)));
    const checks = standIns(runtime);
    for (const id of ids) {
      const { body } = await citizen.get<RequestBody>(`/v1/requests/${id}`);
      expect(body.status, id).toBe('ISSUED');
      const documentId = body.document?.documentId;
      const verified = await new ApiClient(runtime.url).get<{ sha256: string }>(`/v1/verify/${documentId}`);
      const stored = await checks.objectSha256(`documents/${TAMPO}/${documentId}.pdf`);
      expect(stored, id).toBeDefined();
      expect(stored).toBe(body.document?.sha256);
      expect(stored).toBe(verified.body.sha256);
    }
    checks.destroy();
  });
});

/** Every stored attachment's key (accepted files live under attachments/<village>/<request>/). */
async function attachmentKeys(s3: S3Client, bucket: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'attachments/', ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

const countInjected = (calls: Record<string, { injected: number }>) =>
  Object.values(calls).reduce((sum, call) => sum + call.injected, 0);
