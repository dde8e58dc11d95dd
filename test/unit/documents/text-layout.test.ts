import { describe, expect, it } from 'vitest';
import { parseBodyLine, wrapText } from '../../../functions/core/documents/text-layout.js';

// One point per character keeps the expectations readable.
const chars = (text: string): number => [...text].length;

describe('wrapText', () => {
  it('breaks between words so that no line is wider than the column', () => {
    expect(wrapText('aaa bbb ccc dd', 7, chars)).toEqual(['aaa bbb', 'ccc dd']);
  });

  it('keeps line breaks and collapses runs of spaces', () => {
    expect(wrapText('satu  dua\ntiga\r\n\nempat', 20, chars)).toEqual(['satu dua', 'tiga', '', 'empat']);
  });

  it('cuts a word longer than the column, filling the current line first', () => {
    expect(wrapText('Lihat https://x.id/abcdefgh', 10, chars)).toEqual([
      'Lihat http',
      's://x.id/a',
      'bcdefgh',
    ]);
  });

  it('moves a word that fits a line of its own to the next line', () => {
    expect(wrapText('ab cdefghij', 10, chars)).toEqual(['ab', 'cdefghij']);
  });

  it('gives one empty line for empty text', () => {
    expect(wrapText('', 10, chars)).toEqual(['']);
  });
});

describe('parseBodyLine', () => {
  it.each([
    ['Nama: Siti Aminah', 'Nama', 'Siti Aminah'],
    ['Tempat/Tgl. Lahir: Banyuwangi, 6 Juli 1985', 'Tempat/Tgl. Lahir', 'Banyuwangi, 6 Juli 1985'],
    ['Jam buka: 08:00 WIB', 'Jam buka', '08:00 WIB'],
    ['Catatan:', 'Catatan', ''],
  ])('reads "%s" as a table row', (line, label, value) => {
    expect(parseBodyLine(line)).toEqual({ kind: 'field', label, value });
  });

  it.each([
    'Surat keterangan ini dibuat untuk keperluan: pengajuan KUR.',
    'Lihat https://desa.example.id/verifikasi',
    'Buka pukul 08:00 WIB.',
    'Orang tersebut benar-benar warga Desa Tampo.',
  ])('reads "%s" as a paragraph', (line) => {
    expect(parseBodyLine(line)).toEqual({ kind: 'paragraph', text: line });
  });
});
