import { canManageVillageServices } from '../identity/policy.js';
import type { Actor } from '../identity/roles.js';
import { auditEntry } from '../privacy/audit.js';
import { ConflictError, ForbiddenError, ValidationError } from '../shared/errors.js';
import type { Clock, VillageDirectory } from '../shared/ports.js';
import { text } from '../shared/text.js';
import { villageFor } from '../villages/places.js';
import { regencyService } from './index.js';
import type { VillageServiceStore } from './service-catalog.js';
import { parseServiceDefinition } from './service-definition-schema.js';
import type { ServiceDefinition } from './types.js';

/**
 * A village adds (or replaces) one of its own programmes, live at once.
 * Primary course: the village head of the village, or a regency admin covering it, sends a complete
 * service definition; it passes the same rules as the regency's services; it is stored with the village.
 */
export async function addVillageService(
  deps: { villages: VillageDirectory; villageServices: VillageServiceStore; clock: Clock },
  actor: Actor,
  villageCode: string,
  serviceCode: string,
  input: unknown,
): Promise<ServiceDefinition> {
  if (!canManageVillageServices(actor, villageCode)) {
    throw new ForbiddenError(
      text(`Anda tidak bertugas di desa ${villageCode}.`, `You do not work for village ${villageCode}.`),
    );
  }
  await villageFor(deps.villages, villageCode);
  if (regencyService(serviceCode)) {
    throw new ConflictError(
      'REGENCY_SERVICE',
      text(
        `Kode ${serviceCode} dipakai layanan kabupaten; pilih kode lain.`,
        `${serviceCode} is a regency service code; choose another.`,
      ),
    );
  }
  const service = parseServiceDefinition(input);
  if (service.code !== serviceCode || service.family !== 'village-programme') {
    throw new ValidationError(
      text(
        'Kode layanan harus sama dengan alamat, dan jenisnya village-programme.',
        "The service code must match the path, and its family must be 'village-programme'.",
      ),
      [
        {
          field: service.code !== serviceCode ? 'code' : 'family',
          message: text('tidak sesuai', 'does not match'),
        },
      ],
    );
  }
  const audit = auditEntry(
    actor,
    'village-service.put',
    { kind: 'village', id: villageCode },
    deps.clock.now(),
    serviceCode,
  );
  await deps.villageServices.put(villageCode, service, audit);
  return service;
}
