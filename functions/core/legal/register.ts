import type { Register } from '../approvals/publication.js';
import type { DocumentRegistry, RequestStore, VillageDirectory } from '../shared/ports.js';
import { villageFor } from '../villages/places.js';
import type { SiteChanged } from '../website/stale-sites.js';
import { type LegalNumbers, type LegalProduct, legalProductOf, numberingYear } from './legal-products.js';
import {
  adoptedBudgetYear,
  GAZETTE_NAMES,
  type LegalTypeDefinition,
  legalTypeOfService,
} from './legal-types.js';
import type { BudgetAdoption, LegalProductStore } from './ports.js';
import { applyToTargets } from './targets.js';

export interface LegalRegisterDeps {
  readonly legalProducts: LegalProductStore;
  readonly requests: Pick<RequestStore, 'events'>;
  readonly villages: VillageDirectory;
  /** The village's counters (the letters' own, under scopes of their own) and their void numbers. */
  readonly registry: Pick<DocumentRegistry, 'nextSequence' | 'voidNumber'>;
  readonly budgets: BudgetAdoption;
  /** The village's website lists its latest products and shows its adopted budget. */
  readonly siteChanged: SiteChanged;
}

/**
 * The legal products register as a publication stage sees it. The first publication draws the product's
 * number (per village, type and year) and its gazette number (per village, gazette and year) and writes the
 * entry; what it amends or revokes changes status; a Perdes on the APBDes adopts that year's budget. A later
 * publication stage of the same chain (after the report to the Bupati) rewrites the entry with what was
 * recorded since, under the same numbers. Either way the village's site is then marked stale.
 */
export function legalRegister(deps: LegalRegisterDeps): Register {
  return {
    async publish(request, service, now) {
      const definition = legalTypeOfService(service.code);
      if (!definition) throw new Error(`Service ${service.code} is not a legal product`);
      const [village, events, previous] = await Promise.all([
        villageFor(deps.villages, request.villageCode),
        deps.requests.events(request.id),
        deps.legalProducts.get(request.id),
      ]);
      if (previous) {
        const drawn = {
          number: previous.number,
          year: previous.year,
          gazetteNumber: previous.gazette?.number,
        };
        const product = legalProductOf(request, events, village, definition, drawn, previous, now);
        await deps.legalProducts.replace(product);
        // A retry after a failure past the entry finds it written: what it amends or revokes changes status and
        // the budget is adopted now (both idempotent, so a later publication of the chain repeats them harmlessly).
        await applyToTargets(deps.legalProducts, product, now);
        await adoptAndMark(deps, product);
        return recordsOf(product.number, product.year, product.enactedOn, product.gazette, village.name);
      }
      const year = numberingYear(events, definition, now);
      let numbers = await draw(deps, village.code, definition, year);
      let product = legalProductOf(request, events, village, definition, numbers, undefined, now);
      for (let attempt = 1; ; attempt++) {
        const outcome = await deps.legalProducts.create(product);
        if (outcome === 'created') break;
        if (outcome === 'exists') {
          // Another delivery of this step wrote the entry first: its numbers stand, these are voided.
          await voidNumbers(deps, village.code, definition, numbers, request.id);
          return this.publish(request, service, now);
        }
        if (attempt >= NUMBER_ATTEMPTS) {
          throw new Error(`No free ${outcome} for ${request.id} after ${attempt} draws`);
        }
        // An older product entered with its own number holds this one (no gap: it is used): draw the next.
        const next = (scope: string) => deps.registry.nextSequence(village.code, year, scopeOf(scope));
        numbers =
          outcome === 'number-taken'
            ? { ...numbers, number: await next(definition.type) }
            : { ...numbers, gazetteNumber: await next(definition.gazette ?? '') };
        product = legalProductOf(request, events, village, definition, numbers, undefined, now);
      }
      await applyToTargets(deps.legalProducts, product, now);
      await adoptAndMark(deps, product);
      return recordsOf(product.number, product.year, product.enactedOn, product.gazette, village.name);
    },
  };
}

/**
 * After the entry is written: a Perdes on the APBDes adopts its year's budget (idempotent, so every
 * delivery of the step adopts it, whichever path it takes), then the village's site is marked stale,
 * even when the adoption failed (the entry is on the site; the retry adopts and marks again).
 */
async function adoptAndMark(deps: LegalRegisterDeps, product: LegalProduct): Promise<void> {
  try {
    const budgetYear = adoptedBudgetYear(product.type, product.topic, product.budgetYear);
    if (budgetYear) await deps.budgets.adopt(product.villageCode, budgetYear, product.id);
  } finally {
    await deps.siteChanged(product.villageCode);
  }
}

const scopeOf = (what: string) => `LAW-${what}`;

/** Numbers held by older products entered by hand are skipped; this many in a row means something is wrong. */
const NUMBER_ATTEMPTS = 50;

async function draw(
  deps: LegalRegisterDeps,
  villageCode: string,
  definition: LegalTypeDefinition,
  year: number,
): Promise<LegalNumbers> {
  const number = await deps.registry.nextSequence(villageCode, year, scopeOf(definition.type));
  if (!definition.gazette) return { number, year };
  const gazetteNumber = await deps.registry.nextSequence(villageCode, year, scopeOf(definition.gazette));
  return { number, year, gazetteNumber };
}

async function voidNumbers(
  deps: LegalRegisterDeps,
  villageCode: string,
  definition: LegalTypeDefinition,
  numbers: LegalNumbers,
  requestId: string,
): Promise<void> {
  const reason = `lost race publishing request ${requestId}`;
  await deps.registry.voidNumber(villageCode, numbers.year, numbers.number, reason, scopeOf(definition.type));
  if (definition.gazette && numbers.gazetteNumber !== undefined) {
    await deps.registry.voidNumber(
      villageCode,
      numbers.year,
      numbers.gazetteNumber,
      reason,
      scopeOf(definition.gazette),
    );
  }
}

/** What the request keeps under the publication stage: what its extract prints (catalog/letter-fields.ts). */
function recordsOf(
  number: number,
  year: number,
  enactedOn: string,
  gazette: { kind: keyof typeof GAZETTE_NAMES; number: number; on: string } | undefined,
  villageName: string,
): Record<string, unknown> {
  return {
    regulationNumber: number,
    regulationYear: year,
    enactedOn,
    ...(gazette
      ? {
          gazette: `${GAZETTE_NAMES[gazette.kind].id} ${villageName}`,
          gazetteNumber: gazette.number,
          promulgatedOn: gazette.on,
        }
      : {}),
  };
}
