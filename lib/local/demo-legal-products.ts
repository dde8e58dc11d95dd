import { PDFDocument, StandardFonts } from 'pdf-lib';
import { DEMO_LEGAL_PRODUCTS } from '../../config/demo-legal-products.js';
import { sha256Hex } from '../../functions/core/documents/hash.js';
import { citation, type LegalProduct } from '../../functions/core/legal/legal-products.js';
import { LEGAL_TYPE_DEFINITIONS } from '../../functions/core/legal/legal-types.js';
import type { LegalProductStore } from '../../functions/core/legal/ports.js';
import type { DocumentRegistry, DocumentStore, VillageDirectory } from '../../functions/core/shared/ports.js';
import { regencyCodeOf, villageFor } from '../../functions/core/villages/places.js';

/**
 * Seeds the demo legal products (config/demo-legal-products.ts) into the register, with their numbers drawn
 * from the village's counters (so the next one set through the chain follows them) and a signed text in the
 * documents bucket. A product already there is left as it is, so a restart changes nothing.
 */
export async function seedDemoLegalProducts(deps: {
  readonly legalProducts: LegalProductStore;
  readonly villages: VillageDirectory;
  readonly registry: Pick<DocumentRegistry, 'nextSequence'>;
  readonly files: Pick<DocumentStore, 'put'>;
  readonly now: Date;
}): Promise<void> {
  const { perdes } = LEGAL_TYPE_DEFINITIONS;
  for (const demo of DEMO_LEGAL_PRODUCTS) {
    if (await deps.legalProducts.get(demo.id)) continue;
    const village = await villageFor(deps.villages, demo.villageCode);
    const year = Number(demo.enactedOn.slice(0, 4));
    const number = await deps.registry.nextSequence(village.code, year, 'LAW-perdes');
    const gazetteNumber = await deps.registry.nextSequence(village.code, year, 'LAW-lembaran-desa');
    const objectKey = `legal/${village.code}/${demo.id}.pdf`;
    const product: LegalProduct = {
      id: demo.id,
      type: perdes.type,
      villageCode: village.code,
      regencyCode: regencyCodeOf(village.code),
      villageName: village.name,
      number,
      year,
      title: demo.title,
      topic: 'apbdes',
      subject: demo.subject,
      abstract: demo.abstract,
      enactedOn: demo.enactedOn,
      enactedBy: village.head.name,
      gazette: { kind: 'lembaran-desa', number: gazetteNumber, on: demo.enactedOn },
      bpdAgreement: demo.bpdAgreement,
      evaluation: demo.evaluation,
      bupatiReport: demo.bupatiReport,
      status: 'berlaku',
      budgetYear: demo.budgetYear,
      text: { objectKey, size: 0 },
      updatedAt: deps.now.toISOString(),
    };
    const pdf = await signedText(citation(product).id, demo.abstract);
    await deps.files.put(objectKey, pdf, sha256Hex(pdf));
    const outcome = await deps.legalProducts.create({ ...product, text: { objectKey, size: pdf.length } });
    if (outcome !== 'created') throw new Error(`Demo legal product ${demo.id}: ${outcome}`);
  }
}

/** A one-page stand-in for the signed text: the citation and the abstract. */
async function signedText(title: string, abstract: string): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.TimesRoman);
  const page = document.addPage([595, 842]);
  const lines = [title, '', ...wrap(abstract, 90), '', '(Contoh naskah untuk data demo / demo text)'];
  lines.forEach((line, index) => {
    page.drawText(line, { x: 56, y: 780 - index * 16, size: 11, font });
  });
  return document.save({ useObjectStreams: false });
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (`${line} ${word}`.trim().length > width) {
      lines.push(line);
      line = word;
    } else line = `${line} ${word}`.trim();
  }
  return line ? [...lines, line] : lines;
}
