import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CitizenProfile } from '../../../functions/core/identity/citizen-profile.js';
import type { Actor } from '../../../functions/core/identity/roles.js';
import {
  listProduct,
  MARKET_REPORTS_PER_CLIENT,
  type MarketDeps,
  type ProductStore,
  reportProduct,
  reviewProduct,
  searchProducts,
  withdrawProduct,
} from '../../../functions/core/market/market.js';
import {
  checkProduct,
  KEPT_REPORTS,
  orderUrl,
  type Product,
  type ProductInput,
  publicView,
  whatsappNumber,
} from '../../../functions/core/market/products.js';
import { setPseudonymKey } from '../../../functions/core/privacy/person-pseudonym.js';
import type { RateCounter } from '../../../functions/core/privacy/rate-limit.js';
import type { ServiceRequest } from '../../../functions/core/requests/requests.js';
import { DomainError, ValidationError } from '../../../functions/core/shared/errors.js';
import type { DocumentRecord } from '../../../functions/core/shared/ports.js';
import type { Village } from '../../../functions/core/villages/places.js';

setPseudonymKey(randomBytes(32));

const TAMPO = '35.10.06.2001';
const NOW = new Date('2026-12-03T03:00:00.000Z');
const SELLER_NIK = '3510064607850002';
const seller: Actor = { subject: 'warga-1', name: 'Siti', roles: ['citizen'], areas: [] };
const stranger: Actor = { subject: 'warga-2', name: 'Budi', roles: ['citizen'], areas: [] };
const operator: Actor = { subject: 'op-1', name: 'Operator Tampo', roles: ['operator'], areas: [TAMPO] };
const otherOperator: Actor = {
  subject: 'op-2',
  name: 'Operator Sawoo',
  roles: ['operator'],
  areas: ['35.02.05.2008'],
};

const INPUT: ProductInput = {
  villageCode: TAMPO,
  businessName: 'Keripik Bu Siti',
  name: 'Keripik pisang original',
  pricePerUnit: 15_000,
  unit: 'bungkus 250 g',
  description: 'Keripik pisang kepok, digoreng tiap pagi tanpa pengawet.',
  category: 'makanan-minuman',
  hamlet: 'Krajan',
  whatsapp: '0812-3456-7890',
  nib: '1234567890123',
};

function issueError(run: () => unknown): { field: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return [...error.issues];
    throw error;
  }
  throw new Error('no validation error');
}

/** Products, profiles, requests and letters in memory, as the table's conditional writes behave. */
function world(options: { iumk?: 'valid' | 'revoked' | 'someone-else' } = {}) {
  const products = new Map<string, Product>();
  const store: ProductStore = {
    get: async (id) => products.get(id),
    create: async (product) => void products.set(product.id, product),
    replace: async (product, expected) => {
      if (products.get(product.id)?.status !== expected) return false;
      products.set(product.id, product);
      return true;
    },
    list: async (_regency, village) =>
      [...products.values()].filter((p) => !village || p.villageCode === village),
    addReport: async (id, report, keep) => {
      const product = products.get(id);
      if (product?.status !== 'published') return false;
      const reports = product.reports.length < keep ? [...product.reports, report] : product.reports;
      products.set(id, { ...product, reportCount: product.reportCount + 1, reports });
      return true;
    },
  };
  const profile: CitizenProfile = {
    subject: seller.subject,
    nik: SELLER_NIK,
    name: 'Siti Aminah',
    linkedAt: NOW.toISOString(),
  };
  const iumk = {
    id: 'REQ-IUMK',
    serviceCode: 'IUMK',
    data: { nik: options.iumk === 'someone-else' ? '3510060101700001' : SELLER_NIK },
    document: { documentId: 'DOC-IUMK', letterNumber: '503/1/2026' },
  } as unknown as ServiceRequest;
  const deps: MarketDeps = {
    products: store,
    profiles: { get: async (subject) => (subject === seller.subject ? profile : undefined) },
    villages: {
      get: async (code) => (code === TAMPO ? ({ code } as Village) : undefined),
      list: async () => [],
    },
    requests: {
      idsByNik: async (nik) => (options.iumk && nik === SELLER_NIK ? ['REQ-IUMK'] : []),
      get: async (id) => (id === 'REQ-IUMK' ? iumk : undefined),
    },
    registry: {
      get: async (id) =>
        id === 'DOC-IUMK'
          ? ({ documentId: id, status: options.iumk === 'revoked' ? 'revoked' : 'valid' } as DocumentRecord)
          : undefined,
    },
    clock: { now: () => NOW },
  };
  return { deps, products };
}

