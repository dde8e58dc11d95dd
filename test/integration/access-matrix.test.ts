import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS, type DemoClient } from '../../config/demo-clients.js';
import { demoEmblem } from '../../config/demo-emblem.js';
import { DEMO_LEGAL_PRODUCTS } from '../../config/demo-legal-products.js';
import { DEMO_USERS, type DemoUser } from '../../config/demo-users.js';
import { demoDesilCsv } from '../../config/population/desil.js';
import { DEMO_VILLAGES } from '../../config/villages.js';
import type { RouteDefinition, RowRule } from '../../functions/api/route-types.js';
import { ROUTES } from '../../functions/api/routes.js';
import { findService } from '../../functions/core/catalog/index.js';
import { coversVillage, type Role, STAFF_ROLES } from '../../functions/core/identity/roles.js';
import { heavyTestFile } from '../support/budgets.js';
import { approveThroughChain, type RequestState, settled, submit } from '../support/chain.js';
import { SAWOO, TAMPO } from '../support/fixtures.js';
import {
  ApiClient,
  type ApiResponse,
  eventually,
  signInMachine,
  startTestRuntime,
} from '../support/runtime.js';
import { sampleApplication, sampleSurvey } from '../support/samples.js';
import { attachAll, SAMPLE_JPEG, SAMPLE_PDF, sendPresigned, upload } from '../support/uploads.js';

// Heavy: budgets that hold when other test runs share the two cores (test/support/budgets.ts).
heavyTestFile();

/**
 * The access matrix (issue 4): generated from the route table. Every route is tried by every demo account
 * (every role, in Tampo's and Sawoo's areas) and anonymously, against a record of the caller's own area and
 * one of the other area. The expected answer is derived here, independently of functions/core/identity/policy.ts,
 * from what the route declares (`access` and `rows`); every denied answer must carry no data, and no allowed
 * answer may carry another area's requests.
 */
type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type Village = typeof TAMPO | typeof SAWOO;
/** Records the matrix creates: waiting for the operator, returned (a citizen's own or a counter submission), issued. */
type RecordFixture = 'waiting' | 'returned' | 'returned-at-counter' | 'issued' | 'case';
type Fixture = RecordFixture | 'village' | 'none';

interface Target {
  readonly village?: Village;
  /** The record fixture the target is (a changing call gets a fresh one of the same kind). */
  readonly fixture?: RecordFixture;
  readonly requestId?: string;
  readonly applicant?: string;
  /** How the request came in: the citizen themselves, or at the village counter through its operator. */
  readonly channel?: 'self' | 'assisted';
  readonly attachmentId?: string;
  readonly trackingCode?: string;
  readonly documentId?: string;
  /** The agencies that take part in the request's service (SKU: none). */
  readonly agencies?: readonly string[];
}

interface Principal {
  readonly label: string;
  readonly user?: DemoUser;
  /** An agency's system (client credentials): it gets routes by scope, never by role. */
  readonly scopes?: readonly string[];
  readonly client: ApiClient;
}

interface Call {
  readonly path: string;
  readonly body?: unknown;
  readonly rawBody?: { readonly bytes: Uint8Array; readonly contentType: string };
}

/** Which fixture each route needs, and a valid call for a target: a 400 must never hide the rule under test. */
interface RouteCase {
  /** One fixture, or several when the route's rule tells them apart (a citizen's own request, a counter one). */
  readonly fixture: Fixture | readonly RecordFixture[];
  /** The call changes its target: an allowed call gets a fresh target of its own. */
  readonly changes?: boolean;
  /**
   * What an allowed call answers when the record's state, not the access rule, stops it here: the rule let
   * the caller through (no 401/403/404), and the state check answered.
   */
  readonly allowedAnswer?: { readonly status: number; readonly code: string };
  call(target: Target, principal: Principal): Promise<Call> | Call;
}

const sku = findService('SKU');
const demoLegalProductOf = (village: Village | undefined) =>
  DEMO_LEGAL_PRODUCTS.find((product) => product.villageCode === village)?.id ?? '';
const skuRequirement = sku.requirements[0]?.code ?? 'ktp';
const citizenOf: Record<Village, string> = { [TAMPO]: 'warga.tampo', [SAWOO]: 'warga.sawoo' };
const operatorOf: Record<Village, string> = { [TAMPO]: 'operator.tampo', [SAWOO]: 'operator.sawoo' };
const headOf: Record<Village, string> = { [TAMPO]: 'kades.tampo', [SAWOO]: 'kades.sawoo' };
/** The last number an entered earlier decree took (enterExistingLegalProduct): each call enters a new one. */
let existingNumber = 0;

