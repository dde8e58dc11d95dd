import { type FieldIssue, ValidationError } from '../shared/errors.js';
import type { LocalizedText } from '../shared/text.js';
import { text } from '../shared/text.js';

/**
 * The village UMKM market (issue 13, item 4): a seller (a citizen whose account has a linked NIK) lists a
 * product, the village operator checks it before it is published, anyone may report one, the seller may
 * withdraw it. Orders go to the seller by a WhatsApp link with a prefilled message: no payment here, as in
 * Banyuwangi Mall and OpenSID's Lapak.
 */

/** The fixed categories, as buyers read them (Indonesian) and the API names them. */
export const MARKET_CATEGORIES = {
  'makanan-minuman': text('Makanan dan minuman', 'Food and drink'),
  kerajinan: text('Kerajinan', 'Crafts'),
  'hasil-tani': text('Hasil pertanian dan perkebunan', 'Farm and plantation produce'),
  'peternakan-perikanan': text('Peternakan dan perikanan', 'Livestock and fishery'),
  'pakaian-kain': text('Pakaian dan kain (batik, tenun)', 'Clothing and cloth (batik, weaving)'),
  jasa: text('Jasa', 'Services'),
  lainnya: text('Lainnya', 'Other'),
} as const satisfies Record<string, LocalizedText>;

export type MarketCategory = keyof typeof MARKET_CATEGORIES;
export const isMarketCategory = (value: string): value is MarketCategory =>
  Object.hasOwn(MARKET_CATEGORIES, value);

/** pending: waits for the operator's check; published: in the public catalogue; rejected, withdrawn: not shown. */
export type ProductStatus = 'pending' | 'published' | 'rejected' | 'withdrawn';

export const MAX_PHOTOS = 3;
export const PHOTO_SIZES = ['photo', 'thumb'] as const;
export type PhotoSize = (typeof PHOTO_SIZES)[number];

/** The public address of a product's photo (a route of this API, served with a year's cache). */
export const photoPath = (productId: string, photoId: string, size: PhotoSize) =>
  `/v1/market/photos/${productId}/${photoId}-${size}.jpg`;
/** Reports kept on the product for the operator (the count keeps counting past it). */
export const KEPT_REPORTS = 20;

/** What a seller sends. Numbers arrive as the client sent them: the checks here name each bad field. */
export interface ProductInput {
  readonly villageCode: string;
  readonly businessName: string;
  readonly name: string;
  readonly pricePerUnit: unknown;
  readonly unit: string;
  readonly description: string;
  readonly category: string;
  readonly hamlet: string;
  readonly whatsapp: string;
  readonly nib?: string;
  readonly pirt?: string;
  readonly halal?: string;
}

