import type { SiteItem } from '../functions/core/website/content.js';

/**
 * Demo news and agenda for the websites of Tampo (Banyuwangi) and Sawoo (Ponorogo), seeded as published by
 * `npm start` (fixed ids: seeding again changes nothing). Agenda dates are set from the day of the first
 * seeding, so the demo always has coming events.
 */
const TAMPO = '35.10.06.2001';
const SAWOO = '35.02.05.2008';

const DAY = 86_400_000;
const at = (now: Date, days: number, hour: number) =>
  new Date(Math.floor(now.getTime() / DAY) * DAY + days * DAY + (hour - 7) * 3_600_000).toISOString();

export function demoSiteItems(now: Date): SiteItem[] {
  const published = (days: number) => ({ createdAt: at(now, days, 8), publishedAt: at(now, days, 10) });
  const by = { createdBy: 'operator.demo', publishedBy: 'sekdes.demo', status: 'published' } as const;
  return [
    {
      id: '01KBDEM0TAMP0NEWS000000001',
      villageCode: TAMPO,
      kind: 'news',
      ...by,
      ...published(-6),
      title: 'Musyawarah desa menyepakati APBDes 2026',
      titleEn: 'Village meeting agrees the 2026 village budget',
      body: 'BPD dan pemerintah desa menyepakati rancangan APBDes 2026 dalam musyawarah desa di balai desa.\n\nRincian anggaran dapat dilihat di bagian APBDes halaman ini.',
      bodyEn:
        'The village council and the village government agreed the draft 2026 budget at the village meeting.',
    },
    {
      id: '01KBDEM0TAMP0NEWS000000002',
      villageCode: TAMPO,
      kind: 'news',
      ...by,
      ...published(-2),
      title: 'Surat keterangan kini bisa diajukan dari rumah',
      titleEn: 'Certificates can now be requested from home',
      body: 'Warga Tampo dapat mengajukan surat keterangan usaha, domisili dan lainnya lewat portal Desa Digital, tanpa datang ke kantor desa.',
    },
    {
      id: '01KBDEM0TAMP0AGENDA0000001',
      villageCode: TAMPO,
      kind: 'agenda',
      ...by,
      ...published(-1),
      title: 'Posyandu balita Dusun Krajan',
      body: 'Penimbangan dan imunisasi balita. Bawa buku KIA.',
      startsAt: at(now, 5, 8),
      place: 'Balai Dusun Krajan',
    },
    {
      id: '01KBDEM0SAW00NEWS000000001',
      villageCode: SAWOO,
      kind: 'news',
      ...by,
      ...published(-3),
      title: 'Kerja bakti membersihkan saluran irigasi',
      titleEn: 'Community work to clean the irrigation channels',
      body: 'Warga Sawoo bergotong royong membersihkan saluran irigasi menjelang musim tanam.',
    },
    {
      id: '01KBDEM0SAW00AGENDA0000001',
      villageCode: SAWOO,
      kind: 'agenda',
      ...by,
      ...published(-1),
      title: 'Sosialisasi layanan surat online',
      titleEn: 'Introduction to online letters',
      body: 'Perangkat desa menjelaskan cara mengajukan surat lewat Desa Digital.',
      startsAt: at(now, 7, 9),
      place: 'Pendopo Desa Sawoo',
    },
  ];
}
