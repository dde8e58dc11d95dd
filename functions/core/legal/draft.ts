import type { Actor } from '../identity/roles.js';
import type { AttachmentInput } from '../requests/attachments.js';
import type { ServiceRequest } from '../requests/requests.js';
import { type SubmitDeps, submitRequest } from '../requests/submit-request.js';
import { ValidationError } from '../shared/errors.js';
import { text } from '../shared/text.js';
import { LEGAL_TYPE_DEFINITIONS, type LegalType } from './legal-types.js';
import type { LegalProductStore } from './ports.js';

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
  deps: SubmitDeps & { readonly legalProducts: LegalProductStore },
  actor: Actor,
  villageCode: string,
  input: LegalDraftInput,
  idempotencyKey?: string,
): Promise<{ request: ServiceRequest; replayed: boolean }> {
  for (const field of ['amends', 'revokes'] as const) {
    const target = input.data[field];
    if (typeof target !== 'string') continue;
    const existing = await deps.legalProducts.get(target);
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
