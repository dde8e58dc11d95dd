import {
  beginText,
  endText,
  moveText,
  type PDFDocument,
  type PDFFont,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFPage,
  PDFString,
  setFontAndSize,
  showText,
} from 'pdf-lib';

/**
 * Room for the CMS signature in the PDF: a P-256 signature with a chain of two certificates is about 1.5 KB;
 * 8 KB leaves space for a longer chain (BSrE's has three) without a second pass.
 */
export const SIGNATURE_ROOM = 8192;

const BYTE_RANGE_PLACEHOLDER = /\/ByteRange\s*\[\s*0\s+\/\*{10}\s+\/\*{10}\s+\/\*{10}\s*\]/;
const CONTENTS_PLACEHOLDER = `<${'0'.repeat(SIGNATURE_ROOM * 2)}>`;

/** Where the signature shows on the page, in points from the page's bottom-left corner. */
export interface SignatureBox {
  readonly page: PDFPage;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What a PDF reader shows of the signature (its panel, and the signature box on the page). */
export interface SignatureDescription {
  /** The signer as their certificate names them, e.g. "Sutrisno". */
  readonly name: string;
  /** "Kepala Desa Tampo menetapkan surat keterangan usaha …": why it was signed. */
  readonly reason: string;
  /** "Tampo, Banyuwangi". */
  readonly location: string;
  readonly signedAt: Date;
}

/**
 * Prepares a PDF for one PAdES signature (ISO 32000-2 §12.8, ETSI EN 319 142-1): a signature field whose
 * widget sits in the signature block with a visible "signed electronically" appearance, the signature
 * dictionary (SubFilter ETSI.CAdES.detached) with a ByteRange and Contents still to fill, and DocMDP level 1
 * (no change permitted): a reader shows any later change to the letter as breaking the signature.
 */
export function addSignaturePlaceholder(
  doc: PDFDocument,
  box: SignatureBox,
  description: SignatureDescription,
  font: PDFFont,
): void {
  const { context } = doc;
  const signature = context.register(
    context.obj({
      Type: 'Sig',
      Filter: 'Adobe.PPKLite',
      SubFilter: 'ETSI.CAdES.detached',
      ByteRange: [0, ...Array.from({ length: 3 }, () => PDFName.of('**********'))],
      Contents: PDFHexString.of('0'.repeat(SIGNATURE_ROOM * 2)),
      Name: PDFHexString.fromText(description.name),
      Reason: PDFHexString.fromText(description.reason),
      Location: PDFHexString.fromText(description.location),
      M: PDFString.fromDate(description.signedAt),
      Reference: [
        {
          Type: 'SigRef',
          TransformMethod: 'DocMDP',
          TransformParams: { Type: 'TransformParams', P: 1, V: '1.2' },
        },
      ],
    }),
  );
  const rect = [box.x, box.y, box.x + box.width, box.y + box.height];
  const appearance = context.register(
    context.formXObject(appearanceOperators(box, description, font), {
      BBox: [0, 0, box.width, box.height],
      Resources: { Font: { SigFont: font.ref } },
    }),
  );
  const field = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      T: PDFString.of('TandaTanganElektronik'),
      V: signature,
      Rect: rect,
      F: 132, // Print + Locked
      P: box.page.ref,
      AP: { N: appearance },
    }),
  );
  box.page.node.addAnnot(field);
  const form = doc.catalog.getOrCreateAcroForm();
  form.addField(field);
  form.dict.set(PDFName.of('SigFlags'), PDFNumber.of(3)); // signatures exist; append only
  doc.catalog.set(PDFName.of('Perms'), context.obj({ DocMDP: signature }));
}

/**
 * Fills the placeholder of a saved PDF: the ByteRange covering the whole file but the Contents hex string,
 * then the CMS signature `sign` makes over exactly those bytes. Same length in, same length out, so nothing
 * else in the file moves.
 */
export async function sealPdf(
  prepared: Uint8Array,
  sign: (signedBytes: Uint8Array) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const text = Buffer.from(prepared).toString('latin1');
  const contentsAt = text.indexOf(CONTENTS_PLACEHOLDER);
  const rangeMatch = BYTE_RANGE_PLACEHOLDER.exec(text);
  if (contentsAt < 0 || !rangeMatch || text.indexOf(CONTENTS_PLACEHOLDER, contentsAt + 1) >= 0) {
    throw new Error('The PDF has no single signature placeholder to fill');
  }
  const contentsEnd = contentsAt + CONTENTS_PLACEHOLDER.length;
  const ranges = [0, contentsAt, contentsEnd, prepared.length - contentsEnd];
  const rangeText = `/ByteRange [${ranges.join(' ')}]`.padEnd(rangeMatch[0].length, ' ');
  if (rangeText.length !== rangeMatch[0].length) throw new Error('ByteRange does not fit its placeholder');

  const sealed = Buffer.from(prepared);
  sealed.write(rangeText, rangeMatch.index, 'latin1');
  const signature = await sign(Buffer.concat([sealed.subarray(0, contentsAt), sealed.subarray(contentsEnd)]));
  if (signature.length > SIGNATURE_ROOM)
    throw new Error(`Signature of ${signature.length} bytes exceeds its room`);
  sealed.write(Buffer.from(signature).toString('hex').toUpperCase(), contentsAt + 1, 'latin1');
  return new Uint8Array(sealed);
}

/** Two small lines in the signature box: that it was signed electronically, by whom and when (WIB). */
function appearanceOperators(box: SignatureBox, description: SignatureDescription, font: PDFFont) {
  const size = 7;
  const when = new Intl.DateTimeFormat('id-ID', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Asia/Jakarta',
  }).format(description.signedAt);
  const lines = ['Ditandatangani secara elektronik', `${when} WIB`];
  return lines.flatMap((line, index) => {
    const width = font.widthOfTextAtSize(line, size);
    return [
      beginText(),
      setFontAndSize('SigFont', size),
      moveText((box.width - width) / 2, box.height / 2 + (lines.length / 2 - index - 1) * (size + 2) + 1),
      showText(font.encodeText(line)),
      endText(),
    ];
  });
}
