import { describe, expect, it } from 'vitest';
import { SERVICE_CATALOG } from '../../../functions/core/catalog/index.js';
import { formatLetterNumber } from '../../../functions/core/documents/letter-number.js';
import { type Paper, renderLetterPdf } from '../../../functions/core/documents/letter-pdf.js';
import { fillLetter } from '../../../functions/core/documents/template.js';
import { readPdf } from '../../support/pdf-reader.js';
import { sampleLetterValues, TAMPO_PLACES } from '../../support/samples.js';

/**
 * Every service's sample letter, printed as the village prints it: on A4 and on F4 (folio, which many
 * village offices load; issue 14 makes it a village setting, the renderer already takes it), with its
 * title and number on the first sheet and the signature block with its closing and QR code on the last.
 */
const PAPERS: readonly Paper[] = ['A4', 'F4'];
const cases = SERVICE_CATALOG.flatMap((service) =>
  PAPERS.map((paper) => [service.code, paper, service] as const),
);

describe('the sample letter of every service', () => {
  it.each(cases)(
    '%s prints on %s in at most two numbered sheets, the signature with its closing',
    async (code, paper, service) => {
      const issuedAt = '2026-11-22T03:15:00.000Z';
      const letterNumber = formatLetterNumber({
        classificationCode: service.classificationCode,
        sequence: 7,
        villageLetterCode: 'TMP',
        issuedAt: new Date(issuedAt),
      });
      const signer = service.stages.some(
        (stage) => stage.kind === 'decision' && stage.signs && stage.role === 'district_head',
      )
        ? { name: 'Drs. Hadi Prayitno', title: `Camat ${TAMPO_PLACES.district}` }
        : { name: 'Slamet Riyadi', title: `Kepala Desa ${TAMPO_PLACES.village}` };
      const letter = fillLetter(service.letter, sampleLetterValues(code));

      const { pages } = await readPdf(
        await renderLetterPdf({
          documentId: '01JD7X3M4N5P6Q7R8S9T0V1W2X',
          letterNumber,
          issuedAt,
          letterhead: {
            ...TAMPO_PLACES,
            villageKind: 'desa',
            address: 'Jalan Raya Tampo No. 1, Cluring, Banyuwangi',
          },
          ...letter,
          signer,
          placeOfIssue: TAMPO_PLACES.village,
          verificationUrl: 'https://layanan.banyuwangikab.go.id/verifikasi/01JD7X3M4N5P6Q7R8S9T0V1W2X',
          paper,
        }),
      );

      const flat = (text = '') => text.replace(/\s+/g, ' ');
      const first = flat(pages[0]?.text);
      const last = flat(pages.at(-1)?.text);
      expect(pages.length, `${code} on ${paper}`).toBeLessThanOrEqual(2);
      expect(first).toContain(letter.title);
      expect(first).toContain(letterNumber);
      expect(last).toContain(signer.name);
      // The signature never stands alone: the closing paragraph is on its sheet (the renderer keeps them
      // together with the QR code), and every sheet is numbered "Halaman i dari n".
      expect(last).toContain(flat(letter.closing).slice(0, 40));
      if (pages.length > 1) expect(last).toContain(`Halaman ${pages.length} dari ${pages.length}`);
    },
  );
});
