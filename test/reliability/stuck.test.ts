import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAMPO } from '../support/fixtures.js';
import { capturedSince, captureMark } from '../support/log-capture.js';
import { type ApiClient, eventually } from '../support/runtime.js';
import { clientFor, type ReliabilityRuntime, startRuntime, submission } from './support.js';

type RequestBody = {
  id: string;
  status: string;
  stage?: { key: string; dueAt?: string };
  events?: { type: string; status: string; stage?: string; note?: string }[];
};
type TaskList = { waiting: { id: string }[]; overdue: { id: string }[] };
type Notifications = { items: { at: string; audience: { kind: string } }[] };

/** The SDK's default attempts per call (standard retry mode). */
const SDK_ATTEMPTS = 3;
const approve = { decision: 'approve', note: '' };
/** Starting a runtime (a JVM among others) and a request's whole way: generous, for a busy machine. */
const START_BUDGET_MS = 300_000;
const TEST_BUDGET_MS = 240_000;

/** Runs the reconciler and returns its summary with what it printed (its own lines only). */
async function reconcileAndListen(runtime: ReliabilityRuntime, event: Record<string, number> = {}) {
  const mark = captureMark();
  const summary = await runtime.reconcile(event);
  const printed = capturedSince(mark).filter((line) => line.includes('desa-digital-reconciler'));
  return { summary, printed };
}

/** One JSON log line, as captured (`[console.warn] {...}`). */
const parseLine = (line: string) => JSON.parse(line.slice(line.indexOf('{'))) as Record<string, unknown>;

const stageOpen = (client: ApiClient, id: string, key: string) =>
  eventually(
    `stage ${key} of ${id}`,
    async () => {
      const { body } = await client.get<RequestBody>(`/v1/requests/${id}`);
      return body.stage?.key === key && body.stage.dueAt ? body : undefined;
    },
    60_000,
  );

/** Nothing stuck, nothing lost (issue 10, item 9): an execution that timed out, a lost workflow signal. */
describe('an execution that reached its timeout', () => {
  let runtime: ReliabilityRuntime;
  let citizen: ApiClient;
  let operator: ApiClient;

  beforeAll(async () => {
    // The state machine's own TimeoutSeconds, shortened: the local Step Functions times the execution out
    runtime = await startRuntime({ executionTimeoutSeconds: 30 });
    citizen = await clientFor(runtime, 'warga.tampo');
    operator = await clientFor(runtime, 'operator.tampo');
  }, START_BUDGET_MS);
  afterAll(() => runtime?.cleanup());

  it(
    'is closed visibly by the reconciler, exactly once: EXPIRED, with an event, the applicant told, off the inbox',
    async () => {
      // Prepare: a request waits for the operator until its execution times out (RecordFailure never runs)
      const { body: submitted } = await citizen.post<RequestBody>('/v1/requests', await submission(citizen));
      const id = submitted.id;
      await stageOpen(operator, id, 'verify');
      const ended = await runtime.stepFunctions.waitFor(id, (e) => e.status !== 'RUNNING', 120_000);
      expect(ended.status).toBe('TIMED_OUT');
      expect((await operator.get<RequestBody>(`/v1/requests/${id}`)).body.status).toBe('IN_REVIEW');
      const notifiedBefore = (await citizen.get<Notifications>(`/v1/requests/${id}/notifications`)).body
        .items;

      // Act: the reconciler runs twice
      const first = await reconcileAndListen(runtime);
      const second = await reconcileAndListen(runtime);

      // Assess
      expect(first.summary.closedIds).toEqual([id]);
      expect(first.printed).toHaveLength(1);
      expect(parseLine(first.printed[0] ?? '')).toMatchObject({ closed: 1, closedIds: [id] });
      expect(second.summary.closedIds).toEqual([]);
      expect(second.printed).toEqual([]);
      const { body } = await citizen.get<RequestBody>(`/v1/requests/${id}`);
      expect(body.status).toBe('EXPIRED');
      expect(body.stage).toBeUndefined();
      const closings = (body.events ?? []).filter((event) => event.type === 'WORKFLOW_TIMED_OUT');
      expect(closings).toHaveLength(1);
      expect(closings[0]?.status).toBe('EXPIRED');
      const notified = (await citizen.get<Notifications>(`/v1/requests/${id}/notifications`)).body.items;
      expect(notified.filter((item) => item.audience.kind === 'applicant').length).toBeGreaterThan(
        notifiedBefore.filter((item) => item.audience.kind === 'applicant').length,
      );
      const tasks = (await operator.get<TaskList>(`/v1/tasks?village=${TAMPO}`)).body;
      expect([...tasks.waiting, ...tasks.overdue].map((task) => task.id)).not.toContain(id);
      const inbox = await operator.get<{ items: { id: string }[] }>(
        `/v1/requests?village=${TAMPO}&status=IN_REVIEW`,
      );
      expect(inbox.body.items.map((item) => item.id)).not.toContain(id);
    },
    TEST_BUDGET_MS,
  );
});