describe('a product listing', () => {
  it('names every bad field at once: a price of -1, a bad NIB, a category not on the list, a NIK in the text', () => {
    const fields = issueError(() =>
      checkProduct({
        ...INPUT,
        pricePerUnit: -1,
        nib: '12345',
        category: 'elektronik',
        description: `Hubungi NIK ${SELLER_NIK} untuk pesanan`,
      }),
    ).map((issue) => issue.field);
    expect(fields.sort()).toEqual(['category', 'description', 'nib', 'pricePerUnit']);
  });

  it.each([1.5, 0, '15000', null])('refuses the price %s', (pricePerUnit) => {
    expect(issueError(() => checkProduct({ ...INPUT, pricePerUnit })).map((i) => i.field)).toEqual([
      'pricePerUnit',
    ]);
  });

  it('reads WhatsApp numbers as people write them, and refuses what is not a mobile number', () => {
    expect(whatsappNumber('0812-3456-7890')).toBe('6281234567890');
    expect(whatsappNumber('+62 812 3456 7890')).toBe('6281234567890');
    expect(whatsappNumber('(0333) 123456')).toBeUndefined();
    expect(issueError(() => checkProduct({ ...INPUT, whatsapp: '12' })).map((i) => i.field)).toEqual([
      'whatsapp',
    ]);
  });

  it('shows the number only inside a wa.me link with the order prefilled', () => {
    const { whatsapp, ...rest } = checkProduct(INPUT);
    const url = orderUrl({ ...rest, whatsapp });
    expect(url).toMatch(/^https:\/\/wa\.me\/6281234567890\?text=/);
    expect(decodeURIComponent(url.split('text=')[1] ?? '')).toBe(
      'Halo Keripik Bu Siti, saya ingin memesan Keripik pisang original (Rp15.000/bungkus 250 g) yang saya lihat di Pasar Desa.',
    );
  });
});

