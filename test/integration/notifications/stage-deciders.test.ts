import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findService } from '../../../functions/core/catalog/index.js';
import { settled, submit } from '../../support/chain.js';
import { TAMPO } from '../../support/fixtures.js';
import { type ApiClient, eventually, signInAll, startTestRuntime } from '../../support/runtime.js';
import { sampleApplication } from '../../support/samples.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;

interface NotificationItem {
  readonly audience: { readonly kind: string; readonly role?: string; readonly username?: string };
  readonly channel: string;
  readonly to?: string;
  readonly status: string;
  readonly reason?: string;
  readonly message: { readonly id: string };
}

/**
 * The whole path on the local runtime: the workflow opens the operator stage of a Tampo SKU, lists the
 * operators in the local user pool (ListUsersInGroup, as in Cognito), keeps the one the authorization
 * policy lets decide it and records the reminder to their phone in the outbox ('sent-local': locally the
 * outbox is the delivery).
 */
describe("telling a stage's deciders that it waits for them", () => {
  let runtime: Runtime;
  let citizen: ApiClient;
  let operator: ApiClient;
  let otherOperator: ApiClient;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    [citizen, operator, otherOperator] = await signInAll(runtime, [
      'warga.tampo',
      'operator.tampo',
      'operator.sawoo',
    ]);
  });
  afterAll(() => runtime?.cleanup());

  it("sends Tampo's operator the reminder of a Tampo SKU, and nothing to Sawoo's operator", async () => {
    // Prepare
    const submitted = await submit(citizen, findService('SKU'), TAMPO, { ...sampleApplication('SKU') });
    const waiting = await settled(operator, submitted.id);
    expect(waiting.stage?.role).toBe('operator');
    // Act: the reminder is recorded just after the stage is (announce runs after the write)
    const reminders = await eventually('the reminder to the operator', async () => {
      const { status, body } = await operator.get<{ items: NotificationItem[] }>(
        `/v1/requests/${submitted.id}/notifications`,
      );
      expect(status).toBe(200);
      const toStaff = body.items.filter((item) => item.audience.kind === 'role');
      return toStaff.length > 0 ? toStaff : undefined;
    });
    // Assess
    expect(reminders).toEqual([
      expect.objectContaining({
        audience: { kind: 'role', role: 'operator', username: 'operator.tampo' },
        channel: 'sms',
        to: '+62811****101',
        status: 'sent-local',
      }),
    ]);
    expect(reminders[0]?.message.id).toContain('menunggu Anda: Verifikasi berkas oleh operator desa');
    expect(JSON.stringify(reminders)).not.toMatch(/operator\.sawoo|\*\*\*\*201|6281100000101/);
    // Sawoo's operator cannot even see the request
    expect((await otherOperator.get(`/v1/requests/${submitted.id}/notifications`)).status).toBe(404);
    // The applicant sees what they were told, never the reminders to staff
    const told = await citizen.get<{ items: NotificationItem[] }>(
      `/v1/requests/${submitted.id}/notifications`,
    );
    expect(told.body.items.every((item) => item.audience.kind === 'applicant')).toBe(true);
  });
});
