import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findService } from '../../../functions/core/catalog/index.js';
import { districtHeadSigns, villageHeadRecommends } from '../../../functions/core/catalog/services/common.js';
import type { ServiceDefinition } from '../../../functions/core/catalog/types.js';
import { text } from '../../../functions/core/shared/text.js';
import { approveThroughChain, stageOpen, submit } from '../../support/chain.js';
import { TAMPO } from '../../support/fixtures.js';
import { type ApiClient, signInAll, startTestRuntime, tableItems } from '../../support/runtime.js';
import { sampleApplication } from '../../support/samples.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;

/**
 * Editing a service while requests are in flight (issue 15 item 7). A village's own programme is edited live
 * through the API, the way a regency service is edited by a deploy: both change the definition the catalog
 * answers with. A request keeps the version it was submitted under, so the edit neither strands it (its
 * stage is gone) nor reroutes it (its next stage changed); new requests follow the new chain.
 */
describe('a service edited while a request is in flight', () => {
  let runtime: Runtime;
  let citizen: ApiClient;
  let staff: Record<string, ApiClient>;

  // The village's sport programme letter: the operator checks it, the village head signs.
  const before: ServiceDefinition = {
    ...findService('SPER'),
    code: 'OLAHRAGA',
    family: 'village-programme',
    name: text('Rekomendasi Atlet Desa', 'Village Athlete Recommendation'),
  };
  // Edited: the operator's check is gone; the village head recommends and the camat signs.
  const after: ServiceDefinition = {
    ...before,
    stages: [
      villageHeadRecommends(8, text('Rekomendasi Kepala Desa', 'Village head recommends')),
      districtHeadSigns(16),
    ],
  };
  const put = (service: ServiceDefinition) =>
    staff.village_head?.send(
      'PUT',
      `/v1/villages/${TAMPO}/services/${service.code}`,
      JSON.stringify(service),
    );

  beforeAll(async () => {
    runtime = await startTestRuntime();
    const [c, operator, head, camat] = await signInAll(runtime, [
      'warga.tampo',
      'operator.tampo',
      'kades.tampo',
      'camat.cluring',
    ]);
    citizen = c;
    staff = { operator, village_head: head, district_head: camat };
  }, 10 * 60_000); // starting the runtime on a busy 2-core machine takes minutes
  afterAll(() => runtime?.cleanup());

  it(
    'finishes the request along the chain it started on, while a new request follows the new chain',
    async () => {
      expect((await put(before))?.status).toBe(200);
      const inFlight = await submit(citizen, before, TAMPO, { ...sampleApplication('SPER') });
      await stageOpen(citizen, inFlight.id, 'verify');

      const edited = await put(after);
      expect(edited?.status, JSON.stringify(edited?.body)).toBe(200);
      const fresh = await submit(citizen, after, TAMPO, { ...sampleApplication('SPER') });
      await stageOpen(citizen, fresh.id, 'recommend');

      // The request in flight is not stranded (its operator stage is gone) nor rerouted to the camat.
      const old = await approveThroughChain(before, inFlight.id, staff, citizen);
      expect(old.deciders).toEqual(['operator', 'village_head']);
      expect(old.request.status).toBe('ISSUED');
      const renewed = await approveThroughChain(after, fresh.id, staff, citizen);
      expect(renewed.deciders).toEqual(['village_head', 'district_head']);
      expect(renewed.request.status).toBe('ISSUED');

      // Each version was stored once, as requests were submitted under it.
      const versions = (await tableItems(runtime))
        .map((item) => unmarshall(item as Record<string, AttributeValue>))
        .filter((item) => String(item.pk).startsWith('SERVICEVERSION#OLAHRAGA#'))
        .map((item) => (item.definition as ServiceDefinition).stages.map((stage) => stage.key));
      expect(versions.sort()).toEqual([
        ['recommend', 'district-sign'],
        ['verify', 'sign'],
      ]);
    },
    5 * 60_000,
  );

  it(
    "takes a returned request's correction by the form it was submitted with, not a field added since",
    async () => {
      const youth = {
        ...before,
        code: 'PEMUDA',
        name: text('Rekomendasi Karang Taruna', 'Youth Club Letter'),
      };
      expect((await put(youth))?.status).toBe(200);
      const returned = await submit(citizen, youth, TAMPO, { ...sampleApplication('SPER') });
      await stageOpen(citizen, returned.id, 'verify');
      await staff.operator?.post(`/v1/requests/${returned.id}/decisions`, {
        decision: 'return',
        note: 'Foto KTP buram',
      });
      await stageOpen(citizen, returned.id, 'resubmission');

      // The programme now asks for the applicant's club, required.
      const club = { name: 'club', type: 'text', label: text('Nama klub', 'Club'), required: true } as const;
      expect((await put({ ...youth, fields: [...youth.fields, club] }))?.status).toBe(200);

      const { body } = await citizen.get<{ correction?: { fields: { name: string }[] } }>(
        `/v1/requests/${returned.id}`,
      );
      expect(body.correction?.fields.map((field) => field.name)).toEqual(
        youth.fields.map((field) => field.name),
      );
      const corrected = await citizen.post(`/v1/requests/${returned.id}/resubmission`, {
        data: { ...sampleApplication('SPER') },
      });
      expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
      expect((await stageOpen<{ stage: { key: string } }>(citizen, returned.id, 'verify')).stage.key).toBe(
        'verify',
      );
    },
    5 * 60_000,
  );
});