describe('a decision whose signal to the workflow failed', () => {
  let runtime: ReliabilityRuntime;
  let citizen: ApiClient;
  let operator: ApiClient;
  let villageHead: ApiClient;

  beforeAll(async () => {
    runtime = await startRuntime({ proxies: true });
    citizen = await clientFor(runtime, 'warga.tampo');
    operator = await clientFor(runtime, 'operator.tampo');
    villageHead = await clientFor(runtime, 'kades.tampo');
  }, START_BUDGET_MS);
  afterAll(() => runtime?.cleanup());

  it(
    'is recorded (202), re-sent by the reconciler, and the request goes on to its letter, decided once',
    async () => {
      // Prepare: a request waits for the operator; the reconciler has nothing to do and says nothing
      const { body: submitted } = await citizen.post<RequestBody>('/v1/requests', await submission(citizen));
      const id = submitted.id;
      await stageOpen(operator, id, 'verify');
      const idle = await reconcileAndListen(runtime, { olderThanSeconds: 0 });
      expect(idle.summary).toMatchObject({ restarted: 0, resent: 0, closed: 0 });
      expect(idle.printed).toEqual([]);

      // Act: SendTaskSuccess fails for the decision API as often as the SDK tries (one failed signal)
      runtime.proxies?.sfn.inject({
        rate: 1,
        times: SDK_ATTEMPTS,
        operations: ['SendTaskSuccess'],
        callers: (caller) => caller === 'functions/api/decide-request.ts',
      });
      const decided = await operator.post<RequestBody>(`/v1/requests/${id}/decisions`, approve);
      runtime.proxies?.sfn.inject(undefined);

      // Assess: the decision stands; the workflow still waits at the first stage until the reconciler re-sends
      expect(decided.status).toBe(202);
      expect(decided.body.status).toBe('IN_REVIEW');
      expect(runtime.stepFunctions.describe(id)?.waiting).toHaveLength(1);
      const early = await reconcileAndListen(runtime); // within the grace period: left alone
      expect(early.summary.resentIds).toEqual([]);
      const late = await reconcileAndListen(runtime, { olderThanSeconds: 0 });
      expect(late.summary.resentIds).toEqual([id]);
      expect(late.printed).toHaveLength(1);
      expect(parseLine(late.printed[0] ?? '')).toMatchObject({ resent: 1, resentIds: [id] });

      await stageOpen(villageHead, id, 'sign');
      expect((await villageHead.post(`/v1/requests/${id}/decisions`, approve)).status).toBe(200);
      await runtime.stepFunctions.waitFor(id, (execution) => execution.status !== 'RUNNING', 60_000);
      const { body } = await citizen.get<RequestBody>(`/v1/requests/${id}`);
      expect(body.status).toBe('ISSUED');
      const decisions = (body.events ?? []).filter((event) => event.type === 'DECISION_APPROVE');
      expect(decisions.map((event) => event.stage)).toEqual(['verify', 'sign']);
      // the signal went through once: nothing is left to re-send
      const after = await reconcileAndListen(runtime, { olderThanSeconds: 0 });
      expect(after.summary.resentIds).toEqual([]);
      expect(after.printed).toEqual([]);
    },
    TEST_BUDGET_MS,
  );
});
