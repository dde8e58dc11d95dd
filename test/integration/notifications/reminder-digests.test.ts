import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dynamo } from '../../../functions/adapters/dynamo-client.js';
import { keys } from '../../../functions/adapters/keys.js';
import {
  DigestSender,
  DynamoDigests,
  DynamoOutbox,
  OutboxNotifier,
} from '../../../functions/adapters/notifications/index.js';
import { SesEmail } from '../../../functions/adapters/notifications/ses-email.js';
import { SnsSms } from '../../../functions/adapters/notifications/sns-sms.js';
import {
  deciderNotifications,
  digestClosesAt,
  digestHour,
  notificationId,
  type StageDecider,
} from '../../../functions/core/notifications/notifications.js';
import { newId } from '../../../functions/core/shared/ids.js';
import type { Notification } from '../../../functions/core/shared/ports.js';
import { request, sku } from '../../unit/notifications/fixtures.js';
import { FakeMessaging, startTable, TABLE_NAME } from './support.js';

const OPERATOR: StageDecider = { username: 'operator.tampo', role: 'operator', phone: '+6281100000101' };
const HELPER: StageDecider = {
  username: 'helper.tampo',
  role: 'operator',
  email: 'helper.tampo@desa.example',
};

/**
 * Reminders to deciders batched per person and hour, in AWS mode: the real SNS and SES adapters against a
 * local stand-in speaking their protocols, the outbox and the digests in DynamoDB Local, and a clock the
 * test moves, so that "the same hour" and "after the hour" do not depend on when the test runs.
 */
