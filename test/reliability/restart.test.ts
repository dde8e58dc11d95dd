import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { heavyTestFile } from '../support/budgets.js';
import { type ApiClient, eventually } from '../support/runtime.js';
import { clientFor, mapLimited, type ReliabilityRuntime, startRuntime, submission } from './support.js';

// Heavy: each test starts whole local runtimes in its body (budgets that hold on a shared machine).
heavyTestFile();

type RequestBody = { id: string; status: string; stage?: { key: string; dueAt?: string } };

const approve = { decision: 'approve', note: '' };

async function signIn(runtime: ReliabilityRuntime) {
  return {
    citizen: await clientFor(runtime, 'warga.tampo'),
    operator: await clientFor(runtime, 'operator.tampo'),
    villageHead: await clientFor(runtime, 'kades.tampo'),
  };
}

const stageOpen = (client: ApiClient, id: string, key: string) =>
  eventually(`stage ${key} of ${id}`, async () => {
    const { body } = await client.get<RequestBody>(`/v1/requests/${id}`);
    return body.stage?.key === key && body.stage.dueAt ? body : undefined;
  });

const statusIs = (client: ApiClient, id: string, status: string) =>
  eventually(`${id} to be ${status}`, async () => {
    const { body } = await client.get<RequestBody>(`/v1/requests/${id}`);
    return body.status === status ? body : undefined;
  });

/** The local runtime stops while approvals are pending; started again on the same data, every one resumes. */
describe('a restart of the local runtime', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('resumes every pending approval, at every stage, and each request can be decided to ISSUED', async () => {
    // Prepare: four requests wait for the operator, four for the village head, and one was just approved
    // by the village head (its letter may be being issued) when the runtime stops
    const first = await startRuntime();
    dirs.push(first.dataDir);
    const before = await signIn(first);
    const ids = await mapLimited(Array.from({ length: 9 }), 9, async () => {
      const { body } = await before.citizen.post<RequestBody>(
        '/v1/requests',
        await submission(before.citizen),
      );
      await stageOpen(before.operator, body.id, 'verify');
      return body.id;
    });
    const atVerify = ids.slice(0, 4);
    const atSign = ids.slice(4, 8);
    const justApproved = ids[8] ?? '';
    await mapLimited([...atSign, justApproved], 5, async (id) => {
      expect((await before.operator.post(`/v1/requests/${id}/decisions`, approve)).status).toBe(200);
      await stageOpen(before.operator, id, 'sign');
    });
    expect((await before.villageHead.post(`/v1/requests/${justApproved}/decisions`, approve)).status).toBe(
      200,
    );

    // Act: stop at once, then start again on the same data directory
    await first.stop();
    const second = await startRuntime({ dataDir: first.dataDir });
    try {
      const after = await signIn(second);

      // Assess: each pending stage is open again (a fresh task token), each decision moves its request on,
      // and every request ends ISSUED through its one and only execution
      await Promise.all(atVerify.map((id) => stageOpen(after.operator, id, 'verify')));
      await Promise.all(atSign.map((id) => stageOpen(after.operator, id, 'sign')));
      await mapLimited(atVerify, 4, async (id) => {
        expect((await after.operator.post(`/v1/requests/${id}/decisions`, approve)).status).toBe(200);
        await stageOpen(after.operator, id, 'sign');
      });
      await mapLimited([...atVerify, ...atSign], 8, async (id) => {
        expect((await after.villageHead.post(`/v1/requests/${id}/decisions`, approve)).status).toBe(200);
      });
      for (const id of ids) {
        const issued = await statusIs(after.citizen, id, 'ISSUED');
        expect(issued.status).toBe('ISSUED');
        const execution = await second.stepFunctions.waitFor(id, (record) => record.status !== 'RUNNING');
        expect(execution.status, id).toBe('SUCCEEDED');
      }
      expect(
        second.stepFunctions
          .listExecutions()
          .map((execution) => execution.name)
          .sort(),
      ).toEqual([...ids].sort());
    } finally {
      await second.stop();
    }
  });
});
