import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_VILLAGES } from '../../config/villages.js';
import { decisionBody, submitRequestBody } from '../../functions/api/schemas.js';
import { applicationSchema } from '../../functions/core/catalog/application-schema.js';
import { SERVICE_CATALOG } from '../../functions/core/catalog/index.js';
import { appliedForByPeople } from '../../functions/core/catalog/service-catalog.js';
import { heavyTestFile } from '../support/budgets.js';
import { TAMPO } from '../support/fixtures.js';
import { ApiClient, eventually } from '../support/runtime.js';
import { attachAll, requiredRequirements } from '../support/uploads.js';
import {
  badFamilyCard,
  badNik,
  jsonSchemaOf,
  mutations,
  notAnObject,
  notJson,
  validApplication,
} from './generators.js';
import { type ReliabilityRuntime, startRuntime, submission, tokenFor } from './support.js';

// Heavy: budgets that hold when other test runs share the two cores (test/support/budgets.ts).
heavyTestFile();

/**
 * Bodies per concurrent batch, and batches per route: 10,000 invalid bodies in all. A failing batch ends the
 * run without shrinking (50 bodies a step would take minutes): its assertion message names the body.
 */
const BATCH = 50;
const INVALID_SUBMISSIONS = 7000;
const INVALID_DECISIONS = 3000;
const VALID_SUBMISSIONS = 100;

/** Stack-trace text that must never reach a caller (not just "at ", which "at least" also contains). */
const STACK_TRACE = [
  /\n\s+at\s/,
  /\bat\s+\S+\s+\([^)]*:\d+:\d+\)/,
  /\.(?:ts|js|mjs|cjs):\d+/,
  /node_modules|node:internal/,
];

type Sent = { readonly status: number; readonly text: string };

/**
 * The citizens' and staff's bodies, generated from the routes' zod schemas (see generators.ts). The office's own
 * services (legal products, audience 'office') are drafted by the village secretary, not by the citizen who
 * sends these: the e2e legal products test covers them.
 */
const servicesWithVillages = SERVICE_CATALOG.filter(appliedForByPeople)
  .map((service) => ({
    service,
    villages: DEMO_VILLAGES.filter((village) => village.services.includes(service.code)).map(
      (village) => village.code,
    ),
  }))
  .filter(({ villages }) => villages.length > 0);

const validSubmission = fc.constantFrom(...servicesWithVillages).chain(({ service, villages }) =>
  fc.record({
    serviceCode: fc.constant(service.code),
    villageCode: fc.constantFrom(...villages),
    data: validApplication(service),
  }),
);

/** What the API accepts, said by the same schemas it validates with (plus the catalog and the villages). */
function isValidSubmission(body: unknown): boolean {
  const parsed = submitRequestBody.safeParse(body);
  if (!parsed.success) return false;
  const service = SERVICE_CATALOG.find((candidate) => candidate.code === parsed.data.serviceCode);
  const village = DEMO_VILLAGES.find((candidate) => candidate.code === parsed.data.villageCode);
  if (!service || !village?.services.includes(service.code)) return false;
  return applicationSchema(service).safeParse(parsed.data.data).success;
}

/** Field-type-specific breakage (rules JSON Schema cannot carry), for every such field of the catalog. */
const BAD_BY_FIELD_TYPE: Readonly<Record<string, fc.Arbitrary<unknown>>> = {
  nik: badNik,
  familyCard: badFamilyCard,
};
const nikFields = Object.fromEntries(
  SERVICE_CATALOG.flatMap((service) => service.fields).flatMap((field) => {
    const bad = BAD_BY_FIELD_TYPE[field.type];
    return bad ? [[`data.${field.name}`, bad] as const] : [];
  }),
);

/** The submission schema's own `data` is an open record: describe it as the services' forms for mutating. */
const submissionSchema = (() => {
  const schema = jsonSchemaOf(submitRequestBody);
  const [first] = servicesWithVillages;
  const data = first ? jsonSchemaOf(applicationSchema(first.service)) : {};
  return { ...schema, properties: { ...schema.properties, data } };
})();

const invalidSubmission = fc.oneof(
  { weight: 8, arbitrary: mutations(validSubmission, submissionSchema, isValidSubmission, nikFields) },
  { weight: 1, arbitrary: notAnObject },
  { weight: 1, arbitrary: notJson.map((text) => ({ raw: text })) },
);

const validDecision = fc.record(
  {
    decision: fc.constant('approve'),
    note: fc.string({ maxLength: 50 }),
    stage: fc.constant('verify'),
  },
  { requiredKeys: ['decision'] },
);
const isValidDecision = (body: unknown) => decisionBody.safeParse(body).success;
const invalidDecision = fc.oneof(
  { weight: 8, arbitrary: mutations(validDecision, jsonSchemaOf(decisionBody), isValidDecision) },
  { weight: 1, arbitrary: notAnObject },
  { weight: 1, arbitrary: notJson.map((text) => ({ raw: text })) },
);
/**
 * Request ids the route's params schema refuses (sent URL-encoded). Dot segments are left out: URLs resolve
 * them away, so no route matches and the gateway (as API Gateway) answers its own 404.
 */
const badRequestId = fc
  .oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.stringMatching(/^[0-9A-Z]{25,27}$/))
  .filter((id) => !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(id) && !/^\.{1,2}$/.test(id));

