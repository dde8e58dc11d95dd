import type { CitizenProfiles } from '../identity/citizen-profile.js';
import { assertWorksFor } from '../identity/policy.js';
import type { Actor } from '../identity/roles.js';
import { personHash } from '../privacy/person-pseudonym.js';
import { consumeOrThrow, type RateCounter, type RateLimitRule } from '../privacy/rate-limit.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Clock, DocumentRegistry, RequestStore, VillageDirectory } from '../shared/ports.js';
import { text } from '../shared/text.js';
import { regencyCodeOf, villageFor } from '../villages/places.js';
import {
  checkProduct,
  KEPT_REPORTS,
  type MarketCategory,
  matches,
  type Product,
  type ProductInput,
  searchWords,
} from './products.js';
import { issuedIumk } from './verified.js';

/** Where products live: one partition per regency (a village's products are a key range in it). */
export interface ProductStore {
  get(id: string): Promise<Product | undefined>;
  create(product: Product): Promise<void>;
  /** Replaces the product only if it still has `expectedStatus` (a concurrent check or withdrawal loses). */
  replace(product: Product, expectedStatus: Product['status']): Promise<boolean>;
  /** A village's products (any status), or the regency's when `villageCode` is left out. */
  list(regencyCode: string, villageCode?: string): Promise<Product[]>;
  /** Adds a report atomically (count and the kept reasons), only while the product is published. */
  addReport(id: string, report: Product['reports'][number], keep: number): Promise<boolean>;
}

export interface MarketDeps {
  readonly products: ProductStore;
  readonly profiles: Pick<CitizenProfiles, 'get'>;
  readonly villages: VillageDirectory;
  readonly requests: Pick<RequestStore, 'idsByNik' | 'get'>;
  readonly registry: Pick<DocumentRegistry, 'get'>;
  readonly clock: Clock;
}

/** A product id names its village, so one GetItem finds it in its regency's partition: <village>-<ulid>. */
export const PRODUCT_ID = /^(\d{2}\.\d{2}\.\d{2}\.\d{4})-([0-9A-HJKMNP-TV-Z]{26})$/;
export const villageOfProduct = (id: string): string | undefined => PRODUCT_ID.exec(id)?.[1];

const notFound = (id: string) =>
  new NotFoundError(text(`Produk ${id} tidak ditemukan.`, `Product ${id} not found.`));

/**
 * Lists a product. Primary course: a citizen whose account has a linked NIK (issue 4) sends a valid listing
 * for a village served here; it is stored `pending`, with the seller's IUMK letter issued here if there is one
 * (the verified badge). A citizen without a linked NIK is refused: a seller is a known resident.
 */
export async function listProduct(deps: MarketDeps, actor: Actor, input: ProductInput): Promise<Product> {
  const profile = await deps.profiles.get(actor.subject);
  if (!profile) {
    throw new ForbiddenError(
      text(
        'Hubungkan NIK Anda ke akun (kode aktivasi dari kantor desa) sebelum berjualan di Pasar Desa.',
        'Link your NIK to your account (activation code from the village office) before selling in the village market.',
      ),
    );
  }
  const checked = checkProduct(input);
  await villageFor(deps.villages, checked.villageCode);
  const now = deps.clock.now().toISOString();
  const verified = await issuedIumk(deps, profile.nik);
  const product: Product = {
    ...checked,
    id: `${checked.villageCode}-${newId(deps.clock.now())}`,
    seller: { subject: actor.subject, person: personHash(profile.nik) },
    ...(verified ? { verified: { documentId: verified } } : {}),
    status: 'pending',
    reportCount: 0,
    reports: [],
    createdAt: now,
    updatedAt: now,
  };
  await deps.products.create(product);
  return product;
}

async function productFor(products: ProductStore, id: string): Promise<Product> {
  const product = villageOfProduct(id) ? await products.get(id) : undefined;
  if (!product) throw notFound(id);
  return product;
}

/**
 * The village operator checks a pending product. Primary course: an operator of the product's village
 * approves it (published) or rejects it with a reason; the seller's IUMK is looked up again, so a letter
 * issued since the listing gives the badge. Staff of other villages: 403; a product no longer pending: 409.
 */
