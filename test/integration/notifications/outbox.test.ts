import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '../../../functions/adapters/dynamo-client.js';
import { createNotifier, DynamoOutbox } from '../../../functions/adapters/notifications/index.js';
import { handler } from '../../../functions/api/list-notifications.js';
import {
  applicantNotifications,
  deciderNotifications,
} from '../../../functions/core/notifications/notifications.js';
import type { ServiceRequest } from '../../../functions/core/requests/requests.js';
import { newId } from '../../../functions/core/shared/ids.js';
import { CONTACT, event, OPENED_AT, request, sku, TAMPO } from '../../unit/notifications/fixtures.js';
import { startTable, TABLE_NAME } from './support.js';

/** The outbox in DynamoDB Local, as the local runtime uses it (NOTIFY_DELIVERY=outbox). */
describe('the notification outbox', () => {
  let table: Awaited<ReturnType<typeof startTable>>;
  const outbox = new DynamoOutbox(TABLE_NAME);
  const notifier = () => createNotifier({ TABLE_NAME, NOTIFY_DELIVERY: 'outbox' });
  const newRequest = (overrides: Partial<ServiceRequest> = {}) => request({ id: newId(), ...overrides });
  const items = async (requestId: string) => {
    const result = await dynamo().send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `REQ#${requestId}` },
      }),
    );
    return result.Items ?? [];
  };

  beforeAll(async () => {
    table = await startTable();
  });
  afterAll(() => table?.stop());

  it("records the applicant's SMS and e-mail under the request, marked sent-local", async () => {
    // Prepare
    const req = newRequest();
    // A rejection: the applicant hears of it by SMS and e-mail (issue 11: SMS only to act or collect)
    const notifications = applicantNotifications(req, sku, event('REJECTED', 'DECISION_REJECT'), CONTACT);
    // Act
    for (const notification of notifications) await notifier().notify(notification);
    // Assess
    const stored = await items(req.id);
    expect(stored).toHaveLength(2);
    expect(stored.map((item) => item.sk)).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^NOTIFY#${OPENED_AT}#[0-9a-f]{24}$`))]),
    );
    expect(stored.map((item) => [item.channel, item.to, item.status])).toEqual(
      expect.arrayContaining([
        ['sms', '+6281234567890', 'sent-local'],
        ['email', 'Budi.Santoso@example.co.id', 'sent-local'],
      ]),
    );
    expect(stored.every((item) => item.gsi1pk === undefined && item.gsi4pk === undefined)).toBe(true);
  });

  it('keeps one item when a retried task composes the same notification again, even concurrently', async () => {
    // Prepare
    const req = newRequest();
    const [sms] = applicantNotifications(req, sku, event('REJECTED', 'DECISION_REJECT'), {
      phone: '081234567890',
    });
    if (!sms) throw new Error('expected an SMS');
    // Act
    await notifier().notify(sms);
    await Promise.all([notifier().notify(sms), notifier().notify({ ...sms }), notifier().notify(sms)]);
    // Assess
    expect(await items(req.id)).toHaveLength(1);
  });

  it('records an applicant without contact and a stage without deciders as undeliverable, a reminder to a decider as sent-local', async () => {
    // Prepare
    const req = newRequest();
    const waiting = { stageKey: 'verify', role: 'operator', dueAt: '2026-11-22T07:00:00.000Z' };
    const toApplicant = applicantNotifications(req, sku, event('RETURNED', 'DECISION_RETURN'), undefined);
    const toDecider = deciderNotifications(req, sku, waiting, [
      { username: 'operator.tampo', role: 'operator', phone: '+6281100000101' },
    ]);
    const toNobody = deciderNotifications(newRequest(), sku, waiting, []);
    // Act
    for (const notification of [...toApplicant, ...toDecider, ...toNobody])
      await notifier().notify(notification);
    // Assess
    const records = await outbox.list(req.id);
    expect(records.map((r) => [r.audience.kind, r.to, r.status, r.reason])).toEqual(
      expect.arrayContaining([
        ['applicant', undefined, 'undeliverable', 'no-contact'],
        ['role', '+6281100000101', 'sent-local', undefined],
      ]),
    );
    const [nobody, ...more] = await outbox.list(toNobody[0]?.requestId ?? '');
    expect(more).toEqual([]);
    expect(nobody).toMatchObject({ status: 'undeliverable', reason: 'no-staff-for-stage' });
  });

  it("reads a request's notifications newest first, and only that request's", async () => {
    // Prepare
    const req = newRequest();
    const other = newRequest();
    const contact = { email: 'budi@example.com' }; // one e-mail per status change
    const times = ['2026-11-22T03:00:00.000Z', '2026-11-22T05:30:00.000Z', '2026-11-23T01:00:00.000Z'];
    const statuses = ['SUBMITTED', 'IN_REVIEW', 'ISSUED'] as const;
    for (const [index, at] of times.entries()) {
      const status = statuses[index] ?? 'SUBMITTED';
      for (const notification of applicantNotifications(req, sku, event(status, status, { at }), contact)) {
        await notifier().notify(notification);
      }
    }
    for (const n of applicantNotifications(other, sku, event('SUBMITTED', 'SUBMITTED'), contact))
      await notifier().notify(n);
    // Act
    const records = await outbox.list(req.id);
    // Assess
    expect(records.map((record) => record.at)).toEqual([...times].reverse());
    expect(records.every((record) => record.requestId === req.id)).toBe(true);
    expect(records[0]).not.toHaveProperty('pk');
    expect(records[0]).not.toHaveProperty('claimId');
  });

  describe('GET /v1/requests/{id}/notifications', () => {
    const call = async (id: string, claims: Record<string, string>) => {
      const response = await handler(
        {
          requestContext: { authorizer: { jwt: { claims, scopes: [] } } },
          pathParameters: { id },
          headers: {},
        } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer,
        {} as Context,
      );
      return { status: response.statusCode, body: JSON.parse(response.body ?? '{}') };
    };
    let req: ServiceRequest;

    beforeAll(async () => {
      req = newRequest();
      await dynamo().send(
        new PutCommand({ TableName: TABLE_NAME, Item: { pk: `REQ#${req.id}`, sk: 'META', ...req } }),
      );
      for (const n of applicantNotifications(req, sku, event('REJECTED', 'DECISION_REJECT'), CONTACT))
        await notifier().notify(n);
      const reminders = deciderNotifications(
        { ...req, updatedAt: '2026-11-22T03:00:01.000Z' },
        sku,
        { stageKey: 'verify', role: 'operator', dueAt: '2026-11-22T07:00:00.000Z' },
        [{ username: 'operator.tampo', role: 'operator', phone: '+6281100000101' }],
      );
      for (const n of reminders) await notifier().notify(n);
    });

    it('shows the applicant what they were told, with masked addresses', async () => {
      const { status, body } = await call(req.id, { sub: 'citizen-1', 'cognito:groups': '[citizen]' });
      expect(status).toBe(200);
      expect(body.items.map((item: { channel: string; to: string }) => [item.channel, item.to])).toEqual(
        expect.arrayContaining([
          ['sms', '+62812****890'],
          ['email', 'B***@example.co.id'],
        ]),
      );
      expect(body.items).toHaveLength(2);
      expect(body.items[0].message.id).toContain(req.trackingCode);
    });

    it('shows staff of the village the reminders to deciders too, newest first', async () => {
      const { status, body } = await call(req.id, {
        sub: 'op',
        'cognito:groups': '[operator]',
        'custom:area': TAMPO,
      });
      expect(status).toBe(200);
      expect(body.items).toHaveLength(3);
      expect(body.items[0]).toMatchObject({
        audience: { kind: 'role', role: 'operator', username: 'operator.tampo' },
        to: '+62811****101',
        status: 'sent-local',
      });
    });

    it('answers 404 to another citizen', async () => {
      const { status } = await call(req.id, { sub: 'citizen-2', 'cognito:groups': '[citizen]' });
      expect(status).toBe(404);
    });
  });
});