const CASES: Record<string, RouteCase> = {
  listServices: { fixture: 'none', call: () => ({ path: '/v1/services' }) },
  listOfficeServices: { fixture: 'none', call: () => ({ path: '/v1/office-services' }) },
  listVillages: { fixture: 'none', call: () => ({ path: '/v1/villages' }) },
  getVillage: { fixture: 'village', call: (t) => ({ path: `/v1/villages/${t.village}` }) },
  getOpenApi: { fixture: 'none', call: () => ({ path: '/openapi.json' }) },
  submitRequest: {
    fixture: 'village',
    changes: true,
    call: async (t, p) => ({
      path: '/v1/requests',
      body: {
        serviceCode: 'SKU',
        villageCode: t.village,
        data: sampleApplication('SKU'),
        attachments: await uploadsFor(p, t.village),
        // At the counter (assisted channel) the operator records the citizen's consent.
        ...(p.user?.role === 'operator'
          ? {
              citizen: { name: 'Siti Aminah' },
              consent: { method: 'signed-form', recordedAt: new Date().toISOString() },
            }
          : {}),
      },
    }),
  },
  listRequests: { fixture: 'village', call: (t) => ({ path: `/v1/requests?village=${t.village}` }) },
  getRequest: { fixture: 'waiting', call: (t) => ({ path: `/v1/requests/${t.requestId}` }) },
  decideRequest: {
    fixture: 'waiting',
    changes: true,
    call: (t) => ({
      path: `/v1/requests/${t.requestId}/decisions`,
      body: { decision: 'approve', note: 'Berkas lengkap' },
    }),
  },
  approveWithSignature: {
    fixture: 'waiting',
    // No regency signs through BSrE in this runtime: an allowed decider passes the access rule and meets the
    // state check; test/integration/documents/bsre-signing.test.ts signs through the stand-in for real.
    allowedAnswer: { status: 409, code: 'NOT_SIGNED_BY_SERVICE' },
    call: (t) => ({
      path: `/v1/requests/${t.requestId}/signed-approval`,
      body: { nik: '3510060101700001', passphrase: 'bsre-demo' },
    }),
  },
  getRequestDocument: { fixture: 'issued', call: (t) => ({ path: `/v1/requests/${t.requestId}/document` }) },
  verifyDocument: { fixture: 'issued', call: (t) => ({ path: `/v1/verify/${t.documentId}` }) },
  requestUpload: {
    fixture: 'none',
    call: () => ({
      path: '/v1/uploads',
      body: {
        serviceCode: 'SKU',
        requirementCode: skuRequirement,
        contentType: 'application/pdf',
        size: 100,
      },
    }),
  },
  resubmitRequest: {
    fixture: ['returned', 'returned-at-counter'],
    changes: true,
    call: (t) => ({
      path: `/v1/requests/${t.requestId}/resubmission`,
      body: { data: sampleApplication('SKU') },
    }),
  },
  getAttachment: {
    fixture: 'waiting',
    call: (t) => ({ path: `/v1/requests/${t.requestId}/attachments/${t.attachmentId}` }),
  },
  putVillageService: {
    fixture: 'village',
    call: (t) => ({
      path: `/v1/villages/${t.village}/services/OLAHRAGA`,
      body: {
        ...findService('SPER'),
        code: 'OLAHRAGA',
        family: 'village-programme',
        name: { id: 'Rekomendasi Atlet Desa', en: 'Village Athlete Recommendation' },
      },
    }),
  },
  listTasks: { fixture: 'village', call: (t) => ({ path: `/v1/tasks?village=${t.village}` }) },
  getVillageStats: { fixture: 'village', call: (t) => ({ path: `/v1/stats?village=${t.village}` }) },
  listMyRequests: { fixture: 'none', call: () => ({ path: '/v1/me/requests' }) },
  listRequestNotifications: {
    fixture: 'waiting',
    call: (t) => ({ path: `/v1/requests/${t.requestId}/notifications` }),
  },
  verifyDocumentUpload: {
    fixture: 'none',
    call: () => ({ path: '/v1/verify', rawBody: { bytes: SAMPLE_PDF, contentType: 'application/pdf' } }),
  },
  revokeDocument: {
    fixture: 'issued',
    changes: true,
    call: (t) => ({
      path: `/v1/documents/${t.documentId}/revocation`,
      body: { reason: 'Salah ketik nama usaha' },
    }),
  },
  putVillage: {
    fixture: 'village',
    call: (t) => {
      // Replacing a village with its own record: a valid onboarding body that changes nothing.
      const { code: _code, ...record } = DEMO_VILLAGES.find((village) => village.code === t.village) ?? {};
      return { path: `/v1/villages/${t.village}`, body: record };
    },
  },
  createVillageStaff: {
    fixture: 'village',
    call: (t, p) => ({
      path: `/v1/villages/${t.village}/staff`,
      body: {
        username: `matrix.${t.village?.replaceAll('.', '')}.${p.label.replace(/[^a-z0-9]/g, '')}`,
        name: 'Petugas Uji Matriks',
        email: 'petugas@example.org',
        role: 'operator',
      },
    }),
  },
  // The regency of each target village (Banyuwangi, Ponorogo) gets its demo emblem again: a valid PNG.
  putRegencyEmblem: {
    fixture: 'village',
    call: (t) => ({
      path: `/v1/regencies/${regencyOf(t.village)}/emblem`,
      rawBody: { bytes: demoEmblem(), contentType: 'image/png' },
    }),
  },
  // The regency's DTSEN ranking (issue 13): its synthetic file again, as npm start seeded it.
  putRegencyDesil: {
    fixture: 'village',
    call: (t) => ({
      path: `/v1/regencies/${regencyOf(t.village)}/desil`,
      rawBody: {
        bytes: new TextEncoder().encode(demoDesilCsv(regencyOf(t.village) ?? '')),
        contentType: 'text/csv',
      },
    }),
  },
  // Household surveys (issue 13): each allowed call records one more survey, its members without a NIK.
  recordHouseholdSurvey: {
    fixture: 'village',
    call: (t) => ({ path: `/v1/villages/${t.village}/household-surveys`, body: sampleSurvey() }),
  },
  listHouseholdSurveys: {
    fixture: 'village',
    call: (t) => ({ path: `/v1/villages/${t.village}/household-surveys` }),
  },
  listOutOfSchoolChildren: {
    fixture: 'village',
    call: (t) => ({ path: `/v1/villages/${t.village}/out-of-school-children` }),
  },
  getWelfareStatistics: {
    fixture: 'village',
    call: (t) => ({ path: `/v1/villages/${t.village}/welfare-statistics` }),
  },
  // The musdes verification (issue 13): compiled from the village's surveys, so the village has one first.
  draftMusdesVerification: {
    fixture: 'village',
    call: async (t) => {
      await surveyedIn(t.village ?? TAMPO);
      return { path: `/v1/villages/${t.village}/musdes-verifications`, body: {} };
    },
  },
  createDataSubjectExport: {
    fixture: 'none',
    // Both areas' shared requests are about this person: an officer's export holds only their own area's.
    call: () => ({ path: '/v1/privacy/data-subject-exports', body: { nik: sampleApplication('SKU').nik } }),
  },
  getMe: { fixture: 'none', call: () => ({ path: '/v1/me' }) },
  linkNik: {
    fixture: 'none',
    // Each demo citizen links a resident's NIK with the code the operator of that village issues first.
    call: async (_t, p) => {
      const village = p.label === 'warga.sawoo' ? SAWOO : TAMPO;
      const activationCode = await activationCodeFor(village);
      return { path: '/v1/me/nik', body: { nik: residentOf[village].nik, activationCode } };
    },
  },
  issueNikActivation: {
    fixture: 'village',
    call: (t) => ({
      path: `/v1/villages/${t.village}/nik-activations`,
      body: residentOf[t.village ?? TAMPO],
    }),
  },
  unlinkNik: {
    fixture: 'village',
    // Every call finds the village's resident linked (to that village's demo citizen), so an allowed call unlinks.
    call: async (t) => {
      const village = t.village ?? TAMPO;
      await ensureLinked(village);
      return {
        path: `/v1/villages/${village}/nik-unlinks`,
        body: { nik: residentOf[village].nik, reason: 'Uji matriks akses' },
      };
    },
  },
  trackRequest: {
    fixture: 'waiting',
    call: (t) => ({
      path: '/v1/track',
      body: { trackingCode: t.trackingCode, nikLast6: String(sampleApplication('SKU').nik).slice(-6) },
    }),
  },
  // The village budget: a draft 2025 budget is entered; the demo 2026 budget (adopted, npm start's seed) is read.
  putBudget: {
    fixture: 'village',
    call: (t) => ({
      path: `/v1/villages/${t.village}/budgets/2025`,
      body: {
        lines: [
          { code: '4.2.1', amount: 900_000_000 },
          {
            code: '5.2',
            activity: '01.01.04',
            source: 'DDS',
            implementer: 'Sekretaris Desa',
            amount: 800_000_000,
          },
        ],
      },
    }),
  },
  getBudget: { fixture: 'village', call: (t) => ({ path: `/v1/villages/${t.village}/budgets/2026` }) },
  getBudgetCsv: { fixture: 'village', call: (t) => ({ path: `/v1/villages/${t.village}/budgets/2026/csv` }) },
  putBudgetRealisation: {
    fixture: 'village',
    call: (t) => ({
      path: `/v1/villages/${t.village}/budgets/2026/realisation/2`,
      body: { activities: [{ activity: '01.01.01', amount: 1_000_000, progress: 'berjalan' }] },
    }),
  },
  getBudgetReport: {
    fixture: 'village',
    call: (t) => ({ path: `/v1/villages/${t.village}/budgets/2026/reports/1` }),
  },
  getBudgetReportPdf: {
    fixture: 'village',
    call: (t) => ({ path: `/v1/villages/${t.village}/budgets/2026/reports/1/pdf` }),
  },
  // Legal products: the secretary drafts a decree (with its PDF); anyone reads the demo Perdes APBDes 2026.
  draftLegalProduct: {
    fixture: 'village',
    call: async (t, p) => {
      const drafts = p.user?.role === 'village_secretary' && covers(p.user, t.village);
      const uploadId = drafts
        ? await upload(p.client, 'KEPKADES', 'rancangan', SAMPLE_PDF, 'application/pdf', t.village)
        : '01JD7X3M4N5P6Q7R8S9T0V1W2X'; // refused before any file is looked at
      return {
        path: `/v1/villages/${t.village}/legal-products`,
        body: {
          type: 'kepkades',
          data: sampleApplication('KEPKADES'),
          attachments: [{ requirementCode: 'rancangan', uploadId }],
        },
      };
    },
  },
  // An earlier decree entered with its own number: a new number per call, so every allowed call is a 201.
  enterExistingLegalProduct: {
    fixture: 'village',
    call: async (t, p) => {
      const enters = p.user?.role === 'village_secretary' && covers(p.user, t.village);
      const uploadId = enters
        ? await upload(p.client, 'KEPKADES', 'naskah-ditetapkan', SAMPLE_PDF, 'application/pdf', t.village)
        : '01JD7X3M4N5P6Q7R8S9T0V1W2X'; // refused before any file is looked at
      existingNumber += 1;
      return {
        path: `/v1/villages/${t.village}/legal-products/existing`,
        body: {
          type: 'kepkades',
          data: sampleApplication('KEPKADES'),
          number: existingNumber,
          year: 2020,
          enactedOn: '2020-03-02',
          attachments: [{ requirementCode: 'naskah-ditetapkan', uploadId }],
        },
      };
    },
  },
  listLegalProducts: {
    fixture: 'village',
    call: (t) => ({ path: `/v1/villages/${t.village}/legal-products?type=perdes` }),
  },
  getLegalProduct: {
    fixture: 'village',
    call: (t) => ({ path: `/v1/legal-products/${demoLegalProductOf(t.village)}` }),
  },
  getLegalProductText: {
    fixture: 'village',
    call: (t) => ({ path: `/v1/legal-products/${demoLegalProductOf(t.village)}/text` }),
  },
  getJdihnFeed: { fixture: 'none', call: () => ({ path: '/v1/regencies/35.10/jdihn/document.json' }) },
  listSiteItems: { fixture: 'village', call: (t) => ({ path: `/v1/villages/${t.village}/site-items` }) },
  draftNews: {
    fixture: 'village',
    call: (t) => ({
      path: `/v1/villages/${t.village}/news`,
      body: { title: 'Uji matriks', body: 'Berita uji' },
    }),
  },
  publishNews: { fixture: 'village', call: async (t) => publishPath(t.village ?? TAMPO, 'news') },
  draftAgenda: {
    fixture: 'village',
    call: (t) => ({ path: `/v1/villages/${t.village}/agenda`, body: SAMPLE_AGENDA }),
  },
  publishAgenda: { fixture: 'village', call: async (t) => publishPath(t.village ?? TAMPO, 'agenda') },
  // The UMKM market: each village's demo citizen (linked) sells there; its operator checks.
  createMarketProduct: {
    fixture: 'none',
    call: async (_t, p) => {
      if (p.user?.role === 'citizen') await ensureLinked(p.label === 'warga.sawoo' ? SAWOO : TAMPO);
      return { path: '/v1/market/products', body: MARKET_PRODUCT };
    },
  },
  listMarketProducts: {
    fixture: 'village',
    call: (t) => ({ path: `/v1/market/products?village=${t.village}` }),
  },
  listVillageMarketProducts: {
    fixture: 'village',
    call: (t) => ({ path: `/v1/villages/${t.village}/market-products` }),
  },
  reviewMarketProduct: {
    fixture: 'village',
    call: async (t) => ({
      path: `/v1/market/products/${await productIn(t.village ?? TAMPO)}/review`,
      body: { decision: 'approve' },
    }),
  },
  reportMarketProduct: {
    // Public, one target: every caller once stays under the 60 reports an address may send an hour.
    fixture: 'none',
    call: async () => ({
      path: `/v1/market/products/${await publishedProductIn(TAMPO)}/reports`,
      body: { reason: 'Uji matriks akses' },
    }),
  },
  requestMarketPhotoUpload: {
    fixture: 'village',
    call: async (t) => ({
      path: `/v1/market/products/${await productIn(t.village ?? TAMPO)}/photos`,
      body: { contentType: 'image/jpeg', size: SAMPLE_JPEG.length },
    }),
  },
  attachMarketPhoto: {
    fixture: 'village',
    call: async (t) => {
      const village = t.village ?? TAMPO;
      const id = await productIn(village);
      return { path: `/v1/market/products/${id}/photos/${await photoUploadedTo(village, id)}` };
    },
  },
  getMarketPhoto: {
    fixture: 'village',
    call: async (t) => ({ path: await publishedPhotoIn(t.village ?? TAMPO) }),
  },
  withdrawMarketProduct: {
    fixture: 'village',
    call: async (t) => ({ path: `/v1/market/products/${await productIn(t.village ?? TAMPO)}/withdrawal` }),
  },
  // Welfare cases (issue 13): reported by the village's reporters or a citizen (linked) for their household.
  reportCase: {
    fixture: 'village',
    call: async (t, p) => {
      if (p.user?.role === 'citizen') await ensureLinked(p.label === 'warga.sawoo' ? SAWOO : TAMPO);
      return { path: '/v1/cases', body: { ...SAMPLE_CASE, villageCode: t.village } };
    },
  },
  getCase: { fixture: 'case', call: (t) => ({ path: `/v1/cases/${t.requestId}` }) },
  decideCase: {
    fixture: 'case',
    changes: true,
    call: (t) => ({ path: `/v1/cases/${t.requestId}/decisions`, body: { decision: 'approve' } }),
  },
  getDistrictCaseStatistics: {
    fixture: 'village',
    call: (t) => ({ path: `/v1/districts/${districtOf(t.village)}/case-statistics` }),
  },
  getRegencyCaseStatistics: {
    fixture: 'village',
    call: (t) => ({ path: `/v1/regencies/${regencyOf(t.village)}/case-statistics` }),
  },
  reissueDocument: {
    fixture: 'issued',
    changes: true,
    call: (t) => ({ path: `/v1/documents/${t.documentId}/reissue`, body: { reason: 'Salah ketik alamat' } }),
  },
};