describe('reminder digests: the first reminder of the hour at once, the others in one message', () => {
  let table: Awaited<ReturnType<typeof startTable>>;
  const fake = new FakeMessaging();
  const outbox = new DynamoOutbox(TABLE_NAME);
  const digests = new DynamoDigests(TABLE_NAME);
  const clock = { at: new Date(), now: () => clock.at };
  const delivery = () =>
    ({
      outbox,
      digests,
      mode: 'aws',
      sms: new SnsSms(),
      email: new SesEmail('layanan@desa.example.id'),
      clock,
    }) as const;
  const notifier = () => new OutboxNotifier(delivery());
  const sender = () => new DigestSender(delivery());

  /** Every test has an hour of its own (a day apart), so their digests never meet. */
  let hourStart = Date.parse('2026-11-22T03:00:00.000Z');
  const at = (minute: number) => new Date(hourStart + minute * 60_000).toISOString();
  /** A stage of a new request opens at `minute` of the test's hour, with its reminders to `deciders`. */
  const stageOpens = (minute: number, deciders: readonly StageDecider[] = [OPERATOR]) => {
    clock.at = new Date(at(minute));
    const req = request({
      id: newId(),
      trackingCode: `DD-${newId().slice(-8, -4)}-${newId().slice(-4)}`,
      updatedAt: at(minute),
    });
    const dueAt = new Date(hourStart + (minute + 240) * 60_000).toISOString();
    return {
      req,
      reminders: deciderNotifications(req, sku, { stageKey: 'verify', role: 'operator', dueAt }, deciders),
    };
  };
  const remind = async (reminders: readonly Notification[]) => {
    for (const reminder of reminders) await notifier().notify(reminder);
  };
  const statusOf = async (requestId: string) => (await outbox.list(requestId)).map((record) => record.status);
  /** Runs the job as the schedule would, just after the test's hour closed. */
  const runJob = () => {
    clock.at = new Date(digestClosesAt(digestHour(at(0))).getTime() + 3 * 60_000);
    return sender().sendDue(clock.at, 1);
  };
  const head = async (username: string) =>
    (
      await dynamo().send(
        new GetCommand({
          TableName: TABLE_NAME,
          Key: keys.digestHead(digestHour(at(0)), username),
          ConsistentRead: true,
        }),
      )
    ).Item;

  beforeAll(async () => {
    table = await startTable();
    await fake.start();
    process.env.AWS_ENDPOINT_URL_SNS = fake.url;
    process.env.AWS_ENDPOINT_URL_SESV2 = fake.url;
  });
  afterAll(async () => {
    await fake.stop();
    await table?.stop();
  });
  beforeEach(() => {
    fake.reset();
    hourStart += 24 * 3_600_000;
  });

  it('sends the first reminder of the hour, holds the later ones, and sends one digest that lists them', async () => {
    // Prepare: three stages open for the operator within the hour
    const first = stageOpens(5);
    const second = stageOpens(20);
    const third = stageOpens(41);
    // Act
    await remind(first.reminders);
    await remind(second.reminders);
    await remind(third.reminders);
    const beforeJob = fake.sns.length;
    const run = await runJob();
    // Assess: one SMS at once, one digest for the other two
    expect(beforeJob).toBe(1);
    expect(await statusOf(first.req.id)).toEqual(['sent']);
    expect(run).toMatchObject({ sent: 1, reminders: 2, failed: 0 });
    expect(fake.sns).toHaveLength(2);
    const digest = fake.sns[1]?.params ?? {};
    expect(digest.PhoneNumber).toBe('+6281100000101');
    expect(digest.Message).toBe(
      `Desa Digital: 2 permohonan lagi menunggu Anda (SKU ${second.req.trackingCode}, SKU ${third.req.trackingCode}). Batas terdekat 14:20 WIB.`,
    );
    for (const { req } of [second, third]) {
      const [record] = await outbox.list(req.id);
      expect(record).toMatchObject({ status: 'digested', to: '+6281100000101' });
      expect(record?.sentAt).toBeDefined();
      // What the reminder said on its own stays the record of it
      expect(record?.message.id).toContain(`(${req.trackingCode}) menunggu Anda`);
    }
    // The digest item says what the operator was told, and that the hour's first reminder went on its own
    expect(await head(OPERATOR.username)).toMatchObject({
      status: 'sent',
      firstId: first.reminders[0] && notificationId(first.reminders[0]),
      channel: 'sms',
      to: '+6281100000101',
      message: { id: digest.Message },
    });
  });

  it('sends nothing more when the job runs again, or when a task delivers its reminders again', async () => {
    // Prepare
    const first = stageOpens(1);
    const second = stageOpens(2);
    await remind(first.reminders);
    await remind(second.reminders);
    // Act: each task redelivered, the job twice, then the redelivered tasks once more
    await remind(first.reminders);
    await remind(second.reminders);
    const runs = [await runJob(), await runJob()];
    await remind(first.reminders);
    await remind(second.reminders);
    // Assess
    expect(runs.map((run) => run.sent)).toEqual([1, 0]);
    expect(fake.sns).toHaveLength(2);
    expect(await statusOf(second.req.id)).toEqual(['digested']);
  });

  it("tells a busy decider's whole hour in one SMS part, and settles every held reminder", async () => {
    // Prepare: a stage opens for the operator every four minutes
    const opened = Array.from({ length: 14 }, (_, n) => stageOpens(2 + 4 * n));
    for (const { reminders } of opened) await remind(reminders);
    // Act
    const run = await runJob();
    // Assess
    expect(run).toMatchObject({ sent: 1, reminders: 13 });
    expect(fake.sns).toHaveLength(2);
    const message = fake.sns[1]?.params.Message ?? '';
    expect(message).toMatch(
      /^Desa Digital: 13 permohonan lagi menunggu Anda \(SKU DD-.*, \+\d+ lainnya\)\. Batas terdekat /,
    );
    expect(message.length).toBeLessThanOrEqual(160);
    for (const { req } of opened.slice(1)) expect(await statusOf(req.id)).toEqual(['digested']);
  });

  it("keeps each decider's hour apart: each one's first reminder goes at once, by SMS or e-mail", async () => {
    // Prepare: the operator has a phone, the helper only an e-mail address
    const first = stageOpens(10, [OPERATOR, HELPER]);
    const second = stageOpens(11, [OPERATOR, HELPER]);
    // Act
    await remind(first.reminders);
    await remind(second.reminders);
    await runJob();
    // Assess: at once, one SMS and one e-mail; then one digest each, on the same channel
    expect(fake.sns).toHaveLength(2);
    expect(fake.ses).toHaveLength(2);
    const body = fake.ses[1]?.body as {
      Content: { Simple: { Subject: { Data: string }; Body: { Text: { Data: string } } } };
    };
    expect(body.Content.Simple.Subject.Data).toBe('[Desa Digital] 1 permohonan lagi menunggu keputusan Anda');
    expect(body.Content.Simple.Body.Text.Data).toContain(
      `- SKU ${second.req.trackingCode}: Verifikasi berkas oleh operator desa`,
    );
    expect(await statusOf(second.req.id)).toEqual(['digested', 'digested']);
  });

  it('sends a reminder at once when its hour has closed', async () => {
    // Prepare: a stage opened at 10:59 whose reminder is composed only after the digest closed (a retried task)
    const late = stageOpens(59);
    const early = stageOpens(58);
    await remind(early.reminders);
    clock.at = digestClosesAt(digestHour(at(0)));
    // Act
    await remind(late.reminders);
    // Assess
    expect(fake.sns).toHaveLength(2);
    expect(await statusOf(late.req.id)).toEqual(['sent']);
  });

  it('keeps the reminders held while SNS refuses the digest, and sends it once at the next run', async () => {
    // Prepare
    await remind(stageOpens(3).reminders);
    const held = stageOpens(4);
    await remind(held.reminders);
    fake.refuseNextSms('InvalidParameter');
    // Act
    const refused = await runJob();
    const afterRefusal = await statusOf(held.req.id);
    const retried = await runJob();
    // Assess
    expect(refused).toMatchObject({ sent: 0, failed: 1 });
    expect(afterRefusal).toEqual(['batched']);
    expect(retried).toMatchObject({ sent: 1, failed: 0 });
    expect(fake.sns).toHaveLength(3);
    expect(await statusOf(held.req.id)).toEqual(['digested']);
  });

  it('finishes a run that stopped after sending: the held reminders are settled, the digest is not sent again', async () => {
    // Prepare: the digest went out, then the run died before the reminders' records were settled
    await remind(stageOpens(30).reminders);
    const held = stageOpens(31);
    await remind(held.reminders);
    await dynamo().send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: keys.digestHead(digestHour(at(0)), OPERATOR.username),
        UpdateExpression: 'SET #status = :sent, sentAt = :at, attempts = :one',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':at': at(62), ':one': 1 },
      }),
    );
    // Act
    const run = await runJob();
    // Assess
    expect(run.sent).toBe(0);
    expect(fake.sns).toHaveLength(1); // the first reminder only
    const [record] = await outbox.list(held.req.id);
    expect(record).toMatchObject({ status: 'digested', sentAt: at(62) });
  });

  it('leaves a digest that a live run is sending to that run, and takes over one left by a dead run', async () => {
    // Prepare: a run claimed the digest and has not finished
    await remind(stageOpens(40).reminders);
    const held = stageOpens(41);
    await remind(held.reminders);
    const claimedAt = new Date(digestClosesAt(digestHour(at(0))).getTime() + 2 * 60_000).toISOString();
    await dynamo().send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: keys.digestHead(digestHour(at(0)), OPERATOR.username),
        UpdateExpression: 'SET #status = :sending, claimId = :claim, claimedAt = :at, attempts = :one',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':claim': 'other-run',
          ':at': claimedAt,
          ':one': 1,
        },
      }),
    );
    // Act: one minute later (the claim is live), then after the outbox's five minutes (the claim is stale)
    const whileLive = await runJob();
    clock.at = new Date(Date.parse(claimedAt) + 6 * 60_000);
    const afterStale = await sender().sendDue(clock.at, 1);
    // Assess
    expect(whileLive.sent).toBe(0);
    expect(afterStale.sent).toBe(1);
    expect(fake.sns).toHaveLength(2);
    expect(await statusOf(held.req.id)).toEqual(['digested']);
  });
});
