import type { DocumentRegistry, RequestStore } from '../shared/ports.js';

/** The catalog's micro-business permit (core/catalog/services/micro-business-permit.ts). */
export const IUMK_SERVICE = 'IUMK';

/**
 * The seller's IUMK letter issued here and still valid, if any: its document id (the newest one).
 *
 * Found without a scan through the person lookup items every request writes for each NIK in its data
 * (PERSON#<pseudonym> → request ids, one Query), then each of those requests (a person has a handful) and
 * its letter's record. It runs when a product is listed and again when the operator checks it, and the id
 * is stored on the product: a public listing then reads no request, and a letter issued after the check
 * shows at the next listing. An index written at issue time would need the issuing workflow to know the
 * market; this keeps the market a reader of what issuing already records. Only an IUMK whose applicant
 * (field `nik`) is the seller counts, not one where the seller's NIK merely appears.
 */
export async function issuedIumk(
  deps: {
    readonly requests: Pick<RequestStore, 'idsByNik' | 'get'>;
    readonly registry: Pick<DocumentRegistry, 'get'>;
  },
  nik: string,
): Promise<string | undefined> {
  const ids = [...new Set(await deps.requests.idsByNik(nik))].reverse(); // newest first
  for (const id of ids) {
    const request = await deps.requests.get(id);
    if (request?.serviceCode !== IUMK_SERVICE || request.data.nik !== nik || !request.document) continue;
    const current = await currentDocument(deps.registry, request.document.documentId);
    if (current) return current;
  }
  return undefined;
}

/** Follows reissues to the letter in force; undefined when it was revoked. */
async function currentDocument(
  registry: Pick<DocumentRegistry, 'get'>,
  documentId: string,
): Promise<string | undefined> {
  let record = await registry.get(documentId);
  for (let hops = 0; record?.status === 'superseded' && record.supersededBy && hops < 5; hops += 1) {
    record = await registry.get(record.supersededBy);
  }
  return record?.status === 'valid' ? record.documentId : undefined;
}
