import { MARKET_CATEGORIES } from '../../../functions/core/market/products.js';
import { h } from './dom.js';
import { tx } from './i18n.js';

/** The market's seven categories, as the API names and labels them (one list for the API and every page). */
export const marketCategories = (): [code: string, label: string][] =>
  Object.entries(MARKET_CATEGORIES).map(([code, label]) => [code, tx(label)]);

/** A product as the market's routes show it (the public search adds the order link, staff its status). */
export interface MarketProduct {
  readonly id: string;
  readonly businessName: string;
  readonly name: string;
  readonly pricePerUnit: number;
  readonly unit: string;
  readonly description: string;
  readonly hamlet: string;
  readonly nib?: string;
  readonly pirt?: string;
  readonly halal?: string;
  readonly verified?: { readonly documentId: string; readonly verifyUrl: string };
  /** Re-encoded by the platform: an 800 px JPEG and its 240 px thumbnail, addresses relative to the API. */
  readonly photos?: readonly {
    readonly url: string;
    readonly thumbnailUrl: string;
    readonly width: number;
    readonly height: number;
  }[];
}

/** The thumbnail's longest side (core/market/photos.ts THUMBNAIL_SIDE). */
const THUMBNAIL_SIDE = 240;

/** The API's paths are relative to its base; the staff list's short-lived links are whole addresses. */
const at = (apiBase: string, url: string) => (/^https?:/.test(url) ? url : `${apiBase}${url}`);

/**
 * The product's thumbnails, each opening its photo. Lazy-loaded with their size reserved, so a listing's
 * first load carries no photo and the page does not jump as they arrive on a slow connection.
 */
export function photoStrip(product: MarketProduct, apiBase: string, alt: string): HTMLElement | null {
  const photos = product.photos ?? [];
  if (photos.length === 0) return null;
  return h(
    'p',
    { class: 'photos' },
    photos.map((photo) => {
      const scale = Math.min(1, THUMBNAIL_SIDE / Math.max(photo.width, photo.height));
      return h(
        'a',
        { href: at(apiBase, photo.url), target: '_blank', rel: 'noopener' },
        h('img', {
          src: at(apiBase, photo.thumbnailUrl),
          alt,
          loading: 'lazy',
          decoding: 'async',
          width: String(Math.round(photo.width * scale)),
          height: String(Math.round(photo.height * scale)),
        }),
      );
    }),
  );
}

/** The product's licence numbers on one line ("NIB … · P-IRT … · Halal …"); empty when it has none. */
export const licenceLine = (product: MarketProduct): string =>
  [
    product.nib ? `NIB ${product.nib}` : '',
    product.pirt ? `P-IRT ${product.pirt}` : '',
    product.halal ? `Halal ${product.halal}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
