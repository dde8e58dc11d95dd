import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BUDGETS } from '../../config/demo-budgets.js';
import { stageOpen } from '../support/chain.js';
import { TAMPO } from '../support/fixtures.js';
import { readPdf } from '../support/pdf-reader.js';
import { pdfSignatures } from '../support/pdf-signature.js';
import {
  ApiClient,
  eventually,
  expectNothingWritten,
  signInAll,
  startTestRuntime,
} from '../support/runtime.js';
import { SAMPLE_PNG, upload } from '../support/uploads.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type RequestBody = {
  id: string;
  status: string;
  stage?: { key: string; dueAt?: string };
  document?: { documentId: string };
  events?: { type: string; stage?: string }[];
};
type LegalProductBody = {
  id: string;
  number: number;
  year: number;
  status: string;
  citation: { id: string };
  gazette?: { kind: string; number: number; on: string };
  bpdAgreement?: { date: string; number: string };
  evaluation?: { date: string; number: string };
  bupatiReport?: { date: string; number: string };
  revokedBy?: string;
  textPath: string;
};

/** A signed regulation text: a real (tiny) PDF whose bytes the public download must return unchanged. */
const SIGNED_TEXT = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Peraturan Desa Tampo, naskah yang ditandatangani\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

const JDIHN_FIELDS = [
  'idData',
  'tahun_pengundangan',
  'tanggal_pengundangan',
  'jenis',
  'noPeraturan',
  'judul',
  'noPanggil',
  'singkatanJenis',
  'tempatTerbit',
  'penerbit',
  'deskripsiFisik',
  'sumber',
  'subjek',
  'isbn',
  'status',
  'bahasa',
  'bidangHukum',
  'teuBadan',
  'nomorIndukBuku',
  'fileDownload',
  'urlDownload',
  'urlDetailPeraturan',
  'operasi',
  'display',
  'tanggal_penetapan',
  'abstrak',
  'urlAbstrak',
  'last_updated',
];

/**
 * Legal products (issue 12) over HTTP against the local runtime: the secretary drafts, the chain of the
 * generic approval workflow takes it to the register, the JDIHN feed and a verifiable register extract.
 */