describe('the market use cases', () => {
  it('refuses a seller whose account has no linked NIK', async () => {
    const { deps, products } = world();
    await expect(listProduct(deps, stranger, INPUT)).rejects.toMatchObject({ status: 403 });
    expect(products.size).toBe(0);
  });

  it('lists pending, with the pseudonym of the NIK and never the NIK, and without a badge when no IUMK was issued', async () => {
    const { deps } = world();
    const product = await listProduct(deps, seller, INPUT);
    expect(product).toMatchObject({ status: 'pending', villageCode: TAMPO, whatsapp: '6281234567890' });
    expect(product.id.startsWith(`${TAMPO}-`)).toBe(true);
    expect(JSON.stringify(product)).not.toContain(SELLER_NIK);
    expect(product.verified).toBeUndefined();
  });

  it("gives the badge only for the seller's own IUMK letter still in force", async () => {
    expect((await listProduct(world({ iumk: 'valid' }).deps, seller, INPUT)).verified).toEqual({
      documentId: 'DOC-IUMK',
    });
    expect((await listProduct(world({ iumk: 'revoked' }).deps, seller, INPUT)).verified).toBeUndefined();
    expect((await listProduct(world({ iumk: 'someone-else' }).deps, seller, INPUT)).verified).toBeUndefined();
  });

  it('publishes after the check of an operator of the village only, once; the public view hides the seller', async () => {
    const { deps } = world({ iumk: 'valid' });
    const { id } = await listProduct(deps, seller, INPUT);
    await expect(reviewProduct(deps, otherOperator, id, { decision: 'approve' })).rejects.toMatchObject({
      status: 403,
    });
    const published = await reviewProduct(deps, operator, id, { decision: 'approve' });
    expect(published).toMatchObject({ status: 'published', publishedAt: NOW.toISOString() });
    await expect(
      reviewProduct(deps, operator, id, { decision: 'reject', reason: 'x' }),
    ).rejects.toMatchObject({
      status: 409,
    });
    const view = publicView(published);
    expect(view.verified).toEqual({ documentId: 'DOC-IUMK', verifyUrl: '/verify.html#DOC-IUMK' });
    expect(JSON.stringify(view)).not.toMatch(/warga-1|seller|"whatsapp"/);
  });

  it('needs a reason to reject', async () => {
    const { deps } = world();
    const { id } = await listProduct(deps, seller, INPUT);
    await expect(reviewProduct(deps, operator, id, { decision: 'reject' })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('finds published products by the start of words and by category, newest first, a page at a time', async () => {
    const { deps } = world();
    const first = await listProduct(deps, seller, INPUT);
    const second = await listProduct(deps, seller, {
      ...INPUT,
      name: 'Tas anyaman bambu',
      category: 'kerajinan',
      description: 'Tas anyaman dari bambu hitam.',
    });
    await listProduct(deps, seller, { ...INPUT, name: 'Kopi robusta' }); // never checked: not public
    await reviewProduct(deps, operator, first.id, { decision: 'approve' });
    await reviewProduct(deps, operator, second.id, { decision: 'approve' });
    const search = (q: string, category?: 'kerajinan') =>
      searchProducts(deps, { regencyCode: '35.10', q, ...(category ? { category } : {}), limit: 10 });
    expect((await search('kerip pis')).items.map((p) => p.id)).toEqual([first.id]);
    expect((await search('', 'kerajinan')).items.map((p) => p.id)).toEqual([second.id]);
    expect((await search('kopi')).items).toEqual([]);
    const page = await searchProducts(deps, { regencyCode: '35.10', limit: 1 });
    expect(page).toMatchObject({ total: 2, next: 1 });
  });

  it('takes reports of published products only, limited per client address', async () => {
    const { deps, products } = world();
    const { id } = await listProduct(deps, seller, INPUT);
    const counts = new Map<string, number>();
    const rates: RateCounter = {
      add: async (key, windowStart, delta) => {
        const count = (counts.get(`${key}${windowStart}`) ?? 0) + delta;
        counts.set(`${key}${windowStart}`, count);
        return count;
      },
    };
    const report = () =>
      reportProduct({ ...deps, rates }, id, 'Foto bukan milik penjual', { address: '10.0.0.1' });
    await expect(report()).rejects.toMatchObject({ status: 404 });
    await reviewProduct(deps, operator, id, { decision: 'approve' });
    // The refused report counted too.
    const { limit } = MARKET_REPORTS_PER_CLIENT;
    for (let n = 1; n < limit; n += 1) await report();
    expect(products.get(id)).toMatchObject({ reportCount: limit - 1, reports: expect.any(Array) });
    expect(products.get(id)?.reports).toHaveLength(KEPT_REPORTS);
    await expect(report()).rejects.toSatisfy((error) => error instanceof DomainError && error.status === 429);
  });

  it('lets only the seller withdraw', async () => {
    const { deps } = world();
    const { id } = await listProduct(deps, seller, INPUT);
    await expect(withdrawProduct(deps, stranger, id)).rejects.toMatchObject({ status: 404 });
    expect(await withdrawProduct(deps, seller, id)).toMatchObject({ status: 'withdrawn' });
    await expect(withdrawProduct(deps, seller, id)).rejects.toMatchObject({ status: 409 });
  });
});
