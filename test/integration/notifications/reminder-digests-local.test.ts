import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../../functions/adapters/keys.js';
import { findService } from '../../../functions/core/catalog/index.js';
import { digestClosesAt, digestHour } from '../../../functions/core/notifications/notifications.js';
import { localClient } from '../../../lib/local/dynamodb.js';
import { settled, submit } from '../../support/chain.js';
import { TAMPO } from '../../support/fixtures.js';
import { type ApiClient, eventually, signInAll, startTestRuntime } from '../../support/runtime.js';
import { sampleApplication } from '../../support/samples.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;

interface NotificationItem {
  readonly at: string;
  readonly audience: { readonly kind: string; readonly username?: string };
  readonly status: string;
  readonly sentAt?: string;
  readonly message: { readonly id: string };
}

/**
 * The whole path on the local runtime: the workflow opens the operator stage of two Tampo SKU requests within
 * one hour; the operator's first reminder is delivered (locally: recorded 'sent-local'), the second is held
 * for the hour's digest ('batched'); the digest job, run as the schedule would after that hour, tells the
 * operator once, and a second run tells nothing more.
 */
describe('reminders to a decider, batched per hour on the local runtime', () => {
  let runtime: Runtime;
  let citizen: ApiClient;
  let operator: ApiClient;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    [citizen, operator] = await signInAll(runtime, ['warga.tampo', 'operator.tampo']);
  });
  afterAll(() => runtime?.cleanup());

  /** A new Tampo SKU request, once its operator stage is open, with its reminder to the operator. */
  const openForOperator = async () => {
    const { id } = await submit(citizen, findService('SKU'), TAMPO, { ...sampleApplication('SKU') });
    const waiting = await settled(operator, id);
    expect(waiting.stage?.role).toBe('operator');
    const reminder = await eventually('the reminder to the operator', async () => {
      const { body } = await operator.get<{ items: NotificationItem[] }>(`/v1/requests/${id}/notifications`);
      return body.items.find((item) => item.audience.username === 'operator.tampo');
    });
    const { body } = await operator.get<{ trackingCode: string }>(`/v1/requests/${id}`);
    return { id, trackingCode: body.trackingCode, reminder };
  };
  const reminderOf = async (id: string) => {
    const { body } = await operator.get<{ items: NotificationItem[] }>(`/v1/requests/${id}/notifications`);
    return body.items.find((item) => item.audience.username === 'operator.tampo');
  };

  it('delivers the first reminder of the hour, holds the second, and the job sends one digest naming it, once', async () => {
    // Prepare: both stages must open in one clock hour; in the hour's last two minutes, wait for the next
    const left = 3_600_000 - (Date.now() % 3_600_000);
    if (left < 120_000) await sleep(left + 1_000);
    const first = await openForOperator();
    const second = await openForOperator();
    const hour = digestHour(second.reminder.at);
    expect(digestHour(first.reminder.at)).toBe(hour);
    expect(first.reminder.status).toBe('sent-local');
    expect(second.reminder.status).toBe('batched');
    // Act: the job, as the schedule runs it once the hour's digests have closed; then again
    const runAt = digestClosesAt(hour).toISOString();
    const run = await runtime.sendReminderDigests({ at: runAt, lookbackHours: 1 });
    const table = DynamoDBDocumentClient.from(localClient(runtime.env.AWS_ENDPOINT_URL_DYNAMODB ?? ''));
    const digest = async () =>
      (
        await table.send(
          new GetCommand({
            TableName: runtime.env.TABLE_NAME,
            Key: keys.digestHead(hour, 'operator.tampo'),
            ConsistentRead: true,
          }),
        )
      ).Item;
    const afterFirstRun = await digest();
    const again = await runtime.sendReminderDigests({ at: runAt, lookbackHours: 1 });
    // Assess: one digest, naming the held request only, recorded as delivered in the outbox
    expect(run).toMatchObject({ hours: [hour], sent: 1, reminders: 1, failed: 0 });
    expect(afterFirstRun).toMatchObject({ status: 'sent-local', channel: 'sms', to: '+6281100000101' });
    expect(afterFirstRun?.message.id).toMatch(
      new RegExp(
        `^Desa Digital: 1 permohonan lagi menunggu Anda \\(SKU ${second.trackingCode}\\)\\. Batas terdekat `,
      ),
    );
    expect(afterFirstRun?.message.id).not.toContain(first.trackingCode);
    expect(await reminderOf(second.id)).toMatchObject({ status: 'digested', sentAt: afterFirstRun?.sentAt });
    expect(await reminderOf(first.id)).toMatchObject({ status: 'sent-local' });
    // The second run finds nothing to send and changes nothing
    expect(again).toMatchObject({ sent: 0, reminders: 0, failed: 0 });
    expect(await digest()).toEqual(afterFirstRun);
    table.destroy();
  });
});
