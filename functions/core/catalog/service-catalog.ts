import type { AuditEntry } from '../privacy/audit.js';
import { NotFoundError } from '../shared/errors.js';
import { SERVICE_CATALOG, unknownService } from './index.js';
import { serviceVersion } from './service-version.js';
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

/** What names the definition a request runs under (a ServiceRequest has these). */
export interface ServiceVersionOf {
  readonly villageCode: string;
  readonly serviceCode: string;
  /** Absent on requests submitted before services had versions: they follow the current definition. */
  readonly serviceVersion?: string;
}

export interface ServiceCatalog {
  /** The current definition: what a new submission, the catalogue and the counts use. */
  get(villageCode: string, serviceCode: string): Promise<ServiceDefinition>;
  list(villageCode?: string): Promise<readonly ServiceDefinition[]>;
  /**
   * Stores the definition under its version (./service-version.ts), once, and returns the version: a
   * submission keeps it before its request records the version, so the definition can always be found.
   */
  keepVersion(service: ServiceDefinition): Promise<string>;
  /**
   * The definition a request was submitted under, whatever was deployed or edited since: the current one
   * while its version is unchanged (no read), else the stored version. Everything that acts on or shows an
   * existing request asks this, so an edited chain neither strands nor reroutes a request in flight.
   */
  definitionOf(request: ServiceVersionOf): Promise<ServiceDefinition>;
}

/** Where a village's own service definitions are kept. */
export interface VillageServiceStore {
  get(villageCode: string, serviceCode: string): Promise<ServiceDefinition | undefined>;
  list(villageCode: string): Promise<ServiceDefinition[]>;
  /** Stores the definition and the audit entry of the change in one transaction. */
  put(villageCode: string, service: ServiceDefinition, audit: AuditEntry): Promise<void>;
}

/** The versions of service definitions requests were submitted under: immutable, written once each. */
export interface ServiceVersionStore {
  get(serviceCode: string, version: string): Promise<ServiceDefinition | undefined>;
  /** Stores the definition under its version unless that version is stored already. */
  put(service: ServiceDefinition, version: string): Promise<void>;
}

/**
 * The catalog: the regency's services (in code; a parameter so a test can stand in an edited deployment)
 * and each village's own programmes (data).
 */
export function serviceCatalog(
  villageServices: VillageServiceStore,
  versions: ServiceVersionStore,
  regency: readonly ServiceDefinition[] = SERVICE_CATALOG,
): ServiceCatalog {
  // A version never changes: one read per container and version.
  const stored = new Map<string, ServiceDefinition>();
  const get = async (villageCode: string, serviceCode: string) => {
    const service =
      regency.find((candidate) => candidate.code === serviceCode) ??
      (await villageServices.get(villageCode, serviceCode));
    if (!service) throw unknownService(serviceCode);
    return service;
  };
  return {
    get,
    async list(villageCode) {
      return villageCode ? [...regency, ...(await villageServices.list(villageCode))] : regency;
    },
    async keepVersion(service) {
      const version = serviceVersion(service);
      await versions.put(service, version);
      return version;
    },
    async definitionOf({ villageCode, serviceCode, serviceVersion: version }) {
      // A service withdrawn since still carries its requests in flight to their end.
      const current = await get(villageCode, serviceCode).catch((error: unknown) => {
        if (error instanceof NotFoundError && version !== undefined) return undefined;
        throw error;
      });
      if (current && (version === undefined || serviceVersion(current) === version)) return current;
      const key = `${serviceCode}#${version}`;
      let kept = stored.get(key);
      if (!kept && version !== undefined) {
        kept = await versions.get(serviceCode, version);
        if (kept) stored.set(key, kept);
      }
      if (!kept) throw new Error(`Service ${serviceCode} version ${version} is not stored`);
      return kept;
    },
  };
}
