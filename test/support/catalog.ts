import {
  type ServiceCatalog,
  type ServiceVersionStore,
  serviceCatalog,
} from '../../functions/core/catalog/service-catalog.js';
import type { ServiceDefinition } from '../../functions/core/catalog/types.js';

/** Service versions in memory, as the table keeps them: the first definition stored under a version stays. */
export class MemoryServiceVersions implements ServiceVersionStore {
  readonly stored = new Map<string, ServiceDefinition>();

  async get(serviceCode: string, version: string) {
    return this.stored.get(`${serviceCode}#${version}`);
  }

  async put(service: ServiceDefinition, version: string) {
    const key = `${service.code}#${version}`;
    if (!this.stored.has(key)) this.stored.set(key, service);
  }
}

/** The real catalog over these regency services, no village programmes, and versions kept in memory. */
export function catalogOf(
  services: readonly ServiceDefinition[],
  versions: ServiceVersionStore = new MemoryServiceVersions(),
): ServiceCatalog {
  const noProgrammes = { get: async () => undefined, list: async () => [], put: async () => undefined };
  return serviceCatalog(noProgrammes, versions, services);
}
