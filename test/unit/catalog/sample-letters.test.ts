import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoEmblem } from '../../../config/demo-emblem.js';
import { SERVICE_CATALOG } from '../../../functions/core/catalog/index.js';
import { signedByCamat } from '../../../functions/core/documents/issue-document.js';
import { formatLetterNumber } from '../../../functions/core/documents/letter-number.js';
import {
  type Letterhead,
  type Paper,
  renderLetterPdf,
} from '../../../functions/core/documents/letter-pdf.js';
import { fillLetter } from '../../../functions/core/documents/template.js';
import { parseBodyLine } from '../../../functions/core/documents/text-layout.js';
import { readPdf } from '../../support/pdf-reader.js';
import { sampleLetterValues, TAMPO_PLACES } from '../../support/samples.js';

/**
 * Every service's sample letter, printed as the village prints it: on A4 and on F4 (folio, a village setting
 * many offices choose), with Banyuwangi's (demo) emblem, and the sub-district's letterhead on the permits
 * the camat signs. The PDFs are kept in test-results/sample-letters/ to look at. Title and number are on the
 * first sheet; the signature block, with its closing and QR code, is on the last, never alone: that sheet
 * carries the end of the body too.
 */
const PAPERS: readonly Paper[] = ['A4', 'F4'];
const SAMPLES_DIR = join(import.meta.dirname, '../../../test-results/sample-letters');
const cases = SERVICE_CATALOG.flatMap((service) =>
  PAPERS.map((paper) => [service.code, paper, service] as const),
);
const EMBLEM = demoEmblem();
/** Sheets per service and paper, for the summary printed at the end. */
const sheets = new Map<string, Partial<Record<Paper, number>>>();

const flat = (text = '') => text.replace(/\s+/g, ' ');

describe('the sample letter of every service', () => {
  mkdirSync(SAMPLES_DIR, { recursive: true });

  it.each(cases)(
    '%s prints on %s in at most two numbered sheets, the signature with the end of the body',
    async (code, paper, service) => {
      const issuedAt = '2026-11-22T03:15:00.000Z';
      const letterNumber = formatLetterNumber({
        classificationCode: service.classificationCode,
        sequence: 7,
        villageLetterCode: 'TMP',
        issuedAt: new Date(issuedAt),
      });
      const byCamat = signedByCamat(service);
      const signer = byCamat
        ? { name: 'Drs. Hadi Prayitno', title: `Camat ${TAMPO_PLACES.district}` }
        : { name: 'Slamet Riyadi', title: `Kepala Desa ${TAMPO_PLACES.village}` };
      const letterhead: Letterhead = byCamat
        ? { office: 'district', ...TAMPO_PLACES, address: 'Jalan Raya Cluring No. 2, Cluring, Banyuwangi' }
        : { ...TAMPO_PLACES, villageKind: 'desa', address: 'Jalan Raya Tampo No. 1, Cluring, Banyuwangi' };
      const letter = fillLetter(service.letter, sampleLetterValues(code));

      const bytes = await renderLetterPdf({
        documentId: '01JD7X3M4N5P6Q7R8S9T0V1W2X',
        letterNumber,
        issuedAt,
        letterhead,
        emblem: EMBLEM,
        ...letter,
        signer,
        placeOfIssue: byCamat ? TAMPO_PLACES.district : TAMPO_PLACES.village,
        verificationUrl: 'https://layanan.banyuwangikab.go.id/verifikasi/01JD7X3M4N5P6Q7R8S9T0V1W2X',
        paper,
      });
      writeFileSync(join(SAMPLES_DIR, `${code}-${paper}.pdf`), bytes);
      const { pages } = await readPdf(bytes);
      sheets.set(code, { ...sheets.get(code), [paper]: pages.length });

      const first = flat(pages[0]?.text);
      const last = flat(pages.at(-1)?.text);
      expect(pages.length, `${code} on ${paper}`).toBeLessThanOrEqual(2);
      expect(first).toContain(byCamat ? 'KECAMATAN CLURING' : 'DESA TAMPO');
      expect(first).toContain(letter.title);
      expect(first).toContain(letterNumber);
      expect(last).toContain(signer.name);
      // The signature never stands alone: the closing paragraph and the body's last line are on its sheet
      // (the renderer keeps them together with the QR code), and every sheet is numbered "Halaman i dari n".
      expect(last).toContain(flat(letter.closing).slice(0, 40));
      expect(last, `${code} on ${paper}: the body's end on the signature's sheet`).toContain(
        lastBodyWords(letter.body),
      );
      if (pages.length > 1) expect(last).toContain(`Halaman ${pages.length} dari ${pages.length}`);
    },
  );

  afterAll(() => {
    const twoOn = (paper: Paper) => [...sheets].filter(([, count]) => (count[paper] ?? 0) > 1);
    const rescued = twoOn('A4').filter(([, count]) => count.F4 === 1);
    console.info(
      `sample letters: ${sheets.size} services; ${twoOn('A4').length} take two A4 sheets, ` +
        `${twoOn('F4').length} two F4 sheets; ${rescued.length} of those on A4 fit one F4 sheet ` +
        `(${rescued.map(([code]) => code).join(', ') || '-'}); PDFs in test-results/sample-letters/`,
    );
  });
});

/** The last words of the body's last value or paragraph: what its last row ends with. */
function lastBodyWords(body: readonly string[]): string {
  const last = [...body].reverse().find((line) => line.trim() !== '') ?? '';
  const block = parseBodyLine(last);
  const text = block.kind === 'field' ? block.value : block.text;
  return flat(text).trim().split(' ').slice(-3).join(' ');
}
