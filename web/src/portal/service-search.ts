/** What the search reads of a service (as GET /v1/services sends it). */
interface Searchable {
  readonly code: string;
  readonly name: { readonly id: string; readonly en: string };
  readonly description: { readonly id: string; readonly en: string };
  readonly keywords?: readonly string[];
}

/**
 * The catalogue's search: every word typed must occur in a service's name, description, code or keywords
 * (the words citizens use — "hilang", "tanah", "beasiswa" — declared in the catalog), ignoring case and
 * accents. Runs in the browser over the list already loaded: no request per keystroke, nothing to download.
 */
export function searchServices<S extends Searchable>(services: readonly S[], query: string): S[] {
  const words = normalize(query).split(' ').filter(Boolean);
  if (words.length === 0) return [...services];
  return services.filter((service) => {
    const haystack = normalize(
      [
        service.code,
        service.name.id,
        service.name.en,
        service.description.id,
        service.description.en,
        ...(service.keywords ?? []),
      ].join(' '),
    );
    return words.every((word) => haystack.includes(word));
  });
}

const normalize = (value: string): string =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