const SAMPLE_CASE = { kind: 'food', summary: 'Keluarga makan sekali sehari sejak ayah sakit.' };

/** A case the village's operator reported, waiting for the village secretary's verification. */
async function caseIn(village: Village): Promise<Target> {
  const operator = await as(operatorOf[village]);
  const reported = await operator.post<{ id: string }>('/v1/cases', { ...SAMPLE_CASE, villageCode: village });
  if (reported.status !== 201) throw new Error(`case refused: ${JSON.stringify(reported.body)}`);
  await eventually('the case to wait for the village', async () => {
    const { body } = await operator.get<{ stage?: { dueAt?: string } }>(`/v1/cases/${reported.body.id}`);
    return body.stage?.dueAt ? true : undefined;
  });
  return {
    village,
    requestId: reported.body.id,
    applicant: operatorOf[village],
    agencies: [],
    fixture: 'case',
  };
}

const SAMPLE_AGENDA = {
  title: 'Rapat uji matriks',
  body: 'Agenda uji',
  startsAt: '2030-01-06T09:00:00+07:00',
  place: 'Balai desa',
};

/** A fresh draft of the village's operator, and the path that publishes it. */
async function publishPath(village: Village, kind: 'news' | 'agenda'): Promise<Call> {
  const body = kind === 'news' ? { title: 'Uji matriks', body: 'Berita uji' } : SAMPLE_AGENDA;
  const drafted = await (await as(operatorOf[village])).post<{ id: string }>(
    `/v1/villages/${village}/${kind}`,
    body,
  );
  if (drafted.status !== 201) throw new Error(`draft refused: ${JSON.stringify(drafted.body)}`);
  return { path: `/v1/villages/${village}/${kind}/${drafted.body.id}/publish` };
}

