import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { demoEmblem } from '../../../config/demo-emblem.js';
import { businessCertificate } from '../../../functions/core/catalog/services/business-certificate.js';
import { sha256Hex } from '../../../functions/core/documents/hash.js';
import { renderLetterPdf } from '../../../functions/core/documents/letter-pdf.js';
import { QR_MARKED_CONTENT_TAG, QR_QUIET_ZONE_MODULES } from '../../../functions/core/documents/qr.js';
import { fillLetter } from '../../../functions/core/documents/template.js';
import { greyJpeg } from '../../support/images.js';
import type { ReadPage, Rect } from '../../support/pdf-reader.js';
import { imagesOnPage, markedRectangles, pageContent, readPdf } from '../../support/pdf-reader.js';
import { businessValues, sampleLetter } from './fixtures.js';

const MARGIN = (25 * 72) / 25.4;

/** A letter with so many rows that it cannot fit one page. */
const longLetter = () =>
  sampleLetter({
    body: [
      ...sampleLetter().body,
      ...Array.from({ length: 30 }, (_, i) => `Anggota ${i + 1}: Nama anggota keluarga nomor ${i + 1}`),
    ],
  });

const pageWithText = (pages: readonly ReadPage[], text: string): number =>
  pages.findIndex((page) => page.text.includes(text));

