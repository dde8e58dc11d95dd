import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { encoderOf } from '../../../functions/core/documents/typesetter.js';
import type { CanEncode } from '../../../functions/core/documents/winansi.js';
import { toWinAnsi } from '../../../functions/core/documents/winansi.js';

let canEncode: CanEncode;

beforeAll(async () => {
  // The real font's character set, not a copy of the WinAnsi table.
  const doc = await PDFDocument.create();
  canEncode = encoderOf(await doc.embedFont(StandardFonts.TimesRoman));
});

describe('toWinAnsi', () => {
  it('leaves printable text untouched', () => {
    const text = 'Desa Tampo, Kecamatan Cluring — “Zoë” & Müller, 50% · € 1.000';
    expect(toWinAnsi(text, canEncode)).toBe(text);
  });

  it.each([
    ['Łukasz Wałęsa', 'Lukasz Walesa'],
    ['Nguyễn Thị Ánh', 'Nguyen Thi Ánh'],
    ['Đặng', 'Dang'],
    ['ﬁle', 'file'],
    ['e\u0301', 'é'],
    ['a\u200bb\ufeffc', 'abc'],
    ['08:00\u202fWIB\tok', '08:00 WIB ok'],
    ['baris\r\nbaru', 'baris\nbaru'],
  ])('approximates "%s" as "%s"', (text, expected) => {
    expect(toWinAnsi(text, canEncode)).toBe(expected);
  });

  it('replaces a character without approximation, one "?" per visible character', () => {
    expect(toWinAnsi('Siti 😀 👨‍👩‍👧 👍🏽', canEncode)).toBe('Siti ? ? ?');
    expect(toWinAnsi('Дима 王', canEncode)).toBe('???? ?');
  });

  it('always returns text the font can encode', () => {
    // Prepare: a spread of code points from every plane region people paste text from
    const sample = Array.from({ length: 4000 }, (_, i) => String.fromCodePoint((i * 7919) % 0x2ffff))
      .filter((char) => !/\p{Cs}/u.test(char))
      .join('');

    // Act
    const safe = toWinAnsi(sample, canEncode);

    // Assess
    const unencodable = [...safe].filter((char) => char !== '\n' && !canEncode(char.codePointAt(0) ?? -1));
    expect(unencodable).toEqual([]);
  });
});