/** A living resident of each demo village, as the population register knows them (and their KTP says). */
const residentOf: Record<Village, { nik: string; name: string }> = {
  [TAMPO]: { nik: '3510061208900003', name: 'Budi Santoso' },
  [SAWOO]: { nik: '3502050407760001', name: 'Sugeng Riyanto' },
};

/** The village's operator issues an activation code for its resident (as at the counter). */
async function activationCodeFor(village: Village): Promise<string> {
  const issued = await (await as(operatorOf[village])).post<{ code: string }>(
    `/v1/villages/${village}/nik-activations`,
    residentOf[village],
  );
  if (issued.status !== 201) throw new Error(`activation refused: ${JSON.stringify(issued.body)}`);
  return issued.body.code;
}

/** Links the village's resident to that village's demo citizen, unless it is linked already. */
async function ensureLinked(village: Village): Promise<void> {
  const citizen = await as(citizenOf[village]);
  if ((await citizen.get<{ nik?: unknown }>('/v1/me')).body.nik) return;
  const body = { nik: residentOf[village].nik, activationCode: await activationCodeFor(village) };
  const linked = await citizen.send('PUT', '/v1/me/nik', JSON.stringify(body));
  if (linked.status !== 200) throw new Error(`link refused: ${JSON.stringify(linked.body)}`);
}

