import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heavyTestFile } from '../support/budgets.js';
import { SAWOO, TAMPO } from '../support/fixtures.js';
import { issueApproved } from '../support/issue.js';
import { capturedSince, captureMark } from '../support/log-capture.js';
import { ApiClient, expectNothingWritten, signInAll, startTestRuntime } from '../support/runtime.js';
import { SAMPLE_APPLICATIONS } from '../support/samples.js';

heavyTestFile();

/**
 * The UMKM market end to end (issue 13, item 4) on the local runtime: a citizen with a linked NIK lists a
 * product, the village operator checks it, anyone finds it by words and category, reports it, and the
 * seller's IUMK letter issued here gives the verified badge that opens the letter's verification.
 */
type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type ErrorBody = { error: { code: string; issues?: { field: string }[] } };
type ProductView = {
  id: string;
  status?: string;
  orderUrl: string;
  verified?: { documentId: string; verifyUrl: string };
  reportCount?: number;
};
type Page = { items: ProductView[]; total: number; cursor?: string };

/** Budi Santoso, a resident of Tampo in the demo population register. */
const SELLER = { nik: '3510061208900003', name: 'Budi Santoso' };
const PHONE = '0812-7777-3434';
const PRODUCT = {
  villageCode: TAMPO,
  businessName: 'Anyaman Pak Budi',
  name: 'Tas anyaman bambu',
  pricePerUnit: 85_000,
  unit: 'buah',
  description: 'Tas anyaman bambu hitam khas Tampo, dikerjakan tangan.',
  category: 'kerajinan',
  hamlet: 'Krajan',
  whatsapp: PHONE,
  nib: '9120001234567',
};

let runtime: Runtime;
let citizen: ApiClient;
let unlinked: ApiClient;
let operator: ApiClient;
let sawooOperator: ApiClient;
let anonymous: ApiClient;
let mark: number;

beforeAll(async () => {
  runtime = await startTestRuntime();
  [citizen, unlinked, operator, sawooOperator] = await signInAll(runtime, [
    'warga.tampo',
    'warga.sawoo',
    'operator.tampo',
    'operator.sawoo',
  ] as const);
  anonymous = new ApiClient(runtime.url);
  mark = captureMark();
  const issued = await operator.post<{ code: string }>(`/v1/villages/${TAMPO}/nik-activations`, SELLER);
  expect(issued.status).toBe(201);
  const linked = await citizen.send(
    'PUT',
    '/v1/me/nik',
    JSON.stringify({ nik: SELLER.nik, activationCode: issued.body.code }),
  );
  expect(linked.status).toBe(200);
}, 120_000);
afterAll(() => runtime?.cleanup());

const search = (query: string) => anonymous.get<Page>(`/v1/market/products?${query}`);

