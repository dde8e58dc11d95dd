import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAMPO_PEOPLE } from '../../config/population/fixtures.js';
import { DynamoAuditTrail } from '../../functions/adapters/dynamo-audit.js';
import { findService, SERVICE_CATALOG } from '../../functions/core/catalog/index.js';
import { appliedForByPeople } from '../../functions/core/catalog/service-catalog.js';
import type { ServiceDefinition } from '../../functions/core/catalog/types.js';
import { approveThroughChain, type RequestState, settled, submit } from '../support/chain.js';
import { TAMPO } from '../support/fixtures.js';
import { pdfSignatures } from '../support/pdf-signature.js';
import { ApiClient, signInAll, startTestRuntime } from '../support/runtime.js';
import { sampleApplication } from '../support/samples.js';

/** What a citizen applies for; the office's legal products: test/e2e/legal-products.test.ts. */
const CITIZEN_SERVICES = SERVICE_CATALOG.filter(appliedForByPeople);

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;

/**
 * One request per service family, over HTTP, through its real chain to the issued document (for the akta,
 * to the certificate Dukcapil attaches), against the local runtime.
 */
describe('every service family, end to end', () => {
  let runtime: Runtime;
  let citizen: ApiClient;
  let staff: Record<string, ApiClient>;
  let kesmas: ApiClient;
  let dukcapil: ApiClient;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    const [c, operator, head, camat, k, d, admin] = await signInAll(runtime, [
      'warga.tampo',
      'operator.tampo',
      'kades.tampo',
      'camat.cluring',
      'kesmas.banyuwangi',
      'dukcapil.banyuwangi',
      'admin.banyuwangi',
    ]);
    citizen = c;
    kesmas = k;
    dukcapil = d;
    staff = { operator, village_head: head, district_head: camat, regency_admin: admin };
  }, 10 * 60_000); // starting the runtime on a busy 2-core machine takes minutes
  afterAll(() => runtime?.cleanup());

  async function runThrough(service: ServiceDefinition, agency?: ApiClient) {
    const submitted = await submit(citizen, service, TAMPO, { ...sampleApplication(service.code) });
    const chain = await approveThroughChain(
      service,
      submitted.id,
      agency ? { ...staff, agency_officer: agency } : staff,
      citizen,
    );
    const link = await citizen.get<{ url: string; sha256: string; letterNumber: string }>(
      `/v1/requests/${submitted.id}/document`,
    );
    expect(link.status).toBe(200);
    expect(link.body.letterNumber.startsWith(`${service.classificationCode}/`)).toBe(true);
    // Its embedded PAdES signature verifies in poppler's pdfsig, as in any PDF reader
    const pdf = new Uint8Array(await (await fetch(link.body.url)).arrayBuffer());
    const embedded = await pdfSignatures(pdf);
    expect(embedded.valid, embedded.text).toBe(true);
    expect(embedded.signers).toHaveLength(1);
    const verified = await new ApiClient(runtime.url).get<{ status: string }>(
      `/v1/verify/${chain.request.document?.documentId}`,
    );
    expect(verified.body.status).toBe('valid');
    return chain;
  }

  const decisionRoles = (service: ServiceDefinition) =>
    service.stages.flatMap((stage) => (stage.kind === 'decision' ? [stage.role] : []));

  /** The agency officer who decides a service's agency stage, if it has one. */
  const agencyOf = (service: ServiceDefinition): ApiClient | undefined => {
    const agency = service.stages.find((stage) => stage.kind === 'decision' && stage.agency);
    if (agency?.kind !== 'decision') return undefined;
    const officers: Partial<Record<string, ApiClient>> = { kesmas, dukcapil };
    const officer = officers[agency.agency ?? ''];
    if (!officer) throw new Error(`${service.code}: no demo officer for agency ${agency.agency}`);
    return officer;
  };

  // Every catalog service (generated from the catalog, not a list), a few at a time so a busy 2-core machine
  // keeps up; each request goes through its real chain, registry checks included, to a verifiable letter.
  it(
    'issues the letter of every catalog service through its real chain, registry checks included',
    async () => {
      const outcomes: { code: string; deciders: string[]; checks: string[] }[] = [];
      const queue = [...CITIZEN_SERVICES];
      const worker = async () => {
        for (let service = queue.shift(); service; service = queue.shift()) {
          const { deciders, request } = await runThrough(service, agencyOf(service));
          outcomes.push({
            code: service.code,
            deciders,
            checks: (request.checks ?? []).map((check) => `${check.registry}:${check.outcome}`),
          });
        }
      };
      await Promise.all(Array.from({ length: 6 }, worker));

      expect(outcomes.map((outcome) => outcome.code).sort()).toEqual(
        CITIZEN_SERVICES.map((service) => service.code).sort(),
      );
      for (const service of CITIZEN_SERVICES) {
        const outcome = outcomes.find((candidate) => candidate.code === service.code);
        expect(outcome?.deciders, service.code).toEqual(decisionRoles(service));
        const subjects = service.stages.flatMap((stage) =>
          stage.kind === 'check' ? stage.subjects.flatMap(() => stage.registries) : [],
        );
        expect(outcome?.checks, service.code).toEqual(subjects.map((registry) => `${registry}:match`));
      }
    },
    15 * 60_000,
  );

  it('issues a certificate (domicile) after the operator and the village head', async () => {
    const service = findService('SKD');
    const { deciders } = await runThrough(service);
    expect(deciders).toEqual(['operator', 'village_head']);
  });

  it('issues a general statement after the operator and the village head', async () => {
    const { deciders } = await runThrough(findService('SPER'));
    expect(deciders).toEqual(['operator', 'village_head']);
  });

  it('issues a micro-business permit signed by the camat after the village recommends it', async () => {
    const service = findService('IUMK');
    const { deciders, request } = await runThrough(service);
    expect(deciders).toEqual(['operator', 'village_head', 'district_head']);
    const verification = await new ApiClient(runtime.url).get<{ signer: { title: string } }>(
      `/v1/verify/${request.document?.documentId}`,
    );
    expect(verification.body.signer.title).toBe('Camat Cluring');
  });

  it('issues a poverty declaration after the registry checks, the village head and the welfare section', async () => {
    const service = findService('SPM');
    const { deciders, request } = await runThrough(service, kesmas);
    expect(deciders).toEqual(decisionRoles(service));
    expect(request.checks?.map((check) => [check.registry, check.outcome])).toEqual([
      ['population', 'match'],
      ['bpjs', 'match'],
      ['desil', 'match'],
    ]);
  });

  it('takes a birth certificate request to Dukcapil, whose attached akta the family collects at the village', async () => {
    const service = findService('AKL');
    const { request, deciders } = await runThrough(service, dukcapil);
    expect(deciders).toEqual(['operator', 'village_head', 'agency_officer']);
    const akta = request.attachments.find((file) => file.requirementCode === 'akta');
    expect(akta?.uploadedByRole).toBe('agency_officer');
    const download = await citizen.get<{ url: string }>(
      `/v1/requests/${request.id}/attachments/${akta?.attachmentId}`,
    );
    expect(download.status).toBe(200);
    expect((await fetch(download.body.url)).status).toBe(200);
  });

  it('registers a death at Dukcapil with the deceased recorded and the reporter checked', async () => {
    const { request } = await runThrough(findService('AKM'), dukcapil);
    expect(request.checks?.every((check) => check.outcome === 'match')).toBe(true);
  });

  it("runs a village's own programme, added through the API without a deploy", async () => {
    // Prepare: the village head adds a sport programme letter for Tampo, from data
    const sport = {
      ...findService('SPER'),
      code: 'OLAHRAGA',
      family: 'village-programme',
      name: { id: 'Rekomendasi Atlet Desa', en: 'Village Athlete Recommendation' },
    };
    const added = await staff.village_head?.send<{ code: string }>(
      'PUT',
      `/v1/villages/${TAMPO}/services/OLAHRAGA`,
      JSON.stringify(sport),
    );
    expect(added?.status).toBe(200);
    const listed = await citizen.get<{ items: { code: string }[] }>(`/v1/services?village=${TAMPO}`);
    expect(listed.body.items.map((item) => item.code)).toContain('OLAHRAGA');
    // …and the change is in the village's audit trail: who, in which role, which programme
    const trail = await new DynamoAuditTrail(runtime.env.TABLE_NAME ?? '').list({
      kind: 'village',
      id: TAMPO,
    });
    expect(trail.find((entry) => entry.action === 'village-service.put')).toMatchObject({
      detail: 'OLAHRAGA',
      actor: { roles: ['village_head'], areas: [TAMPO] },
    });

    // Act + Assess: it runs through its chain like any regency service
    const service = { ...findService('SPER'), code: 'OLAHRAGA' } as ServiceDefinition;
    const submitted = await submit(citizen, service, TAMPO, { ...sampleApplication('SPER') });
    const { request } = await approveThroughChain(service, submitted.id, staff, citizen);
    expect(request.status).toBe('ISSUED');
  });

  it('refuses a village programme from someone outside the village, and one that reuses a regency code', async () => {
    const sawooHead = await ApiClient.signIn(runtime, 'kades.sawoo');
    const definition = { ...findService('SPER'), code: 'ADAT', family: 'village-programme' };
    expect(
      (await sawooHead.send('PUT', `/v1/villages/${TAMPO}/services/ADAT`, JSON.stringify(definition))).status,
    ).toBe(403);
    const reused = { ...findService('SPER'), family: 'village-programme' };
    expect(
      (await staff.village_head?.send('PUT', `/v1/villages/${TAMPO}/services/SPER`, JSON.stringify(reused)))
        ?.status,
    ).toBe(409);
  });

  it('lets nobody but the waiting role decide (the camat cannot skip the village head)', async () => {
    const service = findService('IUMK');
    const submitted = await submit(citizen, service, TAMPO, { ...sampleApplication('IUMK') });
    const waiting: RequestState = await settled(citizen, submitted.id);
    expect(waiting.stage?.role).toBe('operator');
    const skipped = await staff.district_head?.post(`/v1/requests/${submitted.id}/decisions`, {
      decision: 'approve',
      note: '',
    });
    expect(skipped?.status).toBe(403);
  });

  it('knows the demo population used above', () => {
    expect(TAMPO_PEOPLE.kkHead.name).toBe('Budi Santoso');
  });
});
