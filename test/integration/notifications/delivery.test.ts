import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNotifier, DynamoOutbox } from '../../../functions/adapters/notifications/index.js';
import {
  applicantNotifications,
  deciderNotifications,
} from '../../../functions/core/notifications/notifications.js';
import type { RequestEvent, ServiceRequest } from '../../../functions/core/requests/requests.js';
import { newId } from '../../../functions/core/shared/ids.js';
import type { Notification } from '../../../functions/core/shared/ports.js';
import { CONTACT, event, LETTER_NUMBER, request, sku } from '../../unit/notifications/fixtures.js';
import { FakeMessaging, startTable, TABLE_NAME } from './support.js';

const SENDER = 'layanan@desa.example.id';

/**
 * Delivery in AWS mode (NOTIFY_DELIVERY=aws): the real SNS and SES v2 adapters, through the real SDK
 * clients, against a local server speaking their protocols; the outbox in DynamoDB Local.
 */
describe('delivering notifications through SNS and SES', () => {
  let table: Awaited<ReturnType<typeof startTable>>;
  const fake = new FakeMessaging();
  const outbox = new DynamoOutbox(TABLE_NAME);
  const aws = (env: Record<string, string> = {}) =>
    createNotifier({ TABLE_NAME, NOTIFY_DELIVERY: 'aws', SENDER_EMAIL: SENDER, ...env });
  const compose = (
    status: RequestEvent['status'],
    overrides: Partial<ServiceRequest> = {},
    extra: Partial<RequestEvent> = {},
  ) => {
    const req = request({ id: newId(), status, ...overrides });
    return { req, notifications: applicantNotifications(req, sku, event(status, status, extra), CONTACT) };
  };
  const only = (notifications: Notification[], channel: Notification['channel']) => {
    const found = notifications.find((n) => n.channel === channel);
    if (!found) throw new Error(`no ${channel}`);
    return found;
  };

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
  beforeEach(() => fake.reset());

  it('sends the SMS with SNS Publish to the E.164 number, transactional, and records it as sent', async () => {
    // Prepare
    const { req, notifications } = compose('RETURNED', {}, { note: 'Foto KTP buram' });
    const sms = only(notifications, 'sms');
    // Act
    await aws({ SMS_SENDER_ID: 'DESADIGITAL' }).notify(sms);
    // Assess
    expect(fake.sns).toHaveLength(1);
    expect(fake.sns[0]?.params).toMatchObject({
      Action: 'Publish',
      PhoneNumber: '+6281234567890',
      Message: sms.message.id,
      'MessageAttributes.entry.1.Name': 'AWS.SNS.SMS.SMSType',
      'MessageAttributes.entry.1.Value.DataType': 'String',
      'MessageAttributes.entry.1.Value.StringValue': 'Transactional',
      'MessageAttributes.entry.2.Name': 'AWS.SNS.SMS.SenderID',
      'MessageAttributes.entry.2.Value.StringValue': 'DESADIGITAL',
    });
    const [record] = await outbox.list(req.id);
    expect(record).toMatchObject({ status: 'sent', attempts: 1, providerMessageId: 'sns-1' });
    expect(record?.sentAt).toBeDefined();
  });

  it('sends the e-mail with SES v2 from the sender, text and HTML, Indonesian before English', async () => {
    // Prepare
    const { req, notifications } = compose('ISSUED', {
      document: { documentId: 'D', letterNumber: LETTER_NUMBER },
    });
    // Act
    await aws().notify(only(notifications, 'email'));
    // Assess
    expect(fake.ses).toHaveLength(1);
    const body = fake.ses[0]?.body as {
      FromEmailAddress: string;
      Destination: { ToAddresses: string[] };
      Content: {
        Simple: { Subject: { Data: string }; Body: { Text: { Data: string }; Html: { Data: string } } };
      };
    };
    expect(body.FromEmailAddress).toBe(SENDER);
    expect(body.Destination.ToAddresses).toEqual(['Budi.Santoso@example.co.id']);
    const { Subject, Body } = body.Content.Simple;
    expect(Subject.Data).toBe(`[${req.trackingCode}] Permohonan Surat Keterangan Usaha: surat sudah terbit`);
    const text = Body.Text.Data;
    expect(text.indexOf('Surat Anda sudah terbit dengan nomor')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('Surat Anda sudah terbit')).toBeLessThan(text.indexOf('Your letter was issued'));
    expect(Body.Html.Data).toContain('<div lang="id">');
    expect(Body.Html.Data).toContain('<div lang="en">');
    expect(Body.Html.Data.indexOf('lang="id"')).toBeLessThan(Body.Html.Data.indexOf('lang="en"'));
    expect((await outbox.list(req.id))[0]).toMatchObject({ status: 'sent', providerMessageId: 'ses-1' });
  });

  it('escapes what staff wrote when it goes into the HTML e-mail', async () => {
    const { notifications } = compose(
      'REJECTED',
      {},
      { note: '<script>alert(1)</script> & "tidak lengkap"' },
    );
    await aws().notify(only(notifications, 'email'));
    const [call] = fake.ses;
    if (!call) throw new Error('no e-mail sent');
    const html = (call.body as { Content: { Simple: { Body: { Html: { Data: string } } } } }).Content.Simple
      .Body.Html.Data;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;tidak lengkap&#34;');
  });

  it('does not send again when a retried task notifies the same thing, even concurrently', async () => {
    // Prepare
    const { notifications } = compose('REJECTED', {}, { note: 'Usaha di luar wilayah desa' });
    // Act
    await Promise.all([
      aws().notify(notifications[0] as Notification),
      aws().notify(notifications[0] as Notification),
    ]);
    await aws().notify(notifications[0] as Notification);
    await Promise.all(notifications.map((n) => aws().notify(n)));
    // Assess
    expect(fake.sns).toHaveLength(1);
    expect(fake.ses).toHaveLength(1);
  });

  it('records a refused SMS as failed without failing the caller, and sends it when it comes again', async () => {
    // Prepare
    const { req, notifications } = compose('RETURNED', {}, { note: 'Foto KTP buram' });
    const sms = only(notifications, 'sms');
    fake.refuseNextSms('InvalidParameter');
    // Act
    await expect(aws().notify(sms)).resolves.toBeUndefined();
    const afterFailure = await outbox.list(req.id);
    await aws().notify(sms);
    // Assess
    expect(afterFailure[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(afterFailure[0]?.reason).toMatch(/InvalidParameter/);
    expect(fake.sns).toHaveLength(2);
    expect((await outbox.list(req.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await outbox.list(req.id))[0]).not.toHaveProperty('reason');
  });

  it('gives up after three refused attempts', async () => {
    const { req, notifications } = compose('RETURNED', {}, { note: 'Foto KTP buram' });
    const sms = only(notifications, 'sms');
    for (let attempt = 0; attempt < 4; attempt++) fake.refuseNextSms('AuthorizationError', 403);
    for (let attempt = 0; attempt < 4; attempt++) await aws().notify(sms);
    expect(fake.sns).toHaveLength(3);
    expect((await outbox.list(req.id))[0]).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('sends a decider their reminder by SMS, or by e-mail when they have no mobile number', async () => {
    // Prepare
    const req = request({ id: newId() });
    const reminders = deciderNotifications(
      req,
      sku,
      { stageKey: 'verify', role: 'operator', dueAt: '2026-11-22T07:00:00.000Z' },
      [
        { username: 'operator.tampo', role: 'operator', phone: '+6281100000101' },
        { username: 'helper.tampo', role: 'operator', email: 'helper.tampo@desa.example' },
      ],
    );
    // Act
    for (const n of reminders) await aws().notify(n);
    // Assess
    expect(fake.sns.map((call) => call.params.PhoneNumber)).toEqual(['+6281100000101']);
    expect(fake.sns[0]?.params.Message).toContain('menunggu Anda');
    expect(
      fake.ses.map(
        (call) => (call.body as { Destination: { ToAddresses: string[] } }).Destination.ToAddresses,
      ),
    ).toEqual([['helper.tampo@desa.example']]);
    const records = await outbox.list(req.id);
    expect(records.map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('records, without sending, what has no address: no contact, a stage without staff, e-mail without a sender', async () => {
    // Prepare
    const req = request({ id: newId() });
    // A rejection must reach the applicant (an SMS under issue 11's policy): with no contact it is recorded.
    const noContact = applicantNotifications(req, sku, event('REJECTED', 'DECISION_REJECT'), undefined);
    const reminder = deciderNotifications(
      req,
      sku,
      { stageKey: 'verify', role: 'operator', dueAt: '2026-11-22T07:00:00.000Z' },
      [],
    );
    const email = only(
      applicantNotifications(req, sku, event('APPROVED', 'DECISION_APPROVE'), CONTACT),
      'email',
    );
    // Act
    for (const n of [...noContact, ...reminder]) await aws().notify(n);
    await createNotifier({ TABLE_NAME, NOTIFY_DELIVERY: 'aws' }).notify(email);
    // Assess
    expect(fake.sns).toHaveLength(0);
    expect(fake.ses).toHaveLength(0);
    const records = await outbox.list(req.id);
    expect(records.map((r) => [r.audience.kind, r.channel, r.status, r.reason])).toEqual(
      expect.arrayContaining([
        ['applicant', 'sms', 'undeliverable', 'no-contact'],
        ['role', 'sms', 'undeliverable', 'no-staff-for-stage'],
        ['applicant', 'email', 'undeliverable', 'no-sender'],
      ]),
    );
  });

  it('refuses an unknown delivery mode at start', () => {
    expect(() => createNotifier({ TABLE_NAME, NOTIFY_DELIVERY: 'sms' })).toThrow(/NOTIFY_DELIVERY/);
  });
});
