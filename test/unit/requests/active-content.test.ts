import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { activeContent } from '../../../functions/core/requests/active-content.js';
import { SAMPLE_PDF, SAMPLE_PNG } from '../../support/uploads.js';

const encode = (text: string) => new TextEncoder().encode(text);
const join = (...parts: (string | Uint8Array)[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : part)));

/** A one-page PDF as office software writes it; `change` may add to the catalog before saving. */
async function officePdf(useObjectStreams: boolean, change?: (pdf: PDFDocument) => void) {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText('Surat Pengantar RT 02 / RW 01 Dusun Krajan, Tampo', { x: 50, y: 780, size: 12, font });
  page.drawRectangle({ x: 50, y: 600, width: 200, height: 100, borderWidth: 1 });
  change?.(pdf);
  return pdf.save({ useObjectStreams });
}

/** A PDF whose only content stream is compressed random bytes (as a scanned page's image is). */
function scannedPdf(payload: Uint8Array) {
  const data = deflateSync(payload);
  return join(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> >> endobj\n',
    `4 0 obj << /Type /XObject /Subtype /Image /Width 10 /Height 10 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
    data,
    '\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  );
}

describe('activeContent', () => {
  it.each([
    ['the tiny sample PDF', 'application/pdf', () => SAMPLE_PDF],
    ['the sample PNG', 'image/png', () => SAMPLE_PNG],
    ['an office PDF', 'application/pdf', () => officePdf(false)],
    ['an office PDF with object streams', 'application/pdf', () => officePdf(true)],
    [
      'a scanned PDF whose compressed image holds the bytes of "/JavaScript" and "<html>"',
      'application/pdf',
      () => scannedPdf(encode('<html> /JavaScript /OpenAction '.repeat(50))),
    ],
    ['a scanned PDF of random bytes', 'application/pdf', () => scannedPdf(randomBytes(200_000))],
    [
      'a JPEG whose binary data has no markup',
      'image/jpeg',
      () => join(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(100_000)),
    ],
  ] as const)('lets %s through', async (_case, type, make) => {
    expect(activeContent(type, await make())).toBeUndefined();
  });

  const action = (name: string) => `%PDF-1.7\n1 0 obj << /Type /Catalog /${name} 2 0 R >> endobj\n%%EOF\n`;

  it.each([
    'JavaScript',
    'JS',
    'OpenAction',
    'AA',
    'Launch',
    'EmbeddedFile',
    'RichMedia',
    'XFA',
    'SubmitForm',
    'ImportData',
  ])('refuses a PDF with /%s', (name) => {
    expect(activeContent('application/pdf', encode(action(name)))).toBe(`/${name}`);
  });

  it('refuses a PDF whose name hides behind #xx escapes', () => {
    expect(activeContent('application/pdf', encode(action('J#61vaScript')))).toBe('/JavaScript');
  });

  it('refuses a PDF whose JavaScript sits in a compressed object stream', async () => {
    const bytes = await officePdf(true, (pdf) => {
      const script = pdf.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') });
      pdf.catalog.set(PDFName.of('OpenAction'), pdf.context.register(script));
    });
    expect(latin(bytes)).not.toContain('/OpenAction');
    expect(activeContent('application/pdf', bytes)).toMatch(/^\/(OpenAction|JavaScript|JS)$/);
  });

  it('refuses a PDF with an object stream it cannot read', () => {
    const bytes = join(
      '%PDF-1.5\n1 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /LZWDecode /Length 5 >>\nstream\n',
      'xxxxx',
      '\nendstream\nendobj\n%%EOF\n',
    );
    expect(activeContent('application/pdf', bytes)).toMatch(/object stream/);
  });

  it('refuses objects a lenient reader would find after a stream shorter than its endstream', () => {
    const bytes = join(
      '%PDF-1.4\n4 0 obj << /Filter /FlateDecode /Length 3 >>\nstream\n',
      'abc\n5 0 obj << /S /Launch /F (cmd.exe) >> endobj\n',
      'endstream\nendobj\n%%EOF\n',
    );
    expect(activeContent('application/pdf', bytes)).toBe('/Launch');
  });

  it.each([
    ['a PDF that is also HTML', 'application/pdf', encode('%PDF-1.4\n<html><body>x</body></html>\n%%EOF\n')],
    ['a PDF with a script tag', 'application/pdf', encode('%PDF-1.4\n% <SCRIPT>alert(1)</SCRIPT>\n%%EOF\n')],
    [
      'a PDF with HTML in an unfiltered stream',
      'application/pdf',
      encode(
        '%PDF-1.4\n1 0 obj << /Length 40 >>\nstream\n<!doctype html><iframe src=x></iframe>\nendstream\nendobj\n',
      ),
    ],
    ['a PNG that is also HTML', 'image/png', join(SAMPLE_PNG, '<!DOCTYPE html><p>hi')],
    [
      'a JPEG with a script',
      'image/jpeg',
      join(Uint8Array.from([0xff, 0xd8, 0xff]), randomBytes(5000), '<script>x</script>'),
    ],
    ['a PNG with SVG', 'image/png', join(SAMPLE_PNG, '<svg xmlns="http://www.w3.org/2000/svg" onload="x"/>')],
    [
      'a JPEG with a javascript: link',
      'image/jpeg',
      join(Uint8Array.from([0xff, 0xd8, 0xff]), 'JavaScript:alert(1)'),
    ],
  ] as const)('refuses %s', (_case, type, bytes) => {
    expect(activeContent(type, bytes)).toMatch(/^HTML /);
  });
});

const latin = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
