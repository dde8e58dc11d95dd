/** Width of a text in points, as it will be drawn. */
export type Measure = (text: string) => number;

const breakWord = (word: string, maxWidth: number, measure: Measure): string[] => {
  // A word wider than the column (a long URL, an ID) is cut between characters, never drawn past the margin.
  // Measuring each growing prefix is quadratic in the word's length; field values are bounded (<= a few
  // hundred characters by the catalog), so this stays well under a millisecond.
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece !== '' && measure(piece + char) > maxWidth) {
      pieces.push(piece);
      piece = char;
    } else {
      piece += char;
    }
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
};

const wrapLine = (line: string, maxWidth: number, measure: Measure): string[] => {
  const words = line.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (measure(candidate) <= maxWidth) {
      current = candidate;
      continue;
    }
    // A word that fits a line of its own starts one; a longer one (a URL) fills the current line first.
    const fitsAlone = measure(word) <= maxWidth;
    if (fitsAlone && current !== '') lines.push(current);
    const pieces = fitsAlone ? [word] : breakWord(candidate, maxWidth, measure);
    current = pieces.pop() ?? '';
    lines.push(...pieces);
  }
  if (current !== '' || lines.length === 0) lines.push(current);
  return lines;
};

/** Greedy word wrap. Line breaks in the text are kept; runs of spaces collapse to one. */
export const wrapText = (text: string, maxWidth: number, measure: Measure): string[] =>
  text.split(/\r\n|\r|\n/).flatMap((line) => wrapLine(line, maxWidth, measure));

export type BodyBlock =
  | { readonly kind: 'field'; readonly label: string; readonly value: string }
  | { readonly kind: 'paragraph'; readonly text: string };

const MAX_LABEL_WORDS = 4;
const MAX_LABEL_LENGTH = 32;

/**
 * A body line "Nama: Budi" is a field of the letter's table; anything else is a paragraph. A label is short
 * (at most four words) so that a sentence like "Surat ini dibuat untuk keperluan: KUR" stays a sentence, and
 * the colon must be followed by a space (or end the line) so that "https://..." or "08:00" do not split.
 */
export const parseBodyLine = (line: string): BodyBlock => {
  const colon = line.indexOf(':');
  const label = line.slice(0, Math.max(colon, 0)).trim();
  const rest = line.slice(colon + 1);
  const isField =
    colon > 0 &&
    (rest === '' || /^\s/.test(rest)) &&
    label !== '' &&
    label.length <= MAX_LABEL_LENGTH &&
    label.split(/\s+/).length <= MAX_LABEL_WORDS &&
    !label.endsWith('.');
  return isField ? { kind: 'field', label, value: rest.trim() } : { kind: 'paragraph', text: line.trim() };
};