const MARKET_PRODUCT = {
  villageCode: TAMPO,
  businessName: 'Keripik Bu Siti',
  name: 'Keripik pisang',
  pricePerUnit: 15_000,
  unit: 'bungkus',
  description: 'Keripik pisang kepok tanpa pengawet.',
  category: 'makanan-minuman',
  hamlet: 'Krajan',
  whatsapp: '081234567890',
};

/** A fresh pending product of the village's demo citizen (linked first), by its id. */
async function productIn(village: Village): Promise<string> {
  await ensureLinked(village);
  const listed = await (await as(citizenOf[village])).post<{ id: string }>('/v1/market/products', {
    ...MARKET_PRODUCT,
    villageCode: village,
  });
  if (listed.status !== 201) throw new Error(`listing refused: ${JSON.stringify(listed.body)}`);
  return listed.body.id;
}

/** The seller's phone's upload of a photo for their product: its photo id, to attach. */
async function photoUploadedTo(village: Village, productId: string): Promise<string> {
  const seller = await as(citizenOf[village]);
  const ticket = await seller.post<{ photoId: string; url: string; fields: Record<string, string> }>(
    `/v1/market/products/${productId}/photos`,
    { contentType: 'image/jpeg', size: SAMPLE_JPEG.length },
  );
  if (ticket.status !== 201) throw new Error(`photo ticket refused: ${JSON.stringify(ticket.body)}`);
  await sendPresigned(ticket.body, SAMPLE_JPEG, 'image/jpeg');
  return ticket.body.photoId;
}

/** A published product's photo (the thumbnail's path), one per village. */
const photos = new Map<Village, Promise<string>>();
function publishedPhotoIn(village: Village): Promise<string> {
  const made =
    photos.get(village) ??
    productIn(village).then(async (id) => {
      const photoId = await photoUploadedTo(village, id);
      const attached = await (await as(citizenOf[village])).send(
        'PUT',
        `/v1/market/products/${id}/photos/${photoId}`,
      );
      const checked = await (await as(operatorOf[village])).post(`/v1/market/products/${id}/review`, {
        decision: 'approve',
      });
      if (attached.status !== 200 || checked.status !== 200) throw new Error('photo not published');
      return `/v1/market/photos/${id}/${photoId}-thumb.jpg`;
    });
  photos.set(village, made);
  return made;
}

/** One published product per village, shared by the calls that only read or report it. */
const published = new Map<Village, Promise<string>>();
function publishedProductIn(village: Village): Promise<string> {
  const known = published.get(village);
  if (known) return known;
  const made = productIn(village).then(async (id) => {
    const checked = await (await as(operatorOf[village])).post(`/v1/market/products/${id}/review`, {
      decision: 'approve',
    });
    if (checked.status !== 200) throw new Error(`check refused: ${JSON.stringify(checked.body)}`);
    return id;
  });
  published.set(village, made);
  return made;
}

let runtime: Runtime;
const signedIn = new Map<string, ApiClient>();