describe('renderLetterPdf', () => {
  it('prints the letterhead, title, number, body, date and signer', async () => {
    // Act
    const { pages } = await readPdf(await renderLetterPdf(sampleLetter()));

    // Assess
    expect(pages).toHaveLength(1);
    const text = pages[0]?.text;
    expect(text).toContain('PEMERINTAH KABUPATEN BANYUWANGI');
    expect(text).toContain('KECAMATAN CLURING');
    expect(text).toContain('DESA TAMPO');
    expect(text).toContain('Jalan Raya Tampo No. 1, Cluring, Banyuwangi, Jawa Timur 68482');
    expect(text).toContain('SURAT KETERANGAN USAHA');
    expect(text).toContain('Nomor: 500.2/007/TMP/XI/2026');
    expect(text).toContain('Siti Aminah');
    expect(text).toContain('3510154607850003');
    expect(text).toContain('Tampo, 22 November 2026');
    expect(text).toContain('Kepala Desa Tampo');
    expect(text).toContain('Slamet Riyadi');
    expect(text).toContain('ID dokumen: 01JD7X3M4N5P6Q7R8S9T0V1W2X');
    expect(text).toContain('Demikian surat keterangan ini dibuat');
  });

  it('lays "Label: value" lines out as a table with aligned labels and colons', async () => {
    // Act
    const { pages } = await readPdf(await renderLetterPdf(sampleLetter()));

    // Assess: pdfjs joins a colon and its value (they are close) into one item, ": Siti Aminah"
    const items = pages[0]?.items ?? [];
    const values = items.filter((item) => item.str.startsWith(': '));
    expect(values.map((item) => item.str)).toEqual(
      expect.arrayContaining([
        ': Siti Aminah',
        ': 3510154607850003',
        expect.stringMatching(/^: Dusun Krajan/),
      ]),
    );
    expect(new Set(values.map((item) => item.x)).size).toBe(1);
    const labels = items.filter((item) => ['Nama', 'NIK', 'Alamat'].includes(item.str));
    expect(labels).toHaveLength(3);
    expect(new Set(labels.map((item) => item.x)).size).toBe(1);
    expect(labels[0]?.x).toBeGreaterThan(MARGIN);
  });

  it('dates the signature in WIB', async () => {
    // Prepare: 23:30 UTC on 31 October is 1 November in Java
    const letter = sampleLetter({ issuedAt: '2026-10-31T23:30:00Z' });

    // Act
    const { pages } = await readPdf(await renderLetterPdf(letter));

    // Assess
    expect(pages[0]?.text).toContain('Tampo, 1 November 2026');
  });

  it('heads a kelurahan in a city with KOTA and KELURAHAN, without doubling the level', async () => {
    const letter = sampleLetter({
      letterhead: {
        regency: 'Kota Batu',
        district: 'Batu',
        village: 'Sisir',
        villageKind: 'kelurahan',
        address: 'x',
      },
    });
    const text = (await readPdf(await renderLetterPdf(letter))).pages[0]?.text;
    expect(text).toContain('PEMERINTAH KOTA BATU');
    expect(text).toContain('KECAMATAN BATU');
    expect(text).toContain('KELURAHAN SISIR');
  });

  it.each([
    ['A4', 595.28, 841.89],
    ['F4', 609.45, 935.43],
  ] as const)('prints on %s paper (%d x %d pt)', async (paper, width, height) => {
    const { pages } = await readPdf(await renderLetterPdf(sampleLetter({ paper })));
    expect(pages[0]?.width).toBeCloseTo(width, 1);
    expect(pages[0]?.height).toBeCloseTo(height, 1);
  });

  it('uses A4 when no paper is given', async () => {
    const { pages } = await readPdf(await renderLetterPdf(sampleLetter({ paper: undefined })));
    expect(pages[0]?.width).toBeCloseTo(595.28, 1);
  });

  it('describes the letter in the PDF metadata, dated when it was issued', async () => {
    const { info } = await readPdf(await renderLetterPdf(sampleLetter()));
    expect(info).toMatchObject({
      Title: 'SURAT KETERANGAN USAHA 500.2/007/TMP/XI/2026',
      Subject: '01JD7X3M4N5P6Q7R8S9T0V1W2X',
      Creator: 'Desa Digital',
      Producer: 'Desa Digital (pdf-lib)',
      CreationDate: 'D:20261122031500Z',
      ModDate: 'D:20261122031500Z',
      Language: 'id-ID',
    });
    expect(info.Keywords).toContain('01JD7X3M4N5P6Q7R8S9T0V1W2X');
  });

  it('gives byte-identical output for the same letter, so its SHA-256 can be recomputed', async () => {
    // Act
    const first = await renderLetterPdf(sampleLetter());
    const second = await renderLetterPdf(sampleLetter());
    const other = await renderLetterPdf(sampleLetter({ documentId: '01JD7X3M4N5P6Q7R8S9T0V1W2Y' }));

    // Assess
    expect(sha256Hex(second)).toBe(sha256Hex(first));
    expect(sha256Hex(other)).not.toBe(sha256Hex(first));
  });

  it('flows a long letter onto a second page, numbered, inside the margins', async () => {
    // Act
    const { pages } = await readPdf(await renderLetterPdf(longLetter()));

    // Assess
    expect(pages).toHaveLength(2);
    expect(pages[0]?.text).toContain('Nomor 500.2/007/TMP/XI/2026 · Halaman 1 dari 2');
    expect(pages[1]?.text).toContain('Halaman 2 dari 2');
    expect(pageWithText(pages, 'Anggota 30')).toBe(1);
    for (const page of pages) {
      const content = page.items.filter((item) => !item.str.includes('Halaman'));
      for (const item of content) {
        expect(item.y, item.str).toBeGreaterThanOrEqual(MARGIN);
        expect(item.y, item.str).toBeLessThanOrEqual(page.height - MARGIN);
        expect(item.x, item.str).toBeGreaterThanOrEqual(MARGIN - 0.01);
        expect(item.x + item.width, item.str).toBeLessThanOrEqual(page.width - MARGIN + 0.5);
      }
    }
  });

  it('keeps the closing paragraph, the signature and the QR caption on the same page', async () => {
    // Prepare: row counts around the point where the letter stops fitting one page
    const pageCounts: number[] = [];
    for (const rows of [4, 5, 6, 7, 8, 9, 10]) {
      const letter = sampleLetter({
        body: [...sampleLetter().body, ...Array.from({ length: rows }, (_, i) => `Anggota ${i + 1}: Nama`)],
      });

      // Act
      const { pages } = await readPdf(await renderLetterPdf(letter));

      // Assess
      const signaturePage = pageWithText(pages, 'Slamet Riyadi');
      expect(pageWithText(pages, 'Demikian surat keterangan ini dibuat')).toBe(signaturePage);
      expect(pageWithText(pages, 'ID dokumen: 01JD7X3M4N5P6Q7R8S9T0V1W2X')).toBe(signaturePage);
      expect(pageWithText(pages, 'Tampo, 22 November 2026')).toBe(signaturePage);
      pageCounts.push(pages.length);
    }
    expect(pageCounts).toContain(1);
    expect(pageCounts).toContain(2);
  });

  it('never lets a value add a line to a signed letter, nor print a control character (forged lines)', async () => {
    // Prepare: values as a stored request may hold them if they ever skipped the API's text rule
    const letter = sampleLetter({
      ...fillLetter(businessCertificate.letter, {
        ...businessValues,
        purpose: 'KUR\nCatatan Kepala Desa: sah',
        fullName: 'Siti\u0000 Aminah\u202e',
        businessName: 'Warung\r\nNIK: 3510150000000000',
      }),
      letterhead: { ...sampleLetter().letterhead, address: 'Jalan Raya Tampo\nKepala Desa: Palsu' },
      signer: { name: 'Slamet\u2028Riyadi', title: 'Kepala Desa Tampo' },
    });
    // Act
    const { pages } = await readPdf(await renderLetterPdf(letter));
    // Assess: every line drawn starts where the template's lines start
    const lines = pages.flatMap((page) => page.items.map((item) => item.str));
    expect(
      lines.filter((line) =>
        /^\s*(Catatan Kepala Desa|Kepala Desa: Palsu|NIK: 3510150000000000|Riyadi)/.test(line),
      ),
    ).toEqual([]);
    expect(lines.find((line) => line.includes('Catatan Kepala Desa'))).toContain(
      'KUR, Catatan Kepala Desa: sah',
    );
    expect(lines.find((line) => line.includes('Palsu'))).toContain('Jalan Raya Tampo, Kepala Desa: Palsu');
    expect(lines.join('')).not.toMatch(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u);
    expect(lines).toContain('Slamet, Riyadi');
  });

  it('prints names with characters outside the standard fonts instead of failing', async () => {
    // Prepare
    const letter = sampleLetter({
      title: 'SURAT KETERANGAN 🏡',
      body: ['Nama: Łukasz Wałęsa 😀', 'Alamat: Jl. Nguyễn Trãi 王 №5\u200b', 'Catatan: \u0000tab\there'],
      signer: { name: 'Zoë Ő', title: 'Kepala Desa Tampo' },
    });

    // Act
    const bytes = await renderLetterPdf(letter);

    // Assess
    const { pages, info } = await readPdf(bytes);
    expect(pages[0]?.text).toContain('Lukasz Walesa ?');
    expect(pages[0]?.text).toContain('Jl. Nguyen Trãi ? No5');
    expect(pages[0]?.text).toContain('Zoë O');
    expect(pages[0]?.text).toContain('SURAT KETERANGAN ?');
    // The metadata is Unicode: it keeps what the page had to approximate.
    expect(info.Title).toBe('SURAT KETERANGAN 🏡 500.2/007/TMP/XI/2026');
  });

  it('renders a typical letter quickly', async () => {
    // Prepare: the first render pays for loading the font metrics once per process (a Lambda cold start)
    await renderLetterPdf(sampleLetter());

    // Act
    const started = performance.now();
    for (let i = 0; i < 10; i++) await renderLetterPdf(sampleLetter({ documentId: `doc-${i}` }));
    const perLetter = (performance.now() - started) / 10;

    // Assess: a generous bound, so a busy CI machine does not make it flaky
    expect(perLetter).toBeLessThan(100);
  });

  it.each([
    ['issuedAt without a time zone', { issuedAt: '2026-11-22T10:00:00' }],
    ['an unknown paper size', { paper: 'Letter' as never }],
  ])('rejects %s', async (_case, overrides) => {
    await expect(renderLetterPdf(sampleLetter(overrides))).rejects.toThrow(RangeError);
  });
});

