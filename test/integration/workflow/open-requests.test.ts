import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findService } from '../../../functions/core/catalog/index.js';
import { settled, submit } from '../../support/chain.js';
import { TAMPO } from '../../support/fixtures.js';
import { type ApiClient, signInAll, startTestRuntime } from '../../support/runtime.js';
import { sampleApplication } from '../../support/samples.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;

/**
 * The reconciler's hourly count (issue 15, item 2): the open requests (the open executions' gauge) and those
 * past their service's target time, read from the table through the village inbox index with the
 * reconciler's own grants (the local runtime refuses any access the stack does not grant).
 */
describe('the reconciler counting open requests', () => {
  let runtime: Runtime;
  let citizen: ApiClient;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    [citizen] = await signInAll(runtime, ['warga.tampo']);
  });
  afterAll(() => runtime?.cleanup());

  it('counts a new request as open at once, and as past target once its target time has gone by', async () => {
    // Prepare
    const service = findService('SKU');
    const before = (await runtime.reconcile({ measure: true })).measured;
    const submitted = await submit(citizen, service, TAMPO, { ...sampleApplication('SKU') });
    await settled(citizen, submitted.id);
    // Act
    const now = (await runtime.reconcile({ measure: true })).measured;
    const later = new Date(Date.now() + (service.targetHours + 1) * 3600_000).toISOString();
    const afterTarget = (await runtime.reconcile({ measure: true, at: later })).measured;
    // Assess
    expect(before).toBeDefined();
    expect(now?.open).toBe((before?.open ?? 0) + 1);
    expect(now?.pastTarget).toBe(before?.pastTarget);
    expect(afterTarget?.open).toBe(now?.open);
    expect(afterTarget?.pastTarget).toBeGreaterThanOrEqual((now?.pastTarget ?? 0) + 1);
    expect(afterTarget?.villagesPastTarget).toBeGreaterThanOrEqual(1);
    expect(runtime.deniedTableAccess()).toEqual([]);
  });

  it('counts nothing when a run is not asked to (the five-minute schedule)', async () => {
    expect((await runtime.reconcile()).measured).toBeUndefined();
  });
});
