import type { Service, Village } from './types.js';

/** The services a village offers: the regency's that it has switched on, and its own programmes. */
export const offeredBy = (village: Village | undefined, services: readonly Service[]): Service[] =>
  village
    ? services.filter(
        (service) => village.services.includes(service.code) || service.family === 'village-programme',
      )
    : [...services];
