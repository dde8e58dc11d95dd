import type { AuditEntry } from '../privacy/audit.js';
import type { LegalProduct } from './legal-products.js';

/**
 * How writing a new entry went. Its numbers are claimed with it, so no two products of a village share one:
 * 'number-taken' / 'gazette-number-taken' when another product holds that number (one entered as it was set
 * before the village used Desa Digital); 'exists' when this id was written first by another delivery.
 */
export type LegalEntryOutcome = 'created' | 'exists' | 'number-taken' | 'gazette-number-taken';

/** The public register of a regency's village legal products (functions/adapters/dynamo-legal-products.ts). */
export interface LegalProductStore {
  get(id: string): Promise<LegalProduct | undefined>;
  /** Writes a new entry and claims its numbers, all or nothing; with the audit entry of a person's entry. */
  create(product: LegalProduct, audit?: AuditEntry): Promise<LegalEntryOutcome>;
  /** Rewrites an existing entry (more of its chain recorded, or amended or revoked by a later one). */
  replace(product: LegalProduct): Promise<void>;
  /** A village's entries, every one (a village sets tens a year). */
  listVillage(villageCode: string): Promise<LegalProduct[]>;
  /** A regency's entries, a page at a time, for the JDIHN feed. */
  listRegency(regencyCode: string, cursor?: string): Promise<{ items: LegalProduct[]; nextCursor?: string }>;
}

/**
 * A budget adopted by a promulgated Peraturan Desa on the APBDes (functions/core/budget): the publication
 * marks the village's budget of that year as adopted by it.
 */
export interface BudgetAdoption {
  /** The version a regulation drafted now would adopt: the year's latest, if it is a draft. */
  draftVersion(villageCode: string, year: number): Promise<number | undefined>;
  /**
   * Marks the year's latest draft adopted by the regulation. Idempotent: when a version of the year is
   * adopted by this regulation already, nothing happens (every delivery of the publication step calls it).
   */
  adopt(villageCode: string, year: number, legalProductId: string): Promise<void>;
}