/** One survey in the village (by its enumerator), once: what a musdes verification compiles. */
const surveyed = new Map<Village, Promise<void>>();
function surveyedIn(village: Village): Promise<void> {
  const known = surveyed.get(village);
  if (known) return known;
  const recording = (async () => {
    const enumerator = await as(village === TAMPO ? 'enumerator.tampo' : 'enumerator.sawoo');
    const answer = await enumerator.post(`/v1/villages/${village}/household-surveys`, sampleSurvey());
    if (answer.status !== 201) throw new Error(`survey refused: ${JSON.stringify(answer.body)}`);
  })();
  surveyed.set(village, recording);
  return recording;
}

async function as(username: string): Promise<ApiClient> {
  const known = signedIn.get(username);
  if (known) return known;
  const client = await ApiClient.signIn(runtime, username);
  signedIn.set(username, client);
  return client;
}

const skuRequired = sku.requirements.filter((requirement) => requirement.required).map((r) => r.code);
const uploadsFor = (principal: Principal, village: Village | undefined) =>
  attachAll(principal.client, 'SKU', skuRequired, village);

// --- The expected answer, from the route's declaration ---------------------------------------------------

type Expected = 'allow' | 401 | 403 | 404;

const regencyOf = (village: string | undefined) => village?.split('.').slice(0, 2).join('.');
const districtOf = (village: string | undefined) => village?.split('.').slice(0, 3).join('.');
const isStaff = (role: Role) => (STAFF_ROLES as readonly string[]).includes(role);
const covers = (user: DemoUser, village: string | undefined) =>
  village !== undefined && user.areas.some((area) => coversVillage(area, village));

/** May the user see the request at all: its applicant, or staff of its area (agency: when it takes part). */
function sees(user: DemoUser, target: Target): boolean {
  if (target.applicant === user.username) return true;
  if (!isStaff(user.role) || !covers(user, target.village)) return false;
  return user.role !== 'agency_officer' || (target.agencies ?? []).includes(user.agency ?? '');
}

/** Who works on a case not yet referred (policy.worksOnCase): its reporter, the village, the UPT, the unit. */
const CASE_WORKERS = ['operator', 'village_secretary', 'village_head', 'upt_officer', 'poverty_unit_officer'];
const worksOnCase = (user: DemoUser, target: Target) =>
  target.applicant === user.username || (CASE_WORKERS.includes(user.role) && covers(user, target.village));

const ROW_RULES: Record<RowRule, (user: DemoUser, target: Target) => Expected> = {
  none: () => 'allow',
  'personal-data': () => 'allow',
  request: (user, target) => (sees(user, target) ? 'allow' : 404),
  // Waiting fixtures wait for the operator.
  'request-decision': (user, target) =>
    !sees(user, target) ? 404 : user.role === 'operator' && covers(user, target.village) ? 'allow' : 403,
  // A citizen's own application: its applicant only; a counter submission: an operator of the village.
  // Who may see it but not correct it is told so (403); the rest get 404.
  'request-correction': (user, target) => {
    const corrects =
      target.channel === 'assisted'
        ? user.role === 'operator' && covers(user, target.village)
        : target.applicant === user.username;
    return corrects ? 'allow' : sees(user, target) ? 403 : 404;
  },
  submission: (user, target) =>
    user.role === 'citizen' || (user.role === 'operator' && covers(user, target.village)) ? 'allow' : 403,
  village: (user, target) => (isStaff(user.role) && covers(user, target.village) ? 'allow' : 403),
  'village-services': (user, target) =>
    ['village_head', 'regency_admin'].includes(user.role) && covers(user, target.village) ? 'allow' : 403,
  'village-onboarding': (user, target) =>
    user.role === 'regency_admin' && covers(user, target.village) ? 'allow' : 403,
  regency: (user, target) =>
    user.role === 'regency_admin' && covers(user, regencyOf(target.village)) ? 'allow' : 403,
  document: (user, target) =>
    ['village_head', 'village_secretary'].includes(user.role) && covers(user, target.village) ? 'allow' : 403,
  // The route's roles (already checked) within the path's village.
  'village-welfare': (user, target) => (covers(user, target.village) ? 'allow' : 403),
  'product-seller': (user, target) => (user.username === citizenOf[target.village ?? TAMPO] ? 'allow' : 404),
  // The village's reporters; a citizen for the household of their linked NIK (each demo citizen's own village).
  'case-report': (user, target) =>
    (['operator', 'enumerator', 'frontline_worker'].includes(user.role) && covers(user, target.village)) ||
    (user.role === 'citizen' && citizenOf[target.village ?? TAMPO] === user.username)
      ? 'allow'
      : 403,
  case: (user, target) => (worksOnCase(user, target) ? 'allow' : 404),
  // Case fixtures wait for the village secretary's verification.
  'case-decision': (user, target) =>
    !worksOnCase(user, target)
      ? 404
      : user.role === 'village_secretary' && covers(user, target.village)
        ? 'allow'
        : 403,
  // The route's roles (already checked) within the path's district or regency.
  'district-area': (user, target) => (covers(user, districtOf(target.village)) ? 'allow' : 403),
  'regency-area': (user, target) => (covers(user, regencyOf(target.village)) ? 'allow' : 403),
  'village-budget': (user, target) =>
    ['operator', 'village_secretary', 'village_head', 'regency_admin'].includes(user.role) &&
    covers(user, target.village)
      ? 'allow'
      : 403,
};

