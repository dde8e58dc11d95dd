import { api } from './api.js';
import type { Service, Village } from './types.js';

/** The public catalog and village list, read once per page (the service worker keeps them for offline use). */
const services = new Map<string, Promise<Service[]>>();
let villages: Promise<Village[]> | undefined;

/** The regency's services, plus the village's own programmes when a village is given. */
export function loadServices(village?: string): Promise<Service[]> {
  const key = village ?? '';
  let loading = services.get(key);
  if (!loading) {
    loading = api<{ items: Service[] }>(
      `/v1/services${village ? `?village=${encodeURIComponent(village)}` : ''}`,
      {
        auth: false,
      },
    )
      .then((body) => body.items)
      .catch((error: unknown) => {
        services.delete(key);
        throw error;
      });
    services.set(key, loading);
  }
  return loading;
}

export function loadVillages(): Promise<Village[]> {
  villages ??= api<{ items: Village[] }>('/v1/villages', { auth: false })
    .then((body) => body.items.slice().sort((a, b) => a.code.localeCompare(b.code)))
    .catch((error: unknown) => {
      villages = undefined;
      throw error;
    });
  return villages;
}

let officeServices: Promise<Service[]> | undefined;

/** The office's own documents and reports (staff only): left out of the public catalog. */
export function loadOfficeServices(): Promise<Service[]> {
  officeServices ??= api<{ items: Service[] }>('/v1/office-services')
    .then((body) => body.items)
    .catch((error: unknown) => {
      officeServices = undefined;
      throw error;
    });
  return officeServices;
}

export async function findService(code: string, village?: string): Promise<Service | undefined> {
  const regency = (await loadServices()).find((service) => service.code === code);
  return (
    regency ?? (village ? (await loadServices(village)).find((service) => service.code === code) : undefined)
  );
}

const VILLAGE_KEY = 'dd.village';

export function rememberedVillage(): string | undefined {
  try {
    return localStorage.getItem(VILLAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberVillage(code: string): void {
  try {
    localStorage.setItem(VILLAGE_KEY, code);
  } catch {
    // not kept: asked again next time
  }
}

export const villageLabel = (village: Village): string =>
  `${village.name} — ${village.district.name}, ${village.regency.name}`;