describe('a village legal product, end to end', () => {
  let runtime: Runtime;
  let secretary: ApiClient;
  let villageHead: ApiClient;
  let camat: ApiClient;
  let operator: ApiClient;
  let citizen: ApiClient;
  const anonymous = () => new ApiClient(runtime.url);

  beforeAll(async () => {
    runtime = await startTestRuntime();
    [secretary, villageHead, camat, operator, citizen] = await signInAll(runtime, [
      'sekdes.tampo',
      'kades.tampo',
      'camat.cluring',
      'operator.tampo',
      'warga.tampo',
    ]);
  });
  afterAll(() => runtime?.cleanup());

  const waitForStage = (id: string, key: string) => stageOpen<RequestBody>(secretary, id, key);

  const draft = async (type: string, serviceCode: string, data: Record<string, unknown>) => {
    const uploadId = await upload(secretary, serviceCode, 'rancangan', undefined, 'application/pdf', TAMPO);
    const drafted = await secretary.post<RequestBody>(`/v1/villages/${TAMPO}/legal-products`, {
      type,
      data,
      attachments: [{ requirementCode: 'rancangan', uploadId }],
    });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    return drafted.body.id;
  };

  const enact = async (id: string, serviceCode: string) => {
    await waitForStage(id, 'enactment');
    const signed = await upload(
      villageHead,
      serviceCode,
      'naskah-ditetapkan',
      SIGNED_TEXT,
      'application/pdf',
      TAMPO,
    );
    const set = await villageHead.post<RequestBody>(`/v1/requests/${id}/decisions`, {
      decision: 'approve',
      attachments: [{ requirementCode: 'naskah-ditetapkan', uploadId: signed }],
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
  };

  const issued = (id: string) =>
    eventually(
      'the register extract to be issued',
      async () => {
        const { body } = await secretary.get<RequestBody>(`/v1/requests/${id}`);
        return body.status === 'ISSUED' ? body : undefined;
      },
      40_000,
    );

  it('takes a Peraturan Desa on the budget from draft through the BPD, the camat, setting and promulgation to the JDIHN feed', async () => {
    // Prepare: the draft APBDes 2027 the regulation adopts, entered from the CSV template
    const csv = DEMO_BUDGETS.find((budget) => budget.villageCode === TAMPO)?.csv ?? '';
    const budget = await secretary.send(`PUT`, `/v1/villages/${TAMPO}/budgets/2027`, csv, {
      'content-type': 'text/csv',
    });
    expect(budget.status, JSON.stringify(budget.body)).toBeLessThan(300);

    // Act: the secretary drafts the APBDes 2027 regulation
    const id = await draft('perdes', 'PERDES', {
      title: 'Anggaran Pendapatan dan Belanja Desa Tahun Anggaran 2027',
      topic: 'apbdes',
      subject: 'ANGGARAN PENDAPATAN DAN BELANJA DESA',
      abstract:
        'Pendapatan, belanja menurut bidang dan pembiayaan desa Tampo tahun anggaran 2027, termasuk Dana Desa dan Alokasi Dana Desa.',
      budgetYear: 2027,
    });

    // The BPD's agreement must be recorded: without it, nothing moves
    await waitForStage(id, 'bpd-agreement');
    await expectNothingWritten(runtime, async () => {
      const missing = await secretary.post<{ error: { message: { id: string; en: string } } }>(
        `/v1/requests/${id}/decisions`,
        { decision: 'approve' },
      );
      expect(missing.status).toBe(400);
      expect(missing.body.error.message.en).toMatch(/Date the BPD agreed: is required/);
    });
    const agreed = await secretary.post<RequestBody>(`/v1/requests/${id}/decisions`, {
      decision: 'approve',
      records: { bpdAgreementDate: '2026-11-20', bpdAgreementNumber: '07/BA/BPD/XI/2026' },
    });
    expect(agreed.status, JSON.stringify(agreed.body)).toBe(200);

    // The budget is evaluated by the camat, who records the evaluation
    await waitForStage(id, 'district-evaluation');
    const evaluated = await camat.post<RequestBody>(`/v1/requests/${id}/decisions`, {
      decision: 'approve',
      records: { evaluationNumber: '100.3/88/429.510/2026', evaluationDate: '2026-11-27' },
    });
    expect(evaluated.status, JSON.stringify(evaluated.body)).toBe(200);

    // The village head sets it with the signed text; the secretary promulgates it
    await enact(id, 'PERDES');
    await waitForStage(id, 'promulgation');
    const promulgated = await secretary.post<RequestBody>(`/v1/requests/${id}/decisions`, {
      decision: 'approve',
    });
    expect(promulgated.status).toBe(200);

    // Published at once, numbered; the report to the Bupati is due within 7 days
    await waitForStage(id, 'bupati-report');
    const published = await anonymous().get<LegalProductBody>(`/v1/legal-products/${id}`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      status: 'berlaku',
      year: 2026,
      gazette: { kind: 'lembaran-desa' },
      bpdAgreement: { date: '2026-11-20', number: '07/BA/BPD/XI/2026' },
      evaluation: { date: '2026-11-27', number: '100.3/88/429.510/2026' },
    });
    expect(published.body.bupatiReport).toBeUndefined();
    expect(published.body.citation.id).toBe(
      `Peraturan Desa Tampo Nomor ${published.body.number} Tahun 2026 tentang Anggaran Pendapatan dan Belanja Desa Tahun Anggaran 2027`,
    );
    // Promulgated, the regulation adopted the draft budget
    const adopted = await anonymous().get<{ versions: { status: string; legalProductId?: string }[] }>(
      `/v1/villages/${TAMPO}/budgets/2027`,
    );
    expect(adopted.body.versions.at(-1)).toMatchObject({ status: 'adopted', legalProductId: id });
    const reported = await secretary.post<RequestBody>(`/v1/requests/${id}/decisions`, {
      decision: 'approve',
      records: { reportNumber: '100.3/12/429.510.06/2026', reportDate: '2026-11-30' },
    });
    expect(reported.status, JSON.stringify(reported.body)).toBe(200);
    const done = await issued(id);

    // Assess: the register has the report too, under the same numbers
    const entry = (await anonymous().get<LegalProductBody>(`/v1/legal-products/${id}`)).body;
    expect(entry).toMatchObject({
      number: published.body.number,
      gazette: published.body.gazette,
      bupatiReport: { date: '2026-11-30', number: '100.3/12/429.510.06/2026' },
    });
    expect(done.events?.map((event) => event.type)).toEqual([
      'SUBMITTED',
      'CHECKS_PASSED',
      'STAGE_OPENED',
      'DECISION_APPROVE',
      'STAGE_OPENED',
      'DECISION_APPROVE',
      'STAGE_OPENED',
      'DECISION_APPROVE',
      'STAGE_OPENED',
      'DECISION_APPROVE',
      'PUBLISHED',
      'STAGE_OPENED',
      'DECISION_APPROVE',
      'PUBLISHED',
      'ISSUED',
    ]);

    // The JDIHN feed carries it with every field members publish, as strings
    const feed = await anonymous().get<Record<string, string>[]>('/v1/regencies/35.10/jdihn/document.json');
    expect(feed.status).toBe(200);
    const document = feed.body.find((item) => item.idData === id);
    expect(document).toBeDefined();
    for (const field of JDIHN_FIELDS) expect(typeof document?.[field], field).toBe('string');
    expect(document).toMatchObject({
      tahun_pengundangan: '2026',
      jenis: 'Peraturan Desa',
      singkatanJenis: 'PERDES',
      noPeraturan: String(entry.number),
      judul: entry.citation.id,
      sumber: `Lembaran Desa Tampo Tahun 2026 Nomor ${entry.gazette?.number}`,
      tanggal_pengundangan: entry.gazette?.on,
      status: 'Berlaku',
      bahasa: 'Indonesia',
      operasi: '4',
      display: '1',
      urlDetailPeraturan: `${runtime.url}/v1/legal-products/${id}`,
    });

    // The public download is the signed text, byte for byte
    const redirect = await fetch(`${runtime.url}${entry.textPath}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const text = new Uint8Array(await (await fetch(redirect.headers.get('location') ?? '')).arrayBuffer());
    expect(Buffer.from(text).equals(Buffer.from(SIGNED_TEXT))).toBe(true);

    // Public search by type, year, status and words
    const found = await anonymous().get<{ items: { id: string }[] }>(
      `/v1/villages/${TAMPO}/legal-products?type=perdes&year=2026&status=berlaku&q=anggaran%20desa`,
    );
    expect(found.body.items.map((item) => item.id)).toContain(id);
    const none = await anonymous().get<{ items: { id: string }[] }>(
      `/v1/villages/${TAMPO}/legal-products?q=jembatan`,
    );
    expect(none.body.items.map((item) => item.id)).not.toContain(id);

    // The register extract is issued as a verifiable letter carrying the numbers
    const link = await secretary.get<{ url: string }>(`/v1/requests/${id}/document`);
    const pdf = new Uint8Array(await (await fetch(link.body.url)).arrayBuffer());
    const letter = (await readPdf(pdf)).pages
      .map((page) => page.items.map((item) => item.str).join(' '))
      .join('\n');
    expect(letter).toContain('KUTIPAN REGISTER PERATURAN DESA');
    expect((await pdfSignatures(pdf)).valid).toBe(true);
    expect(letter).toMatch(new RegExp(`Nomor\\s*:?\\s*${entry.number} Tahun 2026`));
    const verified = await anonymous().get<{ status: string }>(`/v1/verify/${done.document?.documentId}`);
    expect(verified.body.status).toBe('valid');
  });

  it('revokes an earlier decree with a new one: the earlier one shows as revoked, by which', async () => {
    const data = (title: string, extra: Record<string, unknown> = {}) => ({
      title,
      topic: 'lainnya',
      subject: 'TIM PELAKSANA KEGIATAN',
      abstract: 'Pembentukan tim pelaksana kegiatan pembangunan jalan desa beserta tugas dan masa kerjanya.',
      ...extra,
    });
    const first = await draft('kepkades', 'KEPKADES', data('Tim Pelaksana Kegiatan Jalan Desa 2026'));
    await enact(first, 'KEPKADES');
    await issued(first);
    const second = await draft(
      'kepkades',
      'KEPKADES',
      data('Tim Pelaksana Kegiatan Jalan Desa 2026 (pengganti)', { revokes: first }),
    );
    await enact(second, 'KEPKADES');
    await issued(second);

    const earlier = (await anonymous().get<LegalProductBody>(`/v1/legal-products/${first}`)).body;
    const later = (await anonymous().get<LegalProductBody>(`/v1/legal-products/${second}`)).body;
    expect(earlier).toMatchObject({ status: 'dicabut', revokedBy: second });
    expect(later.number).toBe(earlier.number + 1);
    const revoked = await anonymous().get<{ items: { id: string }[] }>(
      `/v1/villages/${TAMPO}/legal-products?type=kepkades&status=dicabut`,
    );
    expect(revoked.body.items.map((item) => item.id)).toEqual([first]);
    // The publication marked Tampo's website stale: once the site render job ran, it lists the new decree.
    await runtime.renderStaleSites();
    const site = await (await fetch(`${runtime.url}/desa/${TAMPO}/`)).text();
    expect(site).toContain('Tim Pelaksana Kegiatan Jalan Desa 2026 (pengganti)');
  });

  it('enters a regulation the village set before, with its own numbers; a number the village holds is refused, writing nothing', async () => {
    const signedText = () =>
      upload(secretary, 'PERDES', 'naskah-ditetapkan', SIGNED_TEXT, 'application/pdf', TAMPO);
    const body = async (extra: Record<string, unknown> = {}) => ({
      type: 'perdes',
      data: {
        title: 'Badan Usaha Milik Desa Tampo Makmur',
        topic: 'lainnya',
        subject: 'BADAN USAHA MILIK DESA',
        abstract: 'Pendirian BUM Desa Tampo Makmur, anggaran dasar, unit usaha dan penyertaan modal desa.',
      },
      number: 4,
      year: 2019,
      enactedOn: '2019-06-10',
      gazetteNumber: 4,
      promulgatedOn: '2019-06-11',
      attachments: [{ requirementCode: 'naskah-ditetapkan', uploadId: await signedText() }],
      ...extra,
    });
    const entered = await secretary.post<LegalProductBody>(
      `/v1/villages/${TAMPO}/legal-products/existing`,
      await body(),
    );
    expect(entered.status, JSON.stringify(entered.body)).toBe(201);
    expect(entered.body).toMatchObject({ number: 4, year: 2019, status: 'berlaku' });
    expect(entered.body.gazette).toMatchObject({ number: 4, on: '2019-06-11' });
    const found = await anonymous().get<{ items: { id: string }[] }>(
      `/v1/villages/${TAMPO}/legal-products?year=2019&q=bum%20desa`,
    );
    expect(found.body.items.map((item) => item.id)).toEqual([entered.body.id]);
    const feed = await anonymous().get<{ idData: string; noPeraturan: string }[]>(
      `/v1/regencies/35.10/jdihn/document.json`,
    );
    expect(feed.body.find((document) => document.idData === entered.body.id)?.noPeraturan).toBe('4');

    const again = await body({ gazetteNumber: 5, promulgatedOn: '2019-06-12' });
    const misdated = await body({ number: 5, promulgatedOn: '2019-06-01', gazetteNumber: 5 });
    await expectNothingWritten(runtime, async () => {
      const taken = await secretary.post<{ error: { code: string; message: { id: string; en: string } } }>(
        `/v1/villages/${TAMPO}/legal-products/existing`,
        again,
      );
      expect(taken.status).toBe(409);
      expect(taken.body.error).toMatchObject({ code: 'LEGAL_NUMBER_TAKEN' });
      expect(taken.body.error.message.en).toMatch(/No\. 4 of 2019 is already in this village's register/);
      const early = await secretary.post<{ error: { issues: { field: string }[] } }>(
        `/v1/villages/${TAMPO}/legal-products/existing`,
        misdated,
      );
      expect(early.status).toBe(400);
      expect(early.body.error.issues.map((issue) => issue.field)).toContain('promulgatedOn');
      const byHead = await villageHead.post(`/v1/villages/${TAMPO}/legal-products/existing`, misdated);
      expect(byHead.status).toBe(403);
    });
  });

  it('refuses drafts from anyone but the secretary, texts that are not PDFs and revocations of unknown products, writing nothing', async () => {
    const data = {
      title: 'Pungutan Desa atas Pasar Desa',
      topic: 'pungutan',
      subject: 'PUNGUTAN DESA',
      abstract: 'Jenis, besaran dan tata cara pemungutan retribusi pasar desa Tampo beserta pengelolaannya.',
    };
    await expectNothingWritten(runtime, async () => {
      const byOperator = await operator.post(`/v1/villages/${TAMPO}/legal-products`, {
        type: 'perdes',
        data,
      });
      expect(byOperator.status).toBe(403);
      const asRequest = await citizen.post<{ error: { message: { en: string } } }>('/v1/requests', {
        serviceCode: 'PERDES',
        villageCode: TAMPO,
        data,
      });
      expect(asRequest.status).toBe(403);
      expect(asRequest.body.error.message.en).toMatch(/drafted by the village secretary/);
      const photo = await secretary.post<{ error: { message: { en: string } } }>('/v1/uploads', {
        serviceCode: 'PERDES',
        villageCode: TAMPO,
        requirementCode: 'rancangan',
        contentType: 'image/png',
        size: SAMPLE_PNG.length,
      });
      expect(photo.status).toBe(400);
      expect(photo.body.error.message.en).toMatch(/must be a PDF/);
      const unknown = await secretary.post<{ error: { message: { id: string; en: string } } }>(
        `/v1/villages/${TAMPO}/legal-products`,
        { type: 'perdes', data: { ...data, revokes: '01JD7X3M4N5P6Q7R8S9T0V1W2X' } },
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message.en).toMatch(/not a legal product in force/);
      const noBudget = await secretary.post<{ error: { message: { en: string } } }>(
        `/v1/villages/${TAMPO}/legal-products`,
        { type: 'perdes', data: { ...data, topic: 'apbdes', budgetYear: 2031 } },
      );
      expect(noBudget.status).toBe(400);
      expect(noBudget.body.error.message.en).toMatch(/draft village budget of 2031/);
    });
  });
});