function expected(route: RouteDefinition, principal: Principal, target: Target): Expected {
  const { user, scopes } = principal;
  if (route.access === 'public') return 'allow';
  if (!user) return 401;
  const routeAllows = scopes
    ? (route.machineScopes ?? []).some((scope) => scopes.includes(scope))
    : route.access.includes(user.role);
  if (!routeAllows) return 403;
  return ROW_RULES[route.rows](user, target);
}

/** A demo agency system as the oracle sees it: an agency officer of the agency and area its scope names. */
async function machinePrincipal(client: DemoClient): Promise<Principal> {
  const [, agency = '', area = ''] =
    client.scopes.map((scope) => /^desa-digital\/agency:([^:]+):(.+)$/.exec(scope)).find(Boolean) ?? [];
  return {
    label: client.clientId,
    user: {
      username: `client:${client.clientId}`,
      name: client.name,
      role: 'agency_officer',
      areas: [area],
      agency,
    },
    scopes: client.scopes,
    client: await signInMachine(runtime, client.clientId, client.clientSecret),
  };
}

// --- Fixtures -------------------------------------------------------------------------------------------

async function waitingIn(village: Village): Promise<Target> {
  const citizen = await as(citizenOf[village]);
  const submitted = await submit(citizen, sku, village, { ...sampleApplication('SKU') });
  const state = await settled(citizen, submitted.id);
  return {
    village,
    requestId: state.id,
    applicant: citizenOf[village],
    attachmentId: state.attachments[0]?.attachmentId,
    trackingCode: (state as RequestState & { trackingCode?: string }).trackingCode,
    agencies: [],
    fixture: 'waiting',
    channel: 'self',
  };
}

/** A request the village's operator entered at the counter for a citizen, with their consent. */
async function atCounterIn(village: Village): Promise<Target> {
  const operator = await as(operatorOf[village]);
  const response = await operator.post<RequestState>('/v1/requests', {
    serviceCode: 'SKU',
    villageCode: village,
    data: sampleApplication('SKU'),
    attachments: await attachAll(operator, 'SKU', skuRequired, village),
    citizen: { name: 'Siti Aminah' },
    consent: { method: 'signed-form', recordedAt: new Date().toISOString() },
  });
  if (response.status !== 201)
    throw new Error(`counter submission refused: ${JSON.stringify(response.body)}`);
  const state = await settled(operator, response.body.id);
  return { village, requestId: state.id, applicant: operatorOf[village], agencies: [], channel: 'assisted' };
}

async function returnedIn(village: Village, channel: 'self' | 'assisted' = 'self'): Promise<Target> {
  const target = channel === 'assisted' ? await atCounterIn(village) : await waitingIn(village);
  const returned = await (await as(operatorOf[village])).post(`/v1/requests/${target.requestId}/decisions`, {
    decision: 'return',
    note: 'Foto KTP buram, mohon unggah ulang',
  });
  if (returned.status !== 200) throw new Error(`return refused: ${JSON.stringify(returned.body)}`);
  await settled(await as(operatorOf[village]), target.requestId ?? '');
  return { ...target, fixture: channel === 'assisted' ? 'returned-at-counter' : 'returned' };
}

async function issuedIn(village: Village): Promise<Target> {
  const target = await waitingIn(village);
  const staff = { operator: await as(operatorOf[village]), village_head: await as(headOf[village]) };
  const { request } = await approveThroughChain(
    sku,
    target.requestId ?? '',
    staff,
    await as(citizenOf[village]),
  );
  return { ...target, fixture: 'issued', documentId: request.document?.documentId };
}

const FRESH: Record<RecordFixture, (village: Village) => Promise<Target>> = {
  waiting: waitingIn,
  returned: (village) => returnedIn(village, 'self'),
  'returned-at-counter': (village) => returnedIn(village, 'assisted'),
  issued: issuedIn,
  case: caseIn,
};
const RECORD_FIXTURES = Object.keys(FRESH) as RecordFixture[];

// --- The run ------------------------------------------------------------------------------------------

interface Outcome {
  readonly route: string;
  readonly principal: string;
  readonly target: string;
  readonly expected: Expected;
  readonly status: number;
  readonly problem?: string;
}

