import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WORKFLOW_ENDINGS } from '../../functions/core/approvals/approvals.js';
import { type SynthesizedTemplate, startLocalRuntime } from '../../lib/local/runtime.js';
import { heavyTestFile } from '../support/budgets.js';
import { TAMPO, validBusinessApplication } from '../support/fixtures.js';
import { type ApiClient, eventually, signInAll } from '../support/runtime.js';
import { attachAll, requiredRequirements } from '../support/uploads.js';

// Heavy: each test starts whole local runtimes in its body (budgets that hold on a shared machine).
heavyTestFile();

type RequestBody = {
  id: string;
  status: string;
  stage?: { key: string; dueAt?: string };
  document?: unknown;
};
type Runtime = Awaited<ReturnType<typeof startLocalRuntime>>;

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function start(
  dataDir?: string,
  transformTemplate?: (template: SynthesizedTemplate) => SynthesizedTemplate,
) {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'desa-runtime-')));
  dirs.push(dir);
  const runtime = await startLocalRuntime({
    dataDir: dir,
    port: 0,
    retryIntervalMs: 10,
    ...(transformTemplate ? { transformTemplate } : {}),
  });
  const [citizen, operator, villageHead] = await signInAll(runtime, [
    'warga.tampo',
    'operator.tampo',
    'kades.tampo',
  ]);
  return { runtime, dir, citizen, operator, villageHead };
}

const submit = async (citizen: ApiClient) =>
  citizen.post<RequestBody>('/v1/requests', {
    serviceCode: 'SKU',
    villageCode: TAMPO,
    data: validBusinessApplication,
    attachments: await attachAll(citizen, 'SKU', requiredRequirements('SKU')),
  });

const waitFor = (client: ApiClient, id: string, what: string, done: (request: RequestBody) => boolean) =>
  eventually(what, async () => {
    const { body } = await client.get<RequestBody>(`/v1/requests/${id}`);
    return done(body) ? body : undefined;
  });

const stageOpen = (key: string) => (request: RequestBody) =>
  request.stage?.key === key && Boolean(request.stage.dueAt);

describe('the local runtime', () => {
  it('runs the state machine definition synthesized from the stack: change the definition, the behaviour changes', async () => {
    // Prepare: in the synthesized template, make the catcher of the approval's ending match another name, so
    // the final approval's SendTaskFailure falls through to the catch-all (RecordFailure) instead of
    // IssueDocument
    const withoutIssuing = (template: SynthesizedTemplate) => {
      const rewritten = JSON.stringify(template).replaceAll(
        `\\"ErrorEquals\\":[\\"${WORKFLOW_ENDINGS.approved}\\"]`,
        '\\"ErrorEquals\\":[\\"Approval.Never\\"]',
      );
      expect(rewritten).not.toBe(JSON.stringify(template));
      return JSON.parse(rewritten) as SynthesizedTemplate;
    };
    const { runtime, citizen, operator, villageHead } = await start(undefined, withoutIssuing);
    try {
      // Act: the same two approvals that issue a letter with the real definition
      const { body } = await submit(citizen);
      await waitFor(operator, body.id, 'verify stage', stageOpen('verify'));
      await operator.post(`/v1/requests/${body.id}/decisions`, { decision: 'approve', note: '' });
      await waitFor(operator, body.id, 'sign stage', stageOpen('sign'));
      await villageHead.post(`/v1/requests/${body.id}/decisions`, { decision: 'approve', note: '' });

      // Assess: the execution fails through RecordFailure, so the request is FAILED and no document is issued
      const execution = await eventually('the execution to end', async () => {
        const found = runtime.stepFunctions.describe(body.id);
        return found && found.status !== 'RUNNING' ? found : undefined;
      });
      expect(execution.status).toBe('FAILED');
      const { body: final } = await citizen.get<RequestBody>(`/v1/requests/${body.id}`);
      expect(final.status).toBe('FAILED');
      expect(final.document).toBeUndefined();
    } finally {
      await runtime.stop();
    }
  });

  it('keeps records and pending approvals across a restart', async () => {
    // Prepare: a request waits for the operator when the runtime stops
    const first = await start();
    const { body } = await submit(first.citizen);
    await waitFor(first.operator, body.id, 'verify stage', stageOpen('verify'));
    await first.runtime.stop();

    // Act: start again on the same data directory (tokens must be fetched again: the issuer's URL has a new port)
    const second = await start(first.dir);
    let runtime: Runtime | undefined = second.runtime;
    try {
      await waitFor(second.operator, body.id, 'verify stage after restart', stageOpen('verify'));
      const decided = await second.operator.post(`/v1/requests/${body.id}/decisions`, {
        decision: 'approve',
        note: '',
      });
      expect(decided.status).toBe(200);
      await waitFor(second.operator, body.id, 'sign stage', stageOpen('sign'));
      await second.villageHead.post(`/v1/requests/${body.id}/decisions`, { decision: 'approve', note: '' });

      // Assess: the same workflow execution went on to issue the letter
      const issued = await waitFor(
        second.citizen,
        body.id,
        'the document',
        (request) => request.status === 'ISSUED',
      );
      expect(issued.document).toBeDefined();
      await runtime.stop();
      runtime = undefined;
    } finally {
      await runtime?.stop();
    }
  });
});
