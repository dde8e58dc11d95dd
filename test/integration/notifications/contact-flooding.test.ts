import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '../../../functions/adapters/dynamo-client.js';
import { keys } from '../../../functions/adapters/keys.js';
import { loadPseudonymKey } from '../../../functions/adapters/pseudonym-key.js';
import { findService } from '../../../functions/core/catalog/index.js';
import { MESSAGES_PER_DESTINATION } from '../../../functions/core/notifications/notifications.js';
import { pseudonym } from '../../../functions/core/privacy/person-pseudonym.js';
import { fixedWindow, type RateLimitRule, rateKey } from '../../../functions/core/privacy/rate-limit.js';
import { SUBMISSIONS_PER_ACCOUNT } from '../../../functions/core/requests/submit-request.js';
import { TAMPO } from '../../support/fixtures.js';
import { ApiClient, eventually, startTestRuntime, tableItems } from '../../support/runtime.js';
import { sampleApplication } from '../../support/samples.js';
import { attachAll } from '../../support/uploads.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
const REQUIRED = findService('SKU')
  .requirements.filter((requirement) => requirement.required)
  .map((requirement) => requirement.code);
// An address: only what needs no action (the submission's notice) goes by e-mail alone; an SMS needs a
// request to be returned, rejected or issued (issue 11), so flooding by submissions reaches inboxes first.
const VICTIM = 'korban@example.com';

/**
 * Issue 10: a request's contact is not verified, so the platform limits what it can be made to send.
 * An account submits at most SUBMISSIONS_PER_ACCOUNT a day (429, nothing written); a destination gets at most
 * MESSAGES_PER_DESTINATION a day across all requests (the rest recorded as suppressed, not sent). The
 * counters are brought to the edge directly (as the earlier submissions and messages of the day would have
 * left them): a burst of 20 real submissions would prove the same, slower.
 */
describe('contact flooding', () => {
  let runtime: Runtime;
  let table: string;

  /** Sets today's counter of `rule` for `value` to `hits`, as the rate limiter keeps it. */
  async function spent(rule: RateLimitRule, value: string, hits: number) {
    const { start, end } = fixedWindow(rule, Date.now());
    await dynamo().send(
      new PutCommand({
        TableName: table,
        Item: { ...keys.rateWindow(rateKey(rule, value), start), hits, expiresAt: end + 60 },
      }),
    );
  }
  const body = async (client: ApiClient, contact: { phone: string } | { email: string }) => ({
    serviceCode: 'SKU',
    villageCode: TAMPO,
    data: sampleApplication('SKU'),
    attachments: await attachAll(client, 'SKU', REQUIRED, TAMPO),
    contact,
  });
  const submission = async (client: ApiClient, contact: { phone: string } | { email: string }) =>
    client.post<{ id: string }>('/v1/requests', await body(client, contact));

  beforeAll(async () => {
    // The deployment's own limits: this file tests them.
    runtime = await startTestRuntime(undefined, { limits: {} });
    table = runtime.env.TABLE_NAME ?? '';
    await loadPseudonymKey();
  }, 300_000);
  afterAll(() => runtime?.cleanup());

  it('refuses the 21st submission of an account in a day with 429 and Retry-After, writing nothing; a replay is free', async () => {
    const citizen = await ApiClient.signIn(runtime, 'warga.sawoo');
    const firstBody = await body(citizen, { phone: '+6281299990002' });
    const key = { 'idempotency-key': 'flood-replay-0001' };
    expect((await citizen.post('/v1/requests', firstBody, key)).status).toBe(201);
    await spent(SUBMISSIONS_PER_ACCOUNT.self, 'local-warga.sawoo', SUBMISSIONS_PER_ACCOUNT.self.limit);

    const before = (await tableItems(runtime)).filter((item) => String(item.pk).startsWith('REQ#')).length;
    const refused = await submission(citizen, { email: VICTIM });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(JSON.stringify(refused.body)).toMatch(/Terlalu banyak/);
    const after = (await tableItems(runtime)).filter((item) => String(item.pk).startsWith('REQ#')).length;
    expect(after).toBe(before);

    // The day's first submission again, with its Idempotency-Key: an answer, not a new submission (not charged).
    const replay = await citizen.post('/v1/requests', firstBody, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('sends a destination no more than its daily messages: the rest are recorded as suppressed', async () => {
    const citizen = await ApiClient.signIn(runtime, 'warga.tampo');
    const rule = MESSAGES_PER_DESTINATION.email;
    await spent(rule, pseudonym('email', VICTIM), rule.limit);
    const flooded = await submission(citizen, { email: VICTIM });
    expect(flooded.status).toBe(201);
    const control = await submission(citizen, { email: 'kontrol@example.com' });
    expect(control.status).toBe(201);

    const statuses = async (id: string) =>
      (
        await citizen.get<{ items: { status: string; reason?: string; audience: { kind: string } }[] }>(
          `/v1/requests/${id}/notifications`,
        )
      ).body.items.filter((item) => item.audience.kind === 'applicant');
    const toVictim = await eventually('the victim notifications', async () => {
      const items = await statuses(flooded.body.id);
      return items.length > 0 ? items : undefined;
    });
    expect(toVictim.every((item) => item.status === 'suppressed' && item.reason === 'rate-limited')).toBe(
      true,
    );
    const toControl = await statuses(control.body.id);
    expect(toControl.some((item) => item.status === 'sent-local')).toBe(true);
    // The counter is keyed by a keyed pseudonym of the number, never the number.
    expect(JSON.stringify(await tableItems(runtime))).not.toContain(`RATE#${rule.name}#${VICTIM}`);
  });
});