describe('the access matrix, generated from the route table', () => {
  const shared = {} as Record<RecordFixture, Record<Village, Target>>;
  let principals: Principal[];
  let personalValues: string[];

  beforeAll(async () => {
    runtime = await startTestRuntime();
    principals = [
      { label: 'anonymous', client: new ApiClient(runtime.url) },
      ...(await Promise.all(
        DEMO_USERS.map(async (user) => ({ label: user.username, user, client: await as(user.username) })),
      )),
      ...(await Promise.all(DEMO_CLIENTS.map(machinePrincipal))),
    ];
    for (const fixture of RECORD_FIXTURES) {
      shared[fixture] = { [TAMPO]: await FRESH[fixture](TAMPO), [SAWOO]: await FRESH[fixture](SAWOO) };
    }
    const sample = sampleApplication('SKU');
    personalValues = [String(sample.nik), String(sample.fullName), String(sample.address)];
  }, 900_000); // eight shared records, each through the real workflow: slow when the machine is busy
  afterAll(() => runtime?.cleanup());

  it('has a case for every route in the table', () => {
    const missing = ROUTES.filter((route) => !CASES[route.id]).map((route) => route.id);
    expect(missing, 'routes without an access-matrix case: add one to CASES').toEqual([]);
  });

  it('allows and denies exactly as each route declares, with no data in any denial', async () => {
    const outcomes: Outcome[] = [];
    const allShared = Object.values(shared).flatMap((byVillage) => Object.values(byVillage));
    for (const route of ROUTES) {
      const routeCase = CASES[route.id];
      if (!routeCase) continue;
      const targets: Target[] =
        routeCase.fixture === 'none'
          ? [{}]
          : routeCase.fixture === 'village'
            ? [{ village: TAMPO }, { village: SAWOO }]
            : [routeCase.fixture]
                .flat()
                .flatMap((fixture) => [shared[fixture][TAMPO], shared[fixture][SAWOO]]);
      for (const principal of principals) {
        for (const sharedTarget of targets) {
          const want = expected(route, principal, sharedTarget);
          const target =
            want === 'allow' && routeCase.changes && sharedTarget.fixture
              ? await FRESH[sharedTarget.fixture](sharedTarget.village ?? TAMPO)
              : sharedTarget;
          const response = await callRoute(route, routeCase, principal, target);
          const problem = judge(
            route,
            response,
            want,
            principal,
            allShared,
            personalValues,
            routeCase.allowedAnswer,
          );
          outcomes.push({
            route: route.id,
            principal: principal.label,
            target: target.village ?? '-',
            expected: want,
            status: response.status,
            ...(problem ? { problem } : {}),
          });
        }
      }
    }
    const wrong = outcomes.filter((outcome) => outcome.problem);
    for (const w of wrong)
      console.info(
        `WRONG ${w.route} ${w.principal} ${w.target} want ${w.expected} got ${w.status}: ${w.problem?.slice(0, 160)}`,
      );
    const allowed = outcomes.filter((outcome) => outcome.expected === 'allow').length;
    console.info(
      `access matrix: ${outcomes.length} cases over ${ROUTES.length} routes × ${principals.length} callers; ` +
        `${allowed} allowed, ${outcomes.length - allowed} denied, ${wrong.length} wrong`,
    );
    expect(wrong).toEqual([]);
  });

  it('left the shared records as they were: no denied call changed anything', async () => {
    for (const fixture of ['waiting', 'returned', 'returned-at-counter'] as const) {
      for (const village of [TAMPO, SAWOO] as const) {
        const target = shared[fixture][village];
        const { body } = await (await as(operatorOf[village])).get<RequestState>(
          `/v1/requests/${target.requestId}`,
        );
        expect(body.status, `${fixture} request in ${village}`).toBe(
          fixture === 'waiting' ? 'IN_REVIEW' : 'RETURNED',
        );
      }
    }
  });
});

async function callRoute(
  route: RouteDefinition,
  routeCase: RouteCase,
  principal: Principal,
  target: Target,
): Promise<ApiResponse> {
  // A caller refused by the route itself never reaches the row: build the call as a permitted caller would.
  const call = await routeCase.call(target, (await callerFor(route, principal)) ?? principal);
  if (call.rawBody) {
    return principal.client.send(route.method, call.path, call.rawBody.bytes as unknown as string, {
      'content-type': call.rawBody.contentType,
    });
  }
  return principal.client.send(
    route.method,
    call.path,
    call.body === undefined ? undefined : JSON.stringify(call.body),
  );
}

/**
 * Building the call may itself need the API (uploading attachments for a submission): a caller who may not
 * upload gets uploads made by the target village's citizen, so their own refusal is what is tested.
 */
async function callerFor(route: RouteDefinition, principal: Principal): Promise<Principal | undefined> {
  if (route.id !== 'submitRequest') return undefined;
  const role = principal.user?.role;
  if (role === 'citizen' || role === 'operator') return undefined;
  return { label: 'uploader', client: await as('warga.tampo') };
}

/** Whose requests an allowed answer may carry: a data-subject export, its officer's area's; else what they see. */
const visibleIn = (route: RouteDefinition, user: DemoUser, target: Target) =>
  route.rows === 'personal-data' ? covers(user, target.village) : sees(user, target);

function judge(
  route: RouteDefinition,
  response: ApiResponse,
  want: Expected,
  principal: Principal,
  allShared: readonly Target[],
  personalValues: readonly string[],
  allowedAnswer?: RouteCase['allowedAnswer'],
): string | undefined {
  const text = JSON.stringify(response.body);
  if (want === 'allow' && allowedAnswer) {
    const code = (response.body as { error?: { code?: string } }).error?.code;
    return response.status === allowedAnswer.status && code === allowedAnswer.code
      ? undefined
      : `expected the state check's ${allowedAnswer.status} ${allowedAnswer.code}, got ${response.status} ${text.slice(0, 300)}`;
  }
  if (want === 'allow') {
    if (response.status < 200 || response.status >= 300)
      return `expected success, got ${response.status} ${text}`;
    const foreign = allShared.filter(
      (target) =>
        target.requestId &&
        text.includes(target.requestId) &&
        !(principal.user && visibleIn(route, principal.user, target)),
    );
    return foreign.length > 0
      ? `answer carries requests the caller may not see: ${foreign.map((t) => t.requestId)}`
      : undefined;
  }
  if (response.status !== want) return `expected ${want}, got ${response.status} ${text.slice(0, 300)}`;
  const keys = Object.keys(response.body);
  if (keys.some((key) => key !== 'error' && key !== 'message'))
    return `denial carries data: ${keys.join(', ')}`;
  const leaked = personalValues.filter((value) => text.includes(value));
  return leaked.length > 0 ? `denial echoes personal data: ${leaked.length} value(s)` : undefined;
}
