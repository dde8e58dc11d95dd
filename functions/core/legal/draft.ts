import type { Actor } from '../identity/roles.js';
import type { AttachmentInput } from '../requests/attachments.js';
import type { ServiceRequest } from '../requests/requests.js';
import { type SubmitDeps, submitRequest } from '../requests/submit-request.js';
import { ValidationError } from '../shared/errors.js';
import { text } from '../shared/text.js';
import { adoptedBudgetYear, LEGAL_TYPE_DEFINITIONS, type LegalType } from './legal-types.js';
import type { BudgetAdoption, LegalProductStore } from './ports.js';
import { assertTargets } from './targets.js';

export interface LegalDraftInput {
  readonly type: LegalType;
  readonly data: Readonly<Record<string, unknown>>;
  readonly attachments?: readonly AttachmentInput[];
}

/**
 * The village secretary drafts a legal product: a request of the type's service (audience 'office'), so it
 * runs through the generic approval workflow. What it amends or revokes must be a product in force of the
 * same village; anything else is a 400 before anything is written.
 */
export async function draftLegalProduct(
  deps: SubmitDeps & { readonly legalProducts: LegalProductStore; readonly budgets: BudgetAdoption },
  actor: Actor,
  villageCode: string,
  input: LegalDraftInput,
  idempotencyKey?: string,
): Promise<{ request: ServiceRequest; replayed: boolean }> {
  await assertBudgetToAdopt(deps.budgets, villageCode, input);
  await assertTargets(deps.legalProducts, villageCode, input.data);
  return submitRequest(
    deps,
    actor,
    {
      serviceCode: LEGAL_TYPE_DEFINITIONS[input.type].serviceCode,
      villageCode,
      data: input.data,
      ...(input.attachments ? { attachments: input.attachments } : {}),
    },
    idempotencyKey,
  );
}

/**
 * A Peraturan Desa on the APBDes adopts a budget: it names the year, and that year's latest version must be
 * a draft entered beforehand (PUT /v1/villages/{code}/budgets/{year}), so the promulgation has one to adopt.
 */
async function assertBudgetToAdopt(budgets: BudgetAdoption, villageCode: string, input: LegalDraftInput) {
  const { topic, budgetYear } = input.data;
  if (input.type !== 'perdes' || (topic !== 'apbdes' && topic !== 'apbdes-perubahan')) return;
  const year = adoptedBudgetYear(input.type, topic, budgetYear);
  if (year !== undefined && (await budgets.draftVersion(villageCode, year)) !== undefined) return;
  throw new ValidationError(
    text(
      `data.budgetYear: masukkan dulu rancangan APB Desa tahun ${year ?? '(tahun anggaran)'} yang ditetapkan peraturan ini.`,
      `data.budgetYear: enter the draft village budget of ${year ?? 'its year'} this regulation adopts first.`,
    ),
    [
      {
        field: 'data.budgetYear',
        message: text('tidak ada rancangan APB Desa tahun itu', 'no draft village budget for that year'),
      },
    ],
  );
}
