import { describe, expect, it } from 'vitest';
import { DEMO_VILLAGES } from '../../../config/villages.js';
import { findService } from '../../../functions/core/catalog/index.js';
import { jdihnDocument } from '../../../functions/core/legal/jdihn.js';
import {
  affected,
  type LegalProduct,
  searchLegalProducts,
} from '../../../functions/core/legal/legal-products.js';
import type { LegalProductStore } from '../../../functions/core/legal/ports.js';
import { legalRegister } from '../../../functions/core/legal/register.js';
import type { RequestEvent, ServiceRequest } from '../../../functions/core/requests/requests.js';
import type { Village } from '../../../functions/core/villages/places.js';

const TAMPO = DEMO_VILLAGES.find((village) => village.code === '35.10.06.2001') as Village;
const NOW = new Date('2026-12-02T03:00:00.000Z');

const product = (overrides: Partial<LegalProduct>): LegalProduct => ({
  id: '01KBTAMP0PERDES0APBDES2026',
  type: 'perdes',
  villageCode: TAMPO.code,
  regencyCode: '35.10',
  villageName: 'Tampo',
  number: 3,
  year: 2026,
  title: 'Anggaran Pendapatan dan Belanja Desa Tahun Anggaran 2027',
  topic: 'apbdes',
  subject: 'ANGGARAN PENDAPATAN DAN BELANJA DESA',
  abstract: 'Pendapatan, belanja dan pembiayaan desa.',
  enactedOn: '2026-12-01',
  enactedBy: 'Suwebi',
  gazette: { kind: 'lembaran-desa', number: 4, on: '2026-12-02' },
  status: 'berlaku',
  text: { objectKey: 'attachments/x/y/z', size: 52_000 },
  updatedAt: NOW.toISOString(),
  ...overrides,
});

describe('the legal products register (domain)', () => {
  it('finds products by type, year, status and every word, ignoring case and accents, newest first', () => {
    const budget = product({ id: 'A' });
    const older = product({
      id: 'B',
      year: 2025,
      number: 9,
      title: 'Pungutan Pasar Desa',
      subject: 'PUNGUTAN',
      abstract: 'Retribusi pasar.',
    });
    const decree = product({
      id: 'C',
      type: 'kepkades',
      number: 1,
      title: 'Tim Pelaksana Kegiatan',
      subject: 'TIM PELAKSANA',
      abstract: 'Tim jalan.',
    });
    const all = [older, decree, budget];
    expect(searchLegalProducts(all, {}).map((p) => p.id)).toEqual(['C', 'A', 'B']);
    expect(searchLegalProducts(all, { type: 'perdes' }).map((p) => p.id)).toEqual(['A', 'B']);
    expect(searchLegalProducts(all, { year: 2025 }).map((p) => p.id)).toEqual(['B']);
    expect(searchLegalProducts(all, { q: 'BELANJA désa' }).map((p) => p.id)).toEqual(['A']);
    expect(searchLegalProducts(all, { q: 'belanja pungutan' })).toEqual([]);
    expect(searchLegalProducts(all, { status: 'dicabut' })).toEqual([]);
  });

  it('marks what a new product revokes as revoked and what it amends as amended, with the link back', () => {
    const target = product({ id: 'OLD' });
    expect(affected(target, product({ id: 'NEW', revokes: 'OLD' }), NOW)).toMatchObject({
      status: 'dicabut',
      revokedBy: 'NEW',
    });
    const amended = affected(target, product({ id: 'NEW', amends: 'OLD' }), NOW);
    expect(amended).toMatchObject({ status: 'diubah', amendedBy: ['NEW'] });
    // A revoked product stays revoked when something later amends it
    expect(
      affected({ ...amended, status: 'dicabut' }, product({ id: 'N2', amends: 'OLD' }), NOW).status,
    ).toBe('dicabut');
  });

  it('publishes a document JDIHN harvests: ILDIS field names, every value a string', () => {
    const document = jdihnDocument(product({}), { apiBaseUrl: 'https://desa.example' });
    expect(Object.values(document).every((value) => typeof value === 'string')).toBe(true);
    expect(document).toMatchObject({
      idData: '01KBTAMP0PERDES0APBDES2026',
      tahun_pengundangan: '2026',
      tanggal_penetapan: '2026-12-01',
      tanggal_pengundangan: '2026-12-02',
      jenis: 'Peraturan Desa',
      noPeraturan: '3',
      judul:
        'Peraturan Desa Tampo Nomor 3 Tahun 2026 tentang Anggaran Pendapatan dan Belanja Desa Tahun Anggaran 2027',
      singkatanJenis: 'PERDES',
      tempatTerbit: 'Tampo',
      penerbit: 'Pemerintah Desa Tampo',
      sumber: 'Lembaran Desa Tampo Tahun 2026 Nomor 4',
      status: 'Berlaku',
      urlDownload: 'https://desa.example/v1/legal-products/01KBTAMP0PERDES0APBDES2026/text',
      operasi: '4',
      display: '1',
      last_updated: '2026-12-02 03:00:00',
    });
    // A decree is not promulgated: no gazette to cite, dated by its setting
    const decree = jdihnDocument(product({ type: 'kepkades', gazette: undefined }), { apiBaseUrl: 'x' });
    expect(decree).toMatchObject({
      sumber: '-',
      tanggal_pengundangan: '2026-12-01',
      singkatanJenis: 'KEPKADES',
    });
  });
});

