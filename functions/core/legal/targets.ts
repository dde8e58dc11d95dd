import { ValidationError } from '../shared/errors.js';
import { text } from '../shared/text.js';
import { affected, type LegalProduct } from './legal-products.js';
import type { LegalProductStore } from './ports.js';

/**
 * What a product amends or revokes (its form's `amends`, `revokes`) must be a product in force of the same
 * village: anything else is a 400 naming the field, before anything is written.
 */
export async function assertTargets(
  store: Pick<LegalProductStore, 'get'>,
  villageCode: string,
  data: Readonly<Record<string, unknown>>,
): Promise<void> {
  for (const field of ['amends', 'revokes'] as const) {
    const target = data[field];
    if (typeof target !== 'string') continue;
    const existing = await store.get(target);
    if (!existing || existing.villageCode !== villageCode || existing.status === 'dicabut') {
      throw new ValidationError(
        text(
          `data.${field}: ${target} bukan produk hukum yang berlaku di desa ini.`,
          `data.${field}: ${target} is not a legal product in force in this village.`,
        ),
        [
          {
            field: `data.${field}`,
            message: text('produk hukum tidak ditemukan', 'no such legal product in force'),
          },
        ],
      );
    }
  }
}

/** A new product in the register amends or revokes the ones it names (legal-products.ts `affected`). */
export async function applyToTargets(
  store: Pick<LegalProductStore, 'get' | 'replace'>,
  product: LegalProduct,
  now: Date,
): Promise<void> {
  for (const target of [product.amends, product.revokes]) {
    const existing = target ? await store.get(target) : undefined;
    if (existing) await store.replace(affected(existing, product, now));
  }
}
