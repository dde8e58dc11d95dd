/**
 * JSON with object keys sorted and undefined values left out (in a map or a list), so a value hashes the
 * same whatever order its keys were written in: DynamoDB does not keep a map's order, and the client
 * drops undefined values when it writes.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value
      .filter((element) => element !== undefined)
      .map(canonicalJson)
      .join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const fields = Object.entries(value).filter(([, field]) => field !== undefined);
    fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${fields.map(([name, field]) => `${JSON.stringify(name)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
