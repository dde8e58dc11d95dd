import type { AuditEntry } from '../privacy/audit.js';
import { regencyService, SERVICE_CATALOG, unknownService } from './index.js';
import type { ServiceDefinition } from './types.js';

/**
 * The services a village can be asked for: the regency catalog (in code) plus the village's own
 * programmes (sport, adat, religion… — seed 002), which are data, added without a deploy.
 */
/**
 * Services every village offers without switching them on: its own programmes, and the office's own
 * documents (every village has regulations); the regency's letters are offered where a village chose them.
 */
export const offeredEverywhere = (service: ServiceDefinition): boolean =>
  service.family === 'village-programme' || service.audience === 'office';

/** What people apply for: the office's own documents (legal products) are drafted through their own routes. */
export const appliedForByPeople = (service: ServiceDefinition): boolean => service.audience !== 'office';

export interface ServiceCatalog {
  get(villageCode: string, serviceCode: string): Promise<ServiceDefinition>;
  list(villageCode?: string): Promise<readonly ServiceDefinition[]>;
}

/** Where a village's own service definitions are kept. */
export interface VillageServiceStore {
  get(villageCode: string, serviceCode: string): Promise<ServiceDefinition | undefined>;
  list(villageCode: string): Promise<ServiceDefinition[]>;
  /** Stores the definition and the audit entry of the change in one transaction. */
  put(villageCode: string, service: ServiceDefinition, audit: AuditEntry): Promise<void>;
}

export function serviceCatalog(villageServices: VillageServiceStore): ServiceCatalog {
  return {
    async get(villageCode, serviceCode) {
      const service = regencyService(serviceCode) ?? (await villageServices.get(villageCode, serviceCode));
      if (!service) throw unknownService(serviceCode);
      return service;
    },
    async list(villageCode) {
      return villageCode
        ? [...SERVICE_CATALOG, ...(await villageServices.list(villageCode))]
        : SERVICE_CATALOG;
    },
  };
}
