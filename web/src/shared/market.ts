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