describe('the API under 10,000 generated invalid bodies', () => {
  let runtime: ReliabilityRuntime;
  let citizenToken: string;
  let operatorToken: string;
  let waitingId: string;

  beforeAll(async () => {
    runtime = await startRuntime();
    citizenToken = await tokenFor(runtime, {
      username: 'warga.generated',
      name: 'Warga',
      role: 'citizen',
      areas: [],
    });
    operatorToken = await tokenFor(runtime, {
      username: 'operator.generated',
      name: 'Operator',
      role: 'operator',
      areas: [TAMPO],
    });
    // a request waiting for the operator, for the decisions
    const created = await send(
      citizenToken,
      '/v1/requests',
      await submission(new ApiClient(runtime.url, citizenToken)),
    );
    waitingId = JSON.parse(created.text).id;
    await eventually('the verify stage', async () => {
      const response = await fetch(`${runtime.url}/v1/requests/${waitingId}`, {
        headers: { authorization: `Bearer ${operatorToken}` },
      });
      const body = (await response.json()) as { stage?: { dueAt?: string } };
      return body.stage?.dueAt ? true : undefined;
    });
  });
  afterAll(() => runtime?.cleanup());

  async function send(token: string, path: string, body: unknown): Promise<Sent> {
    const raw =
      body && typeof body === 'object' && 'raw' in body ? String((body as { raw: string }).raw) : undefined;
    const response = await fetch(`${runtime.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: raw ?? JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  }

  /** A 4xx with a bilingual JSON error and nothing of the server's insides. */
  function expectRefusal(sent: Sent, body: unknown) {
    const what = `${sent.status} for ${JSON.stringify(body)?.slice(0, 300)}: ${sent.text.slice(0, 300)}`;
    expect(sent.status, what).toBeGreaterThanOrEqual(400);
    expect(sent.status, what).toBeLessThan(500);
    for (const pattern of STACK_TRACE) expect(sent.text, what).not.toMatch(pattern);
    const parsed = JSON.parse(sent.text) as {
      error?: { code?: unknown; message?: { id?: unknown; en?: unknown } };
    };
    expect(typeof parsed.error?.code, what).toBe('string');
    expect(parsed.error?.message?.id, what).toEqual(expect.any(String));
    expect(parsed.error?.message?.en, what).toEqual(expect.any(String));
    expect(String(parsed.error?.message?.id).length, what).toBeGreaterThan(0);
    expect(String(parsed.error?.message?.en).length, what).toBeGreaterThan(0);
  }

  it('answers every invalid submission with a 4xx and a bilingual error, never a 5xx or a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(invalidSubmission, { minLength: BATCH, maxLength: BATCH }),
        async (bodies) => {
          const sent = await Promise.all(bodies.map((body) => send(citizenToken, '/v1/requests', body)));
          for (const [index, response] of sent.entries()) expectRefusal(response, bodies[index]);
        },
      ),
      { numRuns: INVALID_SUBMISSIONS / BATCH, endOnFailure: true },
    );
  });

  it('answers every invalid decision (body or request id) with a 4xx and a bilingual error, and decides nothing', async () => {
    const target = fc.oneof(
      { weight: 9, arbitrary: fc.constant(() => waitingId) },
      { weight: 1, arbitrary: badRequestId.map((id) => () => encodeURIComponent(id)) },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(target, invalidDecision), { minLength: BATCH, maxLength: BATCH }),
        async (cases) => {
          const sent = await Promise.all(
            cases.map(([id, body]) => send(operatorToken, `/v1/requests/${id()}/decisions`, body)),
          );
          for (const [index, response] of sent.entries()) expectRefusal(response, cases[index]?.[1]);
        },
      ),
      { numRuns: INVALID_DECISIONS / BATCH, endOnFailure: true },
    );
    const response = await fetch(`${runtime.url}/v1/requests/${waitingId}`, {
      headers: { authorization: `Bearer ${operatorToken}` },
    });
    expect(((await response.json()) as { status: string }).status).toBe('IN_REVIEW');
  });

  it('accepts generated valid submissions with 201, and their workflows go on without failing', async () => {
    const accepted: string[] = [];
    const citizen = new ApiClient(runtime.url, citizenToken);
    await fc.assert(
      fc.asyncProperty(
        fc.array(validSubmission, { minLength: BATCH, maxLength: BATCH }),
        async (generated) => {
          // the required persyaratan, uploaded for each body (uploads are part of a valid submission)
          const bodies = await Promise.all(
            generated.map(async (body) => ({
              ...body,
              attachments: await attachAll(
                citizen,
                body.serviceCode,
                requiredRequirements(body.serviceCode),
                body.villageCode,
              ),
            })),
          );
          const sent = await Promise.all(bodies.map((body) => send(citizenToken, '/v1/requests', body)));
          sent.forEach((response, index) => {
            expect(response.status, `${JSON.stringify(bodies[index])}: ${response.text.slice(0, 300)}`).toBe(
              201,
            );
            accepted.push(JSON.parse(response.text).id);
          });
        },
      ),
      { numRuns: VALID_SUBMISSIONS / BATCH, endOnFailure: true },
    );
    // the workflow takes each one on: it waits for a person or has ended (returned by a registry check), never FAILED
    const executions = await Promise.all(
      accepted.map((id) =>
        runtime.stepFunctions.waitFor(
          id,
          (record) => record.waiting.length > 0 || record.status !== 'RUNNING',
          60_000,
        ),
      ),
    );
    expect(executions.filter((execution) => !['RUNNING', 'SUCCEEDED'].includes(execution.status))).toEqual(
      [],
    );
    await new Promise((resolve) => setTimeout(resolve, 500)); // let the stage-opening writes land before stopping
  });
});
