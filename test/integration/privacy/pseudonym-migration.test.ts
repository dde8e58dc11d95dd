import { type AttributeValue, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPseudonymKey } from '../../../functions/adapters/pseudonym-key.js';
import { findService } from '../../../functions/core/catalog/index.js';
import { legacyPersonHash, personHash } from '../../../functions/core/privacy/person-pseudonym.js';
import { localClient } from '../../../lib/local/dynamodb.js';
import { migratePseudonyms } from '../../../scripts/migrate-pseudonyms.js';
import { TAMPO } from '../../support/fixtures.js';
import { ApiClient, startTestRuntime, tableItems } from '../../support/runtime.js';
import { sampleApplication } from '../../support/samples.js';
import { attachAll } from '../../support/uploads.js';

const SKU_REQUIRED = findService('SKU')
  .requirements.filter((requirement) => requirement.required)
  .map((requirement) => requirement.code);

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;

/** Budi Santoso, Tampo, as the synthetic population register knows him. */
const BUDI = { nik: '3510061208900003', name: 'Budi Santoso', birthDate: '1990-08-12' };

/**
 * Issue 10: person pseudonyms are keyed (HMAC) now. A table written before holds person lookups, NIK links,
 * audit entries on people and NIK-link registry lookups under SHA-256('nik:' + NIK): the migration moves
 * them, and afterwards the data-subject export and the one-NIK-one-account rule find the person again.
 */
/**
 * Kinds of item that came after keyed pseudonyms (issue 13: the desil ranking, household surveys): no table
 * ever held them under an unkeyed one, so the seeding leaves them as they are.
 */
const BORN_KEYED = ['DESIL#', 'SURVEY#'];

describe('migrating unkeyed person pseudonyms to keyed ones', () => {
  let runtime: Runtime;
  let requestId: string;
  let table: string;
  const exportFor = async () =>
    (await ApiClient.signIn(runtime, 'dpo.banyuwangi')).post<{ requests: { id: string }[] }>(
      '/v1/privacy/data-subject-exports',
      { nik: BUDI.nik },
    );

  beforeAll(async () => {
    runtime = await startTestRuntime();
    table = runtime.env.TABLE_NAME ?? '';
    await loadPseudonymKey();
    // Budi links his NIK; at the counter the operator submits a business certificate for him.
    const operator = await ApiClient.signIn(runtime, 'operator.tampo');
    const citizen = await ApiClient.signIn(runtime, 'warga.tampo');
    expect((await citizen.send('PUT', '/v1/me/nik', await activation(operator))).status).toBe(200);
    const submitted = await operator.post<{ id: string }>('/v1/requests', {
      serviceCode: 'SKU',
      villageCode: TAMPO,
      data: { ...sampleApplication('SKU'), nik: BUDI.nik, fullName: BUDI.name, birthDate: BUDI.birthDate },
      attachments: await attachAll(operator, 'SKU', SKU_REQUIRED, TAMPO),
      citizen: { name: BUDI.name },
      consent: { method: 'signed-form', recordedAt: new Date().toISOString() },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    requestId = submitted.body.id;
    // As the table was before issue 10: every item keyed by the person's keyed pseudonym goes back to the
    // unkeyed one.
    await rewritePseudonym(personHash(BUDI.nik), legacyPersonHash(BUDI.nik));
  }, 300_000);
  afterAll(() => runtime?.cleanup());

  /** Budi's NIK and a fresh activation code issued for him at Tampo's counter, as a link body. */
  async function activation(operator: ApiClient): Promise<string> {
    const issued = await operator.post<{ code: string }>(`/v1/villages/${TAMPO}/nik-activations`, {
      nik: BUDI.nik,
      name: BUDI.name,
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    return JSON.stringify({ nik: BUDI.nik, activationCode: issued.body.code });
  }

  /**
   * Moves every item keyed or attributed by pseudonym `from` to `to` (the migration's inverse, for seeding).
   * Items are the table's own attribute values (a JSON round trip keeps their types), written back as they are.
   */
  async function rewritePseudonym(from: string, to: string) {
    const client = localClient(runtime.env.AWS_ENDPOINT_URL_DYNAMODB ?? '');
    try {
      for (const item of await tableItems(runtime)) {
        const text = JSON.stringify(item);
        if (
          !text.includes(from) ||
          BORN_KEYED.some((prefix) => (item.pk as AttributeValue).S?.startsWith(prefix))
        )
          continue;
        const next = JSON.parse(text.replaceAll(from, to)) as Record<string, AttributeValue>;
        const key = { pk: item.pk as AttributeValue, sk: item.sk as AttributeValue };
        const renamed = next.pk?.S !== key.pk.S;
        await client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: table, Item: next } },
              ...(renamed ? [{ Delete: { TableName: table, Key: key } }] : []),
            ],
          }),
        );
      }
    } finally {
      client.destroy();
    }
  }

  it('is needed: before it, the export does not find the person under the keyed pseudonym', async () => {
    const items = await tableItems(runtime);
    const partitions = items.map((item) => (item.pk as AttributeValue).S);
    expect(partitions).toContain(`PERSON#${legacyPersonHash(BUDI.nik)}`);
    expect(partitions).toContain(`NIKLINK#${legacyPersonHash(BUDI.nik)}`);
    expect((await exportFor()).body.requests).toEqual([]);
  });

  it('moves every item, then the export and the one-NIK-one-account rule find the person; a second run changes nothing', async () => {
    const first = await migratePseudonyms(table);
    expect(first.moved).toBeGreaterThanOrEqual(3); // person lookup, NIK link, audit entry of the link
    expect(first.profiles).toBe(1);
    const after = await tableItems(runtime);
    expect(JSON.stringify(after)).not.toContain(legacyPersonHash(BUDI.nik));

    const again = await migratePseudonyms(table);
    expect(again).toMatchObject({ moved: 0, profiles: 0 });
    expect(await tableItems(runtime)).toHaveLength(after.length);

    const exported = await exportFor();
    expect(exported.status).toBe(200);
    expect(exported.body.requests.map((request) => request.id)).toEqual([requestId]);
    // The NIK link moved too: another account cannot take Budi's NIK.
    const other = await (await ApiClient.signIn(runtime, 'warga.sawoo')).send(
      'PUT',
      '/v1/me/nik',
      await activation(await ApiClient.signIn(runtime, 'operator.tampo')),
    );
    expect(other.status).toBe(409);
    // And the linked-NIK rule still shows Budi the request made for him at the counter.
    expect(
      (await (await ApiClient.signIn(runtime, 'warga.tampo')).get(`/v1/requests/${requestId}`)).status,
    ).toBe(200);
  });
});