export async function reviewProduct(
  deps: MarketDeps,
  actor: Actor,
  id: string,
  decision: { readonly decision: 'approve' | 'reject'; readonly reason?: string },
): Promise<Product> {
  const village = villageOfProduct(id);
  if (!village) throw notFound(id);
  assertWorksFor(actor, village);
  const product = await productFor(deps.products, id);
  if (decision.decision === 'reject' && !decision.reason?.trim()) {
    throw new ValidationError(text('Alasan penolakan wajib diisi.', 'A rejection needs a reason.'), [
      { field: 'reason', message: text('reason: wajib saat menolak', 'reason: required to reject') },
    ]);
  }
  if (product.status !== 'pending') throw notPending(product);
  const now = deps.clock.now().toISOString();
  const profile = await deps.profiles.get(product.seller.subject);
  const verified = profile ? await issuedIumk(deps, profile.nik) : product.verified?.documentId;
  const { verified: _previous, ...rest } = product;
  const reviewed: Product = {
    ...rest,
    ...(verified ? { verified: { documentId: verified } } : {}),
    status: decision.decision === 'approve' ? 'published' : 'rejected',
    review: {
      decision: decision.decision,
      ...(decision.reason ? { reason: decision.reason.trim() } : {}),
      by: actor.name,
      at: now,
    },
    updatedAt: now,
    ...(decision.decision === 'approve' ? { publishedAt: now } : {}),
  };
  if (!(await deps.products.replace(reviewed, 'pending'))) throw notPending(product);
  return reviewed;
}

const notPending = (product: Product) =>
  new ConflictError(
    'NOT_PENDING',
    text(
      `Produk ini sudah ${product.status}, tidak menunggu pemeriksaan.`,
      `This product is ${product.status}, not waiting for a check.`,
    ),
  );

/** The seller withdraws their product, whatever its state but withdrawn. Anyone else: 404 (not theirs to see). */
export async function withdrawProduct(
  deps: Pick<MarketDeps, 'products' | 'clock'>,
  actor: Actor,
  id: string,
): Promise<Product> {
  const product = await productFor(deps.products, id);
  if (product.seller.subject !== actor.subject) throw notFound(id);
  if (product.status === 'withdrawn')
    throw new ConflictError(
      'WITHDRAWN',
      text('Produk ini sudah ditarik.', 'This product was withdrawn already.'),
    );
  const withdrawn: Product = { ...product, status: 'withdrawn', updatedAt: deps.clock.now().toISOString() };
  if (!(await deps.products.replace(withdrawn, product.status))) {
    throw new ConflictError(
      'CHANGED',
      text('Produk berubah sementara itu; coba lagi.', 'The product changed meanwhile; try again.'),
    );
  }
  return withdrawn;
}

/**
 * Reports per client address, as the verification upload's limit: enough for an office or a family behind
 * one address, too few to bury an operator's queue (only 20 reasons are kept per product anyway).
 */
export const MARKET_REPORTS_PER_CLIENT: RateLimitRule = {
  name: 'market-report-ip',
  limit: 60,
  windowSeconds: 60 * 60,
};

/** Anyone reports a published product with a reason; the village's operator sees it with the product. */
export async function reportProduct(
  deps: Pick<MarketDeps, 'products' | 'clock'> & { readonly rates: RateCounter },
  id: string,
  reason: string,
  client: { readonly address: string },
): Promise<void> {
  const trimmed = reason.trim();
  if (trimmed.length < 5) {
    throw new ValidationError(
      text(
        'Tuliskan alasan laporan (minimal 5 karakter).',
        'Give the reason for the report (5 characters at least).',
      ),
      [{ field: 'reason', message: text('reason: minimal 5 karakter', 'reason: 5 characters at least') }],
    );
  }
  await consumeOrThrow(deps.rates, MARKET_REPORTS_PER_CLIENT, client.address, deps.clock.now());
  if (
    !villageOfProduct(id) ||
    !(await deps.products.addReport(
      id,
      { reason: trimmed, at: deps.clock.now().toISOString() },
      KEPT_REPORTS,
    ))
  ) {
    throw notFound(id);
  }
}

export interface Search {
  readonly regencyCode: string;
  readonly villageCode?: string;
  readonly category?: MarketCategory;
  readonly q?: string;
  /** Where the previous page ended (an offset in the ordered results). */
  readonly offset?: number;
  readonly limit: number;
}

/**
 * The public catalogue: published products of a village or a regency, newest first, by category and by
 * words (each word must start a word of the name, description or business name). Reads the partition and
 * filters here: a regency's products are thousands at most, and the public answer is cached (60 s).
 */
export async function searchProducts(deps: Pick<MarketDeps, 'products'>, search: Search) {
  const words = searchWords(search.q ?? '');
  const found = (await deps.products.list(search.regencyCode, search.villageCode))
    .filter((product) => product.status === 'published')
    .filter((product) => !search.category || product.category === search.category)
    .filter((product) => matches(product, words))
    .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
  const offset = search.offset ?? 0;
  const page = found.slice(offset, offset + search.limit);
  return {
    items: page,
    total: found.length,
    ...(offset + search.limit < found.length ? { next: offset + search.limit } : {}),
  };
}

/** A village's products for its staff (the check queue), any status or one. */
export async function villageProducts(
  deps: Pick<MarketDeps, 'products'>,
  actor: Actor,
  villageCode: string,
  status?: Product['status'],
) {
  assertWorksFor(actor, villageCode);
  return (await deps.products.list(regencyCodeOf(villageCode), villageCode))
    .filter((product) => !status || product.status === status)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