describe('the QR code on the letter', () => {
  /** Turns the drawn rectangles back into a module grid, using only the geometry found in the PDF. */
  const gridOf = (rects: readonly Rect[]) => {
    const side = Math.min(...rects.map((r) => r.height));
    const left = Math.min(...rects.map((r) => r.x));
    const top = Math.max(...rects.map((r) => r.y + r.height));
    const dark = new Set<string>();
    let size = 0;
    for (const r of rects) {
      const row = Math.round((top - r.y - r.height) / side);
      const col = Math.round((r.x - left) / side);
      const length = Math.round(r.width / side);
      for (let c = col; c < col + length; c++) dark.add(`${row},${c}`);
      size = Math.max(size, row + 1, col + length);
    }
    return { side, left, top, size, dark };
  };

  it('draws exactly the modules of the verification URL at error correction level M', async () => {
    // Prepare
    const letter = sampleLetter();
    const expected = QRCode.create(letter.verificationUrl, { errorCorrectionLevel: 'M' }).modules;

    // Act
    const rects = markedRectangles(
      await pageContent(await renderLetterPdf(letter), 0),
      QR_MARKED_CONTENT_TAG,
    );

    // Assess
    const grid = gridOf(rects);
    expect(grid.size).toBe(expected.size);
    for (let row = 0; row < expected.size; row++) {
      for (let col = 0; col < expected.size; col++) {
        expect(grid.dark.has(`${row},${col}`), `module ${row},${col}`).toBe(expected.get(row, col) === 1);
      }
    }
  });

  it('sits bottom-left with a quiet zone of four modules that no text enters', async () => {
    // Prepare
    const bytes = await renderLetterPdf(sampleLetter());

    // Act
    const grid = gridOf(markedRectangles(await pageContent(bytes, 0), QR_MARKED_CONTENT_TAG));
    const { pages } = await readPdf(bytes);

    // Assess
    const quiet = QR_QUIET_ZONE_MODULES * grid.side;
    expect(grid.left - quiet).toBeCloseTo(MARGIN, 3);
    const bottom = grid.top - grid.size * grid.side - quiet;
    expect(bottom).toBeCloseTo(MARGIN, 3);
    const zone = {
      left: grid.left - quiet,
      right: grid.left + grid.size * grid.side + quiet,
      top: grid.top + quiet,
    };
    const intruders = (pages[0]?.items ?? []).filter(
      (item) =>
        item.x < zone.right && item.x + item.width > zone.left && item.y < zone.top && item.y > bottom - 12,
    );
    expect(intruders).toEqual([]);
  });
});

