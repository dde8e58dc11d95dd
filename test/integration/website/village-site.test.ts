import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3RVER_CREDENTIALS } from '../../../lib/local/s3.js';
import { SAWOO, TAMPO } from '../../support/fixtures.js';
import { type ApiClient, expectNothingWritten, signInAll, startTestRuntime } from '../../support/runtime.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type Item = { id: string; status: string; title: string };
type ErrorBody = {
  error: { code: string; message: { id: string; en: string }; issues?: { field: string }[] };
};

/**
 * The village website (issue 12, item 3): news drafted by the operator and published by the secretary is
 * rendered into the sites bucket at once; onboarding renders a new village's site, empty but valid.
 */
describe('the village website, rendered when something is published', () => {
  let runtime: Runtime;
  let operator: ApiClient;
  let secretary: ApiClient;
  let head: ApiClient;
  let admin: ApiClient;
  let s3: S3Client;

  /** The object as it is in the local sites bucket (s3rver), not through the gateway. */
  const inBucket = async (key: string): Promise<string | undefined> => {
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: runtime.env.SITES_BUCKET, Key: key }));
      return await object.Body?.transformToString();
    } catch (error) {
      if ((error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  };

  beforeAll(async () => {
    runtime = await startTestRuntime();
    [operator, secretary, head, admin] = await signInAll(runtime, [
      'operator.tampo',
      'sekdes.tampo',
      'kades.tampo',
      'admin.banyuwangi',
    ] as const);
    s3 = new S3Client({
      endpoint: runtime.env.AWS_ENDPOINT_URL_S3,
      region: runtime.env.AWS_REGION,
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
    });
  }, 120_000);
  afterAll(async () => {
    s3?.destroy();
    await runtime?.cleanup();
  });

  it('shows a draft only once the secretary publishes it, in the page, the feed and the display board', async () => {
    // Prepare: the operator drafts
    const title = `Jadwal vaksinasi ternak <${Date.now()}> & "sapi"`;
    const drafted = await operator.post<Item>(`/v1/villages/${TAMPO}/news`, {
      title,
      body: 'Petugas kesehatan hewan datang ke balai desa.\n\nBawa kartu ternak.',
      titleEn: 'Livestock vaccination',
    });
    expect(drafted.status).toBe(201);
    expect(drafted.body.status).toBe('draft');
    const escaped = title
      .replace('&', '&amp;')
      .replace('<', '&lt;')
      .replace('>', '&gt;')
      .replaceAll('"', '&quot;');
    expect(await inBucket(`desa/${TAMPO}/index.html`)).not.toContain(escaped);
    // Act: the secretary publishes
    const published = await secretary.post<Item>(`/v1/villages/${TAMPO}/news/${drafted.body.id}/publish`, {});
    // Assess: the page in the bucket carries it, escaped, first among the news
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    const page = (await inBucket(`desa/${TAMPO}/index.html`)) ?? '';
    expect(page).toContain(escaped);
    expect(page).not.toContain(title);
    expect(page.indexOf(escaped)).toBeLessThan(
      page.indexOf('Surat keterangan kini bisa diajukan dari rumah'),
    );
    expect(await inBucket(`desa/${TAMPO}/feed.xml`)).toContain(escaped);
    const board = JSON.parse((await inBucket(`desa/${TAMPO}/board.json`)) ?? '{}');
    expect(board.news[0].title).toBe(title);
    // The gateway serves the same file at /desa/<code>/, as CloudFront does, with the pages' CSP
    const served = await fetch(`${runtime.url}/desa/${TAMPO}/`);
    expect(served.headers.get('content-type')).toContain('text/html');
    expect(served.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await served.text()).toBe(page);
    // Publishing again changes nothing and answers the same item
    const again = await head.post<Item>(`/v1/villages/${TAMPO}/news/${drafted.body.id}/publish`, {});
    expect(again.status).toBe(200);
    expect(again.body).toEqual(published.body);
  });

  it('publishes an agenda entry into the agenda section', async () => {
    const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString().replace('Z', '+00:00');
    const drafted = await operator.post<Item>(`/v1/villages/${TAMPO}/agenda`, {
      title: 'Musyawarah dusun Krajan',
      body: 'Membahas usulan pembangunan jalan.',
      startsAt,
      place: 'Balai Dusun Krajan',
    });
    expect(drafted.status).toBe(201);
    await head.post(`/v1/villages/${TAMPO}/agenda/${drafted.body.id}/publish`, {});
    const page = (await inBucket(`desa/${TAMPO}/index.html`)) ?? '';
    const agenda = page.slice(page.indexOf('id="agenda"'), page.indexOf('id="apbdes"'));
    expect(agenda).toContain('Musyawarah dusun Krajan');
    expect(agenda).toContain('Balai Dusun Krajan');
  });

  it('refuses bad input and a publish by someone who may not, in both languages, writing nothing', async () => {
    const bad = async (client: ApiClient, path: string, body: unknown) => {
      let answer: { status: number; body: ErrorBody } | undefined;
      await expectNothingWritten(runtime, async () => {
        answer = await client.post<ErrorBody>(path, body);
      });
      return answer as { status: number; body: ErrorBody };
    };
    const nik = await bad(operator, `/v1/villages/${TAMPO}/news`, {
      title: 'Selamat kepada warga',
      body: 'Selamat kepada 3510061208900003 atas kelulusannya.',
    });
    expect(nik.status).toBe(400);
    expect(nik.body.error.issues?.map((issue) => issue.field)).toEqual(['body']);
    expect(nik.body.error.message.id).toContain('NIK');
    expect(nik.body.error.message.en).toContain('NIK');
    const extra = await bad(operator, `/v1/villages/${TAMPO}/news`, {
      title: 'Judul',
      body: 'Isi berita',
      author: 'x',
    });
    expect(extra.status).toBe(400);
    const noDate = await bad(operator, `/v1/villages/${TAMPO}/agenda`, {
      title: 'Rapat',
      body: 'Rapat desa',
      place: 'Balai',
    });
    expect(noDate.status).toBe(400);
    // A draft to publish: the operator may not publish it, nor Sawoo's secretary
    const draft = await operator.post<Item>(`/v1/villages/${TAMPO}/news`, {
      title: 'Draf',
      body: 'Belum terbit',
    });
    const byOperator = await bad(operator, `/v1/villages/${TAMPO}/news/${draft.body.id}/publish`, {});
    expect(byOperator.status).toBe(403);
    expect(byOperator.body.error.message.id).not.toEqual(byOperator.body.error.message.en);
    const [otherSecretary] = await signInAll(runtime, ['sekdes.sawoo'] as const);
    expect(
      (await bad(otherSecretary, `/v1/villages/${TAMPO}/news/${draft.body.id}/publish`, {})).status,
    ).toBe(403);
    expect(
      (await bad(secretary, `/v1/villages/${TAMPO}/news/01KBAAAAAAAAAAAAAAAAAAAAAA/publish`, {})).status,
    ).toBe(404);
    expect(await inBucket(`desa/${TAMPO}/index.html`)).not.toContain('Belum terbit');
  });

  it('renders a newly onboarded village at once: empty but valid', async () => {
    const code = '35.10.06.2098';
    const onboarded = await admin.send(
      'PUT',
      `/v1/villages/${code}`,
      JSON.stringify({
        name: 'Sumbersari Baru',
        kind: 'desa',
        district: { code: '35.10.06', name: 'Cluring' },
        regency: { code: '35.10', name: 'Banyuwangi' },
        province: 'Jawa Timur',
        address: 'Jl. Raya Sumbersari No. 2, Cluring',
        head: { name: 'Ahmad Fauzi', title: { id: 'Kepala Desa', en: 'Village Head' } },
        letterCode: 'SMB',
        services: ['SKU'],
      }),
    );
    expect(onboarded.status).toBe(201);
    const page = (await inBucket(`desa/${code}/index.html`)) ?? '';
    expect(page).toMatch(/^<!doctype html><html lang="id">/);
    expect(page).toContain('<h1>Desa Sumbersari Baru</h1>');
    expect(page).toContain('Belum ada data: belum ada berita');
    expect(page).toContain('Belum ada data: APBDes belum diterbitkan');
    expect(page).toContain('/#/ajukan/SKU');
    expect(page).toContain('Ahmad Fauzi');
    const feed = (await inBucket(`desa/${code}/feed.xml`)) ?? '';
    expect(feed).toContain(`<id>${runtime.url}/desa/${code}/</id>`);
    expect(feed).not.toContain('<entry>');
    expect(await inBucket(`desa/${code}/sitemap.xml`)).toContain(`<loc>${runtime.url}/desa/${code}/</loc>`);
  });

  it("seeds Tampo's and Sawoo's demo news and agenda", async () => {
    for (const code of [TAMPO, SAWOO]) {
      const board = JSON.parse((await inBucket(`desa/${code}/board.json`)) ?? '{}');
      expect(board.news.length, code).toBeGreaterThan(0);
      expect(board.agenda.length, code).toBeGreaterThan(0);
    }
  });
});
