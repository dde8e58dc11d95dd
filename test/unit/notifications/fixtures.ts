import type { ServiceDefinition } from '../../../functions/core/catalog/types.js';
import type { RequestEvent, ServiceRequest } from '../../../functions/core/requests/requests.js';
import { text } from '../../../functions/core/shared/text.js';

export const TAMPO = '35.10.06.2001';
export const OPENED_AT = '2026-11-22T03:00:00.000Z'; // 10:00 WIB

/**
 * The parts of a service that messages read (code, names, stage keys and labels), shaped like the business
 * certificate. Built here rather than taken from the catalog so these tests do not move with catalog edits.
 */
export const sku = {
  code: 'SKU',
  name: text('Surat Keterangan Usaha', 'Business Certificate'),
  stages: [
    {
      kind: 'decision',
      key: 'verify',
      role: 'operator',
      label: text('Verifikasi berkas oleh operator desa', 'Village operator checks the application'),
      deadlineHours: 4,
    },
    {
      kind: 'decision',
      key: 'sign',
      role: 'village_head',
      label: text('Tanda tangan Kepala Desa', 'Village head signs'),
      deadlineHours: 8,
      escalateTo: 'village_secretary',
      signs: true,
    },
  ],
} as unknown as ServiceDefinition;

/** A request with the applicant's data (NIK, family card, name) that no message may repeat. */
export const request = (overrides: Partial<ServiceRequest> = {}): ServiceRequest =>
  ({
    id: '01JDEMO0000000000000000000',
    trackingCode: 'DD-7K3M-Q9XA',
    serviceCode: 'SKU',
    villageCode: TAMPO,
    status: 'IN_REVIEW',
    stageIndex: 0,
    applicant: { subject: 'citizen-1', name: 'Budi Santoso' },
    data: { nik: '3510061208900003', familyCardNumber: '3510060101080007', fullName: 'Budi Santoso' },
    createdAt: OPENED_AT,
    updatedAt: OPENED_AT,
    version: 2,
    ...overrides,
  }) as ServiceRequest;

export const event = (
  status: RequestEvent['status'],
  type: string,
  extra: Partial<RequestEvent> = {},
): RequestEvent => ({
  requestId: '01JDEMO0000000000000000000',
  at: OPENED_AT,
  type,
  status,
  actor: { subject: 'system', name: 'Sistem Desa Digital', role: 'system' },
  ...extra,
});

export const LETTER_NUMBER = '500.2/0007/35.10.06.2001/XI/2026';
export const CONTACT = { phone: '0812-3456-7890', email: 'Budi.Santoso@Example.CO.ID' };
