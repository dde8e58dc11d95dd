import { NotFoundError } from '../errors.js';
import { text } from '../text.js';
import { businessCertificate } from './business-certificate.js';
import type { ServiceDefinition } from './types.js';

/** The regency-wide service catalog. Further services are added here as data (see DESIGN.md §1). */
export const SERVICE_CATALOG: readonly ServiceDefinition[] = [businessCertificate];

export function findService(code: string): ServiceDefinition {
  const service = SERVICE_CATALOG.find((candidate) => candidate.code === code);
  if (!service) {
    throw new NotFoundError(
      text(`serviceCode: layanan "${code}" tidak dikenal.`, `serviceCode: unknown service "${code}".`),
    );
  }
  return service;
}

export type { FieldDefinition, ServiceDefinition, StageDefinition } from './types.js';
