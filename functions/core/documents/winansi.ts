/**
 * The PDF's standard fonts (Times, Helvetica) are WinAnsi-encoded: about 220 characters. pdf-lib throws on
 * anything else, and names and addresses typed by people contain anything (Ł, ő, emoji, zero-width joiners
 * pasted from chat apps). Text is made printable here, keeping as much of it readable as possible.
 */
export type CanEncode = (codePoint: number) => boolean;

/** What a character that cannot be printed nor approximated becomes. */
export const REPLACEMENT = '?';

// Letters that have no decomposition to a base letter, and typographic marks WinAnsi lacks.
const APPROXIMATIONS: Readonly<Record<string, string>> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  ŀ: 'l',
  Ŀ: 'L',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2044': '/',
};

// Format characters (zero-width space/joiners, direction marks, variation selectors, BOM) carry no ink.
// Checked before whitespace: JavaScript's \s counts the BOM (U+FEFF) as a space.
const INVISIBLE = /^(?:\p{Cf}|\p{Variation_Selector})+$/u;
const CONTROL = /^\p{Cc}+$/u;
const WHITESPACE = /^\s+$/u;
const LINE_BREAK = /[\n\r\u2028\u2029]/u;
const COMBINING_MARKS = /\p{M}/gu;

// Grapheme clusters, so that a family emoji (several code points joined by ZWJ) becomes one "?", not five.
const graphemes = new Intl.Segmenter('id', { granularity: 'grapheme' });

const encodable = (text: string, canEncode: CanEncode): boolean => {
  for (const char of text) {
    if (!canEncode(char.codePointAt(0) ?? -1)) return false;
  }
  return true;
};

const approximate = (cluster: string, canEncode: CanEncode): string => {
  if (INVISIBLE.test(cluster)) return '';
  // Line breaks stay line breaks (the layout wraps on them); other spaces (tab, NBSP variants) become ' '.
  if (WHITESPACE.test(cluster)) return LINE_BREAK.test(cluster) ? '\n' : ' ';
  if (CONTROL.test(cluster)) return '';
  // NFKD splits "ő" into "o" + a mark and "ﬁ" into "fi"; dropping the marks leaves printable letters.
  const candidate = [...cluster.normalize('NFKD').replace(COMBINING_MARKS, '')]
    .map((char) => APPROXIMATIONS[char] ?? char)
    .join('');
  return candidate !== '' && encodable(candidate, canEncode) ? candidate : REPLACEMENT;
};

/** Returns text the font can encode: unchanged where possible, approximated or replaced where not. */
export const toWinAnsi = (text: string, canEncode: CanEncode): string => {
  const composed = text.normalize('NFC');
  if (encodable(composed, canEncode)) return composed;
  let out = '';
  for (const { segment } of graphemes.segment(composed)) {
    out += encodable(segment, canEncode) ? segment : approximate(segment, canEncode);
  }
  return out;
};
