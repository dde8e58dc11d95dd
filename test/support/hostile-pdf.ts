/**
 * A PDF made to be expensive to parse (issue 10, item 5): `objects` tiny indirect objects and a trailer, about
 * 44 bytes each, so ~95,000 of them make the 4 MB body that took a full pdf-lib parse 3.7 s. It is a valid
 * enough PDF for a parser to walk every object; it names no document.
 */
export function manyObjectsPdf(objects: number): Uint8Array {
  const parts = ['%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n'];
  for (let id = 1; id <= objects; id++) parts.push(`${id} 0 obj\n<< /N ${id} /P [0 0] >>\nendobj\n`);
  parts.push(`trailer\n<< /Size ${objects + 1} /Root 1 0 R >>\nstartxref\n0\n%%EOF\n`);
  return new Uint8Array(Buffer.from(parts.join(''), 'latin1'));
}
