import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmblem } from '../../../config/demo-emblem.js';
import { DEMO_VILLAGES } from '../../../config/villages.js';
import { emblemStore } from '../../../functions/adapters/s3-emblems.js';
import { PAPER_SIZES } from '../../../functions/core/documents/letter-pdf.js';
import { SAWOO, TAMPO } from '../../support/fixtures.js';
import { greyJpeg } from '../../support/images.js';
import { issueApproved } from '../../support/issue.js';
import { imagesOnPage, readPdf } from '../../support/pdf-reader.js';
import { pdfSignatures } from '../../support/pdf-signature.js';
import { type ApiClient, signInAll, startTestRuntime } from '../../support/runtime.js';
import { sampleApplication } from '../../support/samples.js';

/** The demo emblem, padded past 200 KB. */
const oversized = (): Uint8Array => {
  const bytes = new Uint8Array(200 * 1024 + 1);
  bytes.set(demoEmblem());
  return bytes;
};

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type ErrorBody = {
  error: { code: string; message: { id: string; en: string }; issues?: { field: string }[] };
};

/**
 * Paper and letterhead (issue 14, item 5) against the local runtime: the regency admin uploads the emblem
 * through the API; letters are issued by the issue use case for requests written straight to the table as
 * APPROVED (as in verifiable-documents.test.ts), and read back from the documents bucket.
 */
describe('paper and letterhead', () => {
  let runtime: Runtime;
  let banyuwangiAdmin: ApiClient;
  let ponorogoAdmin: ApiClient;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    [banyuwangiAdmin, ponorogoAdmin] = await signInAll(runtime, ['admin.banyuwangi', 'admin.ponorogo']);
  });
  afterAll(() => runtime?.cleanup());

  const putEmblem = (client: ApiClient, regency: string, bytes: Uint8Array, contentType: string) =>
    client.send<ErrorBody & Record<string, unknown>>('PUT', `/v1/regencies/${regency}/emblem`, bytes, {
      'content-type': contentType,
    });

  /** Issues an approved request of the village for the service, and returns its PDF from the bucket. */
  async function issue(villageCode: string, serviceCode: string): Promise<Uint8Array> {
    const { pdf } = await issueApproved(runtime.url, {
      serviceCode,
      villageCode,
      applicantName: 'Siti Aminah',
      data: sampleApplication(serviceCode),
    });
    return pdf;
  }

  it("prints the emblem the regency admin uploaded on the regency's letters, still validly signed", async () => {
    // Prepare: npm start seeded the demo PNG; Banyuwangi's admin replaces it with a JPEG
    const uploaded = await putEmblem(banyuwangiAdmin, '35.10', greyJpeg(), 'image/jpeg');
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toEqual({
      regencyCode: '35.10',
      contentType: 'image/jpeg',
      size: greyJpeg().length,
    });

    // Act
    const pdf = await issue(TAMPO, 'SKU');

    // Assess: the JPEG is embedded as it is (DCTDecode), on an A4 page (Tampo sets no paper)
    expect(await imagesOnPage(pdf, 0)).toEqual([{ filter: '/DCTDecode', width: 8, height: 8 }]);
    const { pages } = await readPdf(pdf);
    expect([pages[0]?.width, pages[0]?.height]).toEqual(
      PAPER_SIZES.A4.map((side) => expect.closeTo(side, 1)),
    );
    expect(pages[0]?.text).toContain('DESA TAMPO');
    const signature = await pdfSignatures(pdf);
    expect(signature.valid, signature.text).toBe(true);
  });

  it("prints an F4 village's letters on F4, with its regency's emblem", async () => {
    const sawoo = DEMO_VILLAGES.find((village) => village.code === SAWOO);
    expect(sawoo?.paper).toBe('F4');

    const pdf = await issue(SAWOO, 'SKU');

    const { pages } = await readPdf(pdf);
    expect([pages[0]?.width, pages[0]?.height]).toEqual(
      PAPER_SIZES.F4.map((side) => expect.closeTo(side, 1)),
    );
    // The demo emblem npm start seeded for Ponorogo: a PNG, which pdf-lib re-encodes (FlateDecode)
    expect(await imagesOnPage(pdf, 0)).toEqual([{ filter: '/FlateDecode', width: 120, height: 140 }]);
    expect((await pdfSignatures(pdf)).valid).toBe(true);
  });

  it("prints a permit the camat signs on the sub-district's letterhead", async () => {
    const pdf = await issue(TAMPO, 'IUMK');

    const text = (await readPdf(pdf)).pages[0]?.text ?? '';
    expect(text.split('\n').slice(0, 3)).toEqual([
      'PEMERINTAH KABUPATEN BANYUWANGI',
      'KECAMATAN CLURING',
      'Jl. Raya Cluring, Kec. Cluring, Kab. Banyuwangi',
    ]);
    expect(text).not.toContain('DESA TAMPO');
    expect(text).toContain('Camat Cluring');
    const signature = await pdfSignatures(pdf);
    expect(signature.valid, signature.text).toBe(true);
  });

  it.each([
    [
      'a GIF sent as PNG',
      new TextEncoder().encode('GIF89a\x01\x00\x01\x00\x00\x00\x00;'),
      'image/png',
      400,
      'body',
    ],
    ['a truncated PNG', demoEmblem().subarray(0, 80), 'image/png', 400, 'body'],
    ['a GIF content type', demoEmblem(), 'image/gif', 400, 'content-type'],
    ['more than 200 KB', oversized(), 'image/png', 413, 'body'],
  ])('refuses %s with a clear answer, and keeps the emblem it had', async (_, bytes, type, status, field) => {
    const before = await emblemStore().get('35.02');

    const refused = await putEmblem(ponorogoAdmin, '35.02', bytes, type);

    expect(refused.status).toBe(status);
    expect(refused.body.error.message.id).not.toBe('');
    expect(refused.body.error.message.en).not.toBe('');
    if (status === 400) expect(refused.body.error.issues?.map((issue) => issue.field)).toEqual([field]);
    expect(await emblemStore().get('35.02')).toEqual(before);
  });

  it("refuses another regency's admin", async () => {
    const refused = await putEmblem(ponorogoAdmin, '35.10', demoEmblem(), 'image/png');
    expect(refused.status).toBe(403);
  });

  it('refuses an unknown paper with a 400 naming the field', async () => {
    const { code: _code, ...record } = DEMO_VILLAGES.find((village) => village.code === TAMPO) ?? {};

    const refused = await banyuwangiAdmin.send<ErrorBody>(
      'PUT',
      `/v1/villages/${TAMPO}`,
      JSON.stringify({ ...record, paper: 'Letter' }),
    );

    expect(refused.status).toBe(400);
    expect(refused.body.error.issues?.map((issue) => issue.field)).toEqual(['paper']);
  });
});