export interface Product {
  readonly id: string;
  readonly villageCode: string;
  readonly businessName: string;
  readonly name: string;
  readonly pricePerUnit: number;
  readonly unit: string;
  readonly description: string;
  readonly category: MarketCategory;
  readonly hamlet: string;
  /** The seller's consented WhatsApp number (62…): only ever shown as a wa.me link (orderUrl). */
  readonly whatsapp: string;
  readonly nib?: string;
  readonly pirt?: string;
  readonly halal?: string;
  /** The account that listed it (withdrawal), and its NIK's keyed pseudonym (never the NIK). */
  readonly seller: { readonly subject: string; readonly person: string };
  /** Re-encoded by the platform (product-photos.ts); the JPEG photo's size in pixels. */
  readonly photos?: readonly { readonly id: string; readonly width: number; readonly height: number }[];
  /** The seller's IUMK letter issued here, found when the product was listed or checked (verified.ts). */
  readonly verified?: { readonly documentId: string };
  readonly status: ProductStatus;
  readonly review?: {
    readonly decision: 'approve' | 'reject';
    readonly reason?: string;
    readonly by: string;
    readonly at: string;
  };
  readonly reportCount: number;
  readonly reports: readonly { readonly reason: string; readonly at: string }[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly publishedAt?: string;
}

/** A NIK or family-card number is 16 digits: a public listing never carries one. */
const SIXTEEN_DIGITS = /\d{16}/;

const issue = (field: string, id: string, en: string): FieldIssue => ({
  field,
  message: text(`${field}: ${id}`, `${field}: ${en}`),
});

function textIssues(field: string, value: string, min: number, max: number): FieldIssue[] {
  const trimmed = value.trim();
  if (trimmed.length < min || trimmed.length > max)
    return [issue(field, `panjang ${min}–${max} karakter`, `${min} to ${max} characters`)];
  if (SIXTEEN_DIGITS.test(trimmed.replace(/[\s.-]/g, '')))
    return [
      issue(
        field,
        'jangan memuat NIK atau nomor KK (16 angka)',
        'must not contain a NIK or family-card number (16 digits)',
      ),
    ];
  return [];
}

/**
 * An Indonesian mobile number as WhatsApp dials it (62 8xx…, 10 to 13 digits after 62), from the ways people
 * write it: 0812…, +62 812…, 62-812…. Undefined when it is not one.
 */
export function whatsappNumber(raw: string): string | undefined {
  const digits = raw.replace(/[\s().-]/g, '').replace(/^\+/, '');
  const national = digits.startsWith('62')
    ? digits.slice(2)
    : digits.startsWith('0')
      ? digits.slice(1)
      : undefined;
  return national !== undefined && /^8\d{8,11}$/.test(national) ? `62${national}` : undefined;
}

/** The registration numbers' shapes: NIB from OSS (13 digits), P-IRT (15 digits), halal (BPJPH: ID + 14 to 20 digits). */
const NIB = /^\d{13}$/;
const PIRT = /^\d{15}$/;
const HALAL = /^ID\d{14,20}$/;

export interface CheckedProduct extends Omit<ProductInput, 'pricePerUnit' | 'category'> {
  readonly pricePerUnit: number;
  readonly category: MarketCategory;
}

/** Every problem of a listing, each naming its field; throws them all at once, so nothing is written. */
export function checkProduct(input: ProductInput): CheckedProduct {
  const issues: FieldIssue[] = [
    ...textIssues('businessName', input.businessName, 2, 80),
    ...textIssues('name', input.name, 2, 80),
    ...textIssues('unit', input.unit, 1, 20),
    ...textIssues('description', input.description, 10, 1000),
    ...textIssues('hamlet', input.hamlet, 2, 60),
  ];
  const price = input.pricePerUnit;
  if (typeof price !== 'number' || !Number.isSafeInteger(price) || price <= 0 || price > 1_000_000_000)
    issues.push(
      issue('pricePerUnit', 'harga dalam rupiah utuh, lebih dari 0', 'a price in whole rupiah, above 0'),
    );
  if (!isMarketCategory(input.category))
    issues.push(
      issue(
        'category',
        `salah satu dari ${Object.keys(MARKET_CATEGORIES).join(', ')}`,
        `one of ${Object.keys(MARKET_CATEGORIES).join(', ')}`,
      ),
    );
  const whatsapp = whatsappNumber(input.whatsapp);
  if (!whatsapp)
    issues.push(
      issue(
        'whatsapp',
        'nomor HP WhatsApp, mis. 0812 3456 7890',
        'a WhatsApp mobile number, e.g. 0812 3456 7890',
      ),
    );
  if (input.nib !== undefined && !NIB.test(input.nib))
    issues.push(issue('nib', 'NIB dari OSS terdiri dari 13 angka', 'an OSS NIB is 13 digits'));
  if (input.pirt !== undefined && !PIRT.test(input.pirt))
    issues.push(issue('pirt', 'nomor P-IRT terdiri dari 15 angka', 'a P-IRT number is 15 digits'));
  if (input.halal !== undefined && !HALAL.test(input.halal))
    issues.push(
      issue(
        'halal',
        'nomor sertifikat halal BPJPH, mis. ID35110000123450824',
        'a BPJPH halal certificate number, e.g. ID35110000123450824',
      ),
    );
  if (issues.length > 0 || !whatsapp || !isMarketCategory(input.category) || typeof price !== 'number') {
    throw new ValidationError(
      text(
        `Data produk tidak valid: ${issues.map((i) => i.message.id).join('; ')}`,
        `Invalid product: ${issues.map((i) => i.message.en).join('; ')}`,
      ),
      issues,
    );
  }
  const trim = (value: string) => value.trim();
  return {
    ...input,
    businessName: trim(input.businessName),
    name: trim(input.name),
    unit: trim(input.unit),
    description: trim(input.description),
    hamlet: trim(input.hamlet),
    pricePerUnit: price,
    category: input.category,
    whatsapp,
  };
}

export const rupiah = (amount: number): string => `Rp${amount.toLocaleString('id-ID')}`;

/** The only form the seller's number ever takes outside the table: a wa.me link with the order prefilled. */
export function orderUrl(
  product: Pick<Product, 'whatsapp' | 'name' | 'pricePerUnit' | 'unit' | 'businessName'>,
): string {
  const message = `Halo ${product.businessName}, saya ingin memesan ${product.name} (${rupiah(product.pricePerUnit)}/${product.unit}) yang saya lihat di Pasar Desa.`;
  return `https://wa.me/${product.whatsapp}?text=${encodeURIComponent(message)}`;
}

/** The public verification page of a letter (web/src/verify), as the letter's QR code opens it. */
export const verifyUrl = (documentId: string): string => `/verify.html#${documentId}`;

/** A product as anyone reads it: no seller account, no pseudonym, the number only inside orderUrl. */
export function publicView(product: Product) {
  return {
    id: product.id,
    villageCode: product.villageCode,
    businessName: product.businessName,
    name: product.name,
    pricePerUnit: product.pricePerUnit,
    unit: product.unit,
    description: product.description,
    category: product.category,
    categoryLabel: MARKET_CATEGORIES[product.category],
    hamlet: product.hamlet,
    ...(product.nib ? { nib: product.nib } : {}),
    ...(product.pirt ? { pirt: product.pirt } : {}),
    ...(product.halal ? { halal: product.halal } : {}),
    orderUrl: orderUrl(product),
    photos: (product.photos ?? []).map((photo) => ({
      url: photoPath(product.id, photo.id, 'photo'),
      thumbnailUrl: photoPath(product.id, photo.id, 'thumb'),
      width: photo.width,
      height: photo.height,
    })),
    ...(product.verified
      ? {
          verified: {
            documentId: product.verified.documentId,
            verifyUrl: verifyUrl(product.verified.documentId),
          },
        }
      : {}),
    ...(product.publishedAt ? { publishedAt: product.publishedAt } : {}),
  };
}

/** A product as its seller and the village's staff read it: also its state, the check and the reports. */
export function staffView(product: Product) {
  return {
    ...publicView(product),
    status: product.status,
    ...(product.review ? { review: product.review } : {}),
    reportCount: product.reportCount,
    reports: product.reports,
    createdAt: product.createdAt,
  };
}

/** The words of a search, lower case, without punctuation (Indonesian has no accents to fold). */
export const searchWords = (q: string): string[] =>
  q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);

/** Every word of the search appears in the product's name, description or business name (as a word's start). */
export function matches(
  product: Pick<Product, 'name' | 'description' | 'businessName'>,
  words: readonly string[],
): boolean {
  const own = searchWords(`${product.name} ${product.description} ${product.businessName}`);
  return words.every((word) => own.some((candidate) => candidate.startsWith(word)));
}