describe('the legal register as a publication stage', () => {
  const kepkades = findService('KEPKADES');
  const request = {
    id: '01KC0000000000000000000001',
    villageCode: TAMPO.code,
    serviceCode: 'KEPKADES',
    data: {
      title: 'Tim Pelaksana Kegiatan Jalan Desa',
      topic: 'lainnya',
      subject: 'TIM',
      abstract: 'Pembentukan tim pelaksana kegiatan jalan desa.',
    },
    attachments: [
      {
        attachmentId: 'a',
        requirementCode: 'naskah-ditetapkan',
        contentType: 'application/pdf',
        size: 2048,
        objectKey: 'attachments/35.10.06.2001/r/a',
        uploadedBy: { subject: 'kades', role: 'village_head' },
        at: NOW.toISOString(),
      },
    ],
  } as unknown as ServiceRequest;
  const events: RequestEvent[] = [
    {
      requestId: request.id,
      at: '2026-12-01T20:00:00.000Z', // 3 December in WIB
      type: 'DECISION_APPROVE',
      status: 'CHECKING',
      actor: { subject: 'kades', name: 'Suwebi', role: 'village_head' },
      stage: 'enactment',
    },
  ];

  function setup(
    options: {
      createLoses?: boolean;
      taken?: readonly number[];
      adoptFailsOnce?: boolean;
      /** The first rewrite of this product fails (a throttled write, a timeout). */
      replaceFailsOnceFor?: string;
    } = {},
  ) {
    const stored = new Map<string, LegalProduct>();
    const drawn: string[] = [];
    const voided: string[] = [];
    const adopted: string[] = [];
    const marked: string[] = [];
    let adoptFails = options.adoptFailsOnce ?? false;
    let replaceFails = options.replaceFailsOnceFor;
    const store: LegalProductStore = {
      get: async (id) => stored.get(id),
      create: async (entry) => {
        if (options.createLoses) {
          // Another delivery of the step wrote the entry first, with its own number.
          stored.set(entry.id, { ...entry, number: 41 });
          return 'exists';
        }
        if (stored.has(entry.id)) return 'exists';
        // Numbers 1 and 2 of the year are held by decrees entered as they were set before.
        if (options.taken?.includes(entry.number)) return 'number-taken';
        stored.set(entry.id, entry);
        return 'created';
      },
      replace: async (entry) => {
        if (entry.id === replaceFails) {
          replaceFails = undefined;
          throw new Error('ProvisionedThroughputExceededException');
        }
        stored.set(entry.id, entry);
      },
      listVillage: async () => [...stored.values()],
      listRegency: async () => ({ items: [...stored.values()] }),
    };
    let counter = 0;
    const register = legalRegister({
      legalProducts: store,
      requests: { events: async () => events },
      villages: { get: async () => TAMPO, list: async () => [] },
      registry: {
        nextSequence: async (_village, year, scope) => {
          drawn.push(`${scope}/${year}`);
          return ++counter;
        },
        voidNumber: async (_village, year, sequence, _reason, scope) =>
          void voided.push(`${scope}/${year}/${sequence}`),
      },
      budgets: {
        draftVersion: async () => undefined,
        adopt: async (village, year, legalProductId) => {
          if (adoptFails) {
            adoptFails = false;
            throw new Error('ProvisionedThroughputExceededException');
          }
          adopted.push(`${village}/${year}/${legalProductId}`);
        },
      },
      siteChanged: async (village) => void marked.push(village),
    });
    return { register, stored, drawn, voided, adopted, marked };
  }

  it('draws a decree its number once, in the year it was set (WIB), and keeps it when published again', async () => {
    const { register, stored, drawn } = setup();
    const first = await register.publish(request, kepkades, NOW);
    const again = await register.publish(request, kepkades, NOW);
    expect(first).toEqual({ regulationNumber: 1, regulationYear: 2026, enactedOn: '2026-12-02' });
    expect(again).toEqual(first);
    expect(drawn).toEqual(['LAW-kepkades/2026']);
    expect(stored.get(request.id)).toMatchObject({ number: 1, enactedOn: '2026-12-02', enactedBy: 'Suwebi' });
  });

  it('skips numbers older decrees entered by hand hold, without voiding them', async () => {
    const { register, drawn, voided } = setup({ taken: [1, 2] });
    const published = await register.publish(request, kepkades, NOW);
    expect(published).toMatchObject({ regulationNumber: 3 });
    expect(drawn).toEqual(['LAW-kepkades/2026', 'LAW-kepkades/2026', 'LAW-kepkades/2026']);
    expect(voided).toEqual([]);
  });

  it("marks the village's site stale after each publication, and adopts no budget for a decree", async () => {
    const { register, adopted, marked } = setup();
    await register.publish(request, kepkades, NOW);
    await register.publish(request, kepkades, NOW);
    expect(marked).toEqual([TAMPO.code, TAMPO.code]);
    expect(adopted).toEqual([]);
  });

  it('adopts the APBDes on the retry after the adoption failed, though the entry exists by then', async () => {
    const perdes = findService('PERDES');
    const apbdes = {
      ...request,
      serviceCode: 'PERDES',
      data: { ...request.data, title: 'APB Desa 2027', topic: 'apbdes', budgetYear: 2027 },
    } as ServiceRequest;
    const { register, stored, adopted, marked } = setup({ adoptFailsOnce: true });
    // The entry is written, then the adoption fails: the step fails (and the site is marked all the same).
    await expect(register.publish(apbdes, perdes, NOW)).rejects.toThrow(/Throughput/);
    expect(stored.has(apbdes.id)).toBe(true);
    expect(adopted).toEqual([]);
    expect(marked).toEqual([TAMPO.code]);
    // The workflow retries the step: the "entry exists" path adopts the budget, under the same numbers.
    const retried = await register.publish(apbdes, perdes, NOW);
    expect(adopted).toEqual([`${TAMPO.code}/2027/${apbdes.id}`]);
    expect(retried).toMatchObject({ regulationNumber: 1, regulationYear: 2026 });
    expect(marked).toEqual([TAMPO.code, TAMPO.code]);
  });

  it('revokes what it names on the retry after that failed, though the entry exists by then', async () => {
    const earlier = { id: '01KBTAMP0KEPKADES000000001', villageCode: TAMPO.code, status: 'berlaku' };
    const revoking = { ...request, data: { ...request.data, revokes: earlier.id } } as ServiceRequest;
    const { register, stored } = setup({ replaceFailsOnceFor: earlier.id });
    stored.set(earlier.id, { ...stored.get(request.id), ...earlier } as LegalProduct);
    await expect(register.publish(revoking, kepkades, NOW)).rejects.toThrow(/Throughput/);
    expect(stored.get(earlier.id)?.status).toBe('berlaku');
    await register.publish(revoking, kepkades, NOW);
    expect(stored.get(earlier.id)).toMatchObject({ status: 'dicabut', revokedBy: request.id });
  });

  it('voids the number it drew when another delivery published first, and answers with that one', async () => {
    const { register, voided } = setup({ createLoses: true });
    const published = await register.publish(request, kepkades, NOW);
    expect(published).toMatchObject({ regulationNumber: 41 });
    expect(voided).toEqual(['LAW-kepkades/2026/1']);
  });
});
