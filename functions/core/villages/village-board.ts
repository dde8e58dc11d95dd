import type { VillageDirectory } from '../shared/ports.js';
import type { LocalizedText } from '../shared/text.js';
import { type Village, villageFor } from './places.js';

/**
 * One village's public board, as the office display and the portal show it: the village, who signs its
 * letters, and its announcements (pengumuman). Announcements are part of the village's record (data, like
 * the village itself), so an office changes them without a deploy.
 */
export async function villageBoard(villages: VillageDirectory, code: string) {
  const village = await villageFor(villages, code);
  const { name, kind, district, regency, province, services, address, head } = village;
  return {
    code: village.code,
    name,
    kind,
    district,
    regency,
    province,
    services,
    address,
    head,
    announcements: announcementsOf(village),
  };
}

/** Read defensively: older village records have no announcements. */
export function announcementsOf(village: Village): LocalizedText[] {
  const value = (village as { announcements?: unknown }).announcements;
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is LocalizedText =>
      typeof item === 'object' && item !== null && typeof item.id === 'string' && typeof item.en === 'string',
  );
}