describe('letterheads', () => {
  const centreOf = (page: ReadPage | undefined, text: string) => {
    const item = page?.items.find((candidate) => candidate.str === text);
    return item ? item.x + item.width / 2 : Number.NaN;
  };

  it("prints the sub-district's letterhead for a letter the camat signs, with or without an address", async () => {
    const district = { office: 'district', regency: 'Banyuwangi', district: 'Cluring' } as const;
    const withAddress = await readPdf(
      await renderLetterPdf(
        sampleLetter({ letterhead: { ...district, address: 'Jalan Raya Cluring No. 2, Banyuwangi' } }),
      ),
    );
    const without = await readPdf(await renderLetterPdf(sampleLetter({ letterhead: district })));

    const header = (text = '') => text.split('\n').slice(0, 3);
    expect(header(withAddress.pages[0]?.text)).toEqual([
      'PEMERINTAH KABUPATEN BANYUWANGI',
      'KECAMATAN CLURING',
      'Jalan Raya Cluring No. 2, Banyuwangi',
    ]);
    expect(header(without.pages[0]?.text)).toEqual([
      'PEMERINTAH KABUPATEN BANYUWANGI',
      'KECAMATAN CLURING',
      'SURAT KETERANGAN USAHA',
    ]);
    expect(withAddress.pages[0]?.text).not.toContain('DESA TAMPO');
    expect(withAddress.info.Author).toBe('Pemerintah Kecamatan Cluring');
  });

  it.each([
    ['PNG', demoEmblem(), '/FlateDecode'],
    ['JPEG', greyJpeg(), '/DCTDecode'],
  ])(
    'draws a %s emblem at the left of the letterhead, as tall as its text, which stays centred',
    async (_, emblem, filter) => {
      const plain = await renderLetterPdf(sampleLetter());
      const bytes = await renderLetterPdf(sampleLetter({ emblem }));

      expect(await imagesOnPage(plain, 0)).toEqual([]);
      expect(await imagesOnPage(bytes, 0)).toEqual([expect.objectContaining({ filter })]);
      // The image's placement: pdf-lib translates to (x, y), then scales to (width, height).
      const content = await pageContent(bytes, 0);
      const [, x, y] =
        /1 0 0 1 ([\d.]+) ([\d.]+) cm\s+1 0 0 1 0 0 cm\s+[\d.]+ 0 0 [\d.]+ 0 0 cm/.exec(content) ?? [];
      const [, width, height] = /([\d.]+) 0 0 ([\d.]+) 0 0 cm\s+1 0 0 1 0 0 cm\s+\/Image/.exec(content) ?? [];
      expect(Number(x)).toBeGreaterThanOrEqual(MARGIN);
      expect(Number(x) + Number(width)).toBeLessThanOrEqual(MARGIN + (25 * 72) / 25.4);
      // The four letterhead lines (13 + 13 + 16 + 10 pt type on 16 + 16 + 20 + 13 pt): 65 pt, from the top margin.
      expect(Number(height)).toBeCloseTo(65, 0);
      expect(Number(y) + Number(height)).toBeCloseTo(841.89 - MARGIN, 0);

      const [before, after] = [(await readPdf(plain)).pages[0], (await readPdf(bytes)).pages[0]];
      for (const line of ['PEMERINTAH KABUPATEN BANYUWANGI', 'DESA TAMPO']) {
        expect(centreOf(after, line)).toBeCloseTo(centreOf(before, line), 0);
      }
      expect(await renderLetterPdf(sampleLetter({ emblem }))).toEqual(bytes);
    },
  );
});
