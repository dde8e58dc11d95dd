import { describe, expect, it } from 'vitest';
import { SERVICE_CATALOG } from '../../../functions/core/catalog/index.js';
import { serviceView } from '../../../functions/core/requests/views.js';
import { searchServices } from '../../../web/src/portal/service-search.js';

/** The catalogue as GET /v1/services sends it to the portal. */
const services = SERVICE_CATALOG.map(serviceView);
const found = (query: string) => searchServices(services, query).map((service) => service.code);

describe("the portal's catalogue search", () => {
  it.each([
    ['hilang', ['SKKH'], []],
    ['tanah', ['SKRT', 'SKHT', 'SKAW'], ['SKKH', 'SPN']],
    ['beasiswa', ['SKPOT', 'SKWALI'], ['SKRT']],
    ['nikah', ['SPN', 'SKBM', 'SKJD'], ['SKRT']],
    ['waris', ['SKAW'], []],
    ['sapi', ['SJ', 'SKJB'], []],
    ['KTP Hilang', ['SKKH'], ['SKKTP']],
    ['scholarship', ['SKPOT'], []],
  ])('finds by the words citizens use: "%s"', (query, expected, notExpected) => {
    const codes = found(query);
    for (const code of expected) expect(codes, query).toContain(code);
    for (const code of notExpected) expect(codes, query).not.toContain(code);
  });

  it('lists everything for an empty query and nothing for nonsense', () => {
    expect(found('  ')).toHaveLength(SERVICE_CATALOG.length);
    expect(found('xyzzy')).toEqual([]);
  });

  it('declares keywords only in lowercase words, and for every service added in issue 16', () => {
    for (const service of SERVICE_CATALOG) {
      for (const keyword of service.keywords ?? []) expect(keyword).toMatch(/^[a-z0-9]+([ -][a-z0-9]+)*$/);
    }
    expect(SERVICE_CATALOG.filter((service) => !service.keywords).length).toBeLessThanOrEqual(16);
  });
});
