import { NotFoundError } from '../shared/errors.js';
import type { DocumentStore } from '../shared/ports.js';
import { text } from '../shared/text.js';
import { type JdihnDocument, type JdihnUrls, jdihnDocument } from './jdihn.js';
import { citation, type LegalProduct, type LegalSearch, searchLegalProducts } from './legal-products.js';
import { LEGAL_TYPE_DEFINITIONS } from './legal-types.js';
import type { LegalProductStore } from './ports.js';

/** A register entry as the public reads it: the signed text by its public link, never its storage key. */
export function legalProductView(product: LegalProduct) {
  const { text: signed, ...rest } = product;
  return {
    ...rest,
    typeName: LEGAL_TYPE_DEFINITIONS[product.type].name,
    citation: citation(product),
    textPath: `/v1/legal-products/${product.id}/text`,
    textSize: signed.size,
  };
}

/** A village's legal products as a search asks (type, year, status, words), newest first. Public. */
export async function searchVillageLegalProducts(
  store: LegalProductStore,
  villageCode: string,
  search: LegalSearch,
) {
  const products = await store.listVillage(villageCode);
  return { items: searchLegalProducts(products, search).map(legalProductView) };
}

export async function legalProductById(store: LegalProductStore, id: string): Promise<LegalProduct> {
  const product = await store.get(id);
  if (!product) {
    throw new NotFoundError(
      text(`Produk hukum ${id} tidak ditemukan.`, `Legal product ${id} was not found.`),
    );
  }
  return product;
}

/** The signed text is public once the product is in the register: a short-lived link to the PDF. */
export async function legalProductTextLink(
  deps: { readonly legalProducts: LegalProductStore; readonly files: DocumentStore },
  id: string,
): Promise<string> {
  const product = await legalProductById(deps.legalProducts, id);
  const { abbreviation } = LEGAL_TYPE_DEFINITIONS[product.type];
  const fileName = `${abbreviation.toLowerCase()}-${product.number}-${product.year}.pdf`;
  return deps.files.downloadUrl(product.text.objectKey, fileName, TEXT_LINK_SECONDS, 'application/pdf');
}

const TEXT_LINK_SECONDS = 300;

/** Every product of a regency's villages as JDIHN documents (the harvester reads the whole feed). */
export async function jdihnFeed(
  store: LegalProductStore,
  regencyCode: string,
  urls: JdihnUrls,
): Promise<JdihnDocument[]> {
  const documents: JdihnDocument[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listRegency(regencyCode, cursor);
    documents.push(...page.items.map((product) => jdihnDocument(product, urls)));
    cursor = page.nextCursor;
  } while (cursor);
  return documents;
}