describe('the UMKM market', () => {
  it('refuses a price of -1 naming the field, and a seller without a linked NIK; nothing is written', async () => {
    await expectNothingWritten(runtime, async () => {
      const bad = await citizen.post<ErrorBody>('/v1/market/products', { ...PRODUCT, pricePerUnit: -1 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.issues?.map((issue) => issue.field)).toEqual(['pricePerUnit']);
      const stranger = await unlinked.post<ErrorBody>('/v1/market/products', PRODUCT);
      expect(stranger.status).toBe(403);
    });
  });

  it('lists, checks, finds by search and shows the verified badge of the seller’s IUMK letter', async () => {
    // The seller's IUMK letter, issued here (as the approval chain leaves it, then issued for real).
    const { document } = await issueApproved(runtime.url, {
      serviceCode: 'IUMK',
      villageCode: TAMPO,
      applicantName: SELLER.name,
      data: { ...SAMPLE_APPLICATIONS.IUMK, nik: SELLER.nik, fullName: SELLER.name },
    });

    const listed = await citizen.post<ProductView>('/v1/market/products', PRODUCT);
    expect(listed.status).toBe(201);
    expect(listed.body.status).toBe('pending');
    const { id } = listed.body;
    // Not public before the check.
    expect((await search(`village=${TAMPO}&q=anyaman`)).body.items).toEqual([]);

    expect(
      (await sawooOperator.post(`/v1/market/products/${id}/review`, { decision: 'approve' })).status,
    ).toBe(403);
    const queue = await operator.get<{ items: ProductView[] }>(
      `/v1/villages/${TAMPO}/market-products?status=pending`,
    );
    expect(queue.body.items.map((item) => item.id)).toEqual([id]);
    const approved = await operator.post<ProductView>(`/v1/market/products/${id}/review`, {
      decision: 'approve',
    });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('published');

    const byWords = await search(`village=${TAMPO}&q=${encodeURIComponent('tas bambu')}`);
    expect(byWords.body.items.map((item) => item.id)).toEqual([id]);
    expect((await search('regency=35.10&category=kerajinan')).body.items.map((item) => item.id)).toEqual([
      id,
    ]);
    expect((await search('regency=35.10&category=jasa')).body.items).toEqual([]);
    expect((await search(`village=${SAWOO}&q=anyaman`)).body.items).toEqual([]);

    const found = byWords.body.items[0];
    expect(found?.verified).toEqual({
      documentId: document.documentId,
      verifyUrl: `/verify.html#${document.documentId}`,
    });
    expect(found?.orderUrl).toMatch(/^https:\/\/wa\.me\/6281277773434\?text=/);
    // The number appears nowhere but inside the link; the seller is not named by account or NIK.
    const publicText = JSON.stringify(byWords.body);
    expect(publicText.replace(found?.orderUrl ?? '', '')).not.toContain('81277773434');
    expect(publicText).not.toContain(SELLER.nik);

    const verified = await anonymous.get<{ status: string; serviceCode?: string }>(
      `/v1/verify/${document.documentId}`,
    );
    expect(verified.status).toBe(200);
    expect(verified.body.status).toBe('valid');
  });

  it('takes reports of published products, and the seller withdraws; then it is gone from search', async () => {
    const listed = await citizen.post<ProductView>('/v1/market/products', {
      ...PRODUCT,
      name: 'Kopi robusta Tampo',
      category: 'hasil-tani',
    });
    const { id } = listed.body;
    expect(
      (await anonymous.post(`/v1/market/products/${id}/reports`, { reason: 'Harga tidak wajar' })).status,
    ).toBe(404);
    await operator.post(`/v1/market/products/${id}/review`, { decision: 'approve' });
    expect(
      (await anonymous.post(`/v1/market/products/${id}/reports`, { reason: 'Foto bukan produk asli' }))
        .status,
    ).toBe(202);
    const queue = await operator.get<{ items: ProductView[] }>(
      `/v1/villages/${TAMPO}/market-products?status=published`,
    );
    expect(queue.body.items.find((item) => item.id === id)?.reportCount).toBe(1);

    expect((await unlinked.post(`/v1/market/products/${id}/withdrawal`, undefined)).status).toBe(404);
    expect(
      (await citizen.post<ProductView>(`/v1/market/products/${id}/withdrawal`, undefined)).body.status,
    ).toBe('withdrawn');
    expect((await search(`village=${TAMPO}&q=kopi`)).body.items).toEqual([]);
  });

  it('rejects with a reason only, and the search needs a village or a regency', async () => {
    const { body } = await citizen.post<ProductView>('/v1/market/products', {
      ...PRODUCT,
      name: 'Batik gajah oling',
    });
    const noReason = await operator.post<ErrorBody>(`/v1/market/products/${body.id}/review`, {
      decision: 'reject',
    });
    expect(noReason.body.error.issues?.map((issue) => issue.field)).toEqual(['reason']);
    const rejected = await operator.post<ProductView>(`/v1/market/products/${body.id}/review`, {
      decision: 'reject',
      reason: 'Foto produk belum ada',
    });
    expect(rejected.body.status).toBe('rejected');
    expect((await search('q=batik')).status).toBe(400);
  });

  it("wrote neither the seller's NIK nor their phone number in any log line", () => {
    const lines = capturedSince(mark);
    expect(
      lines.filter((line) => line.includes(SELLER.nik) || /81277773434|8127777\D?3434/.test(line)),
    ).toEqual([]);
  });
});
