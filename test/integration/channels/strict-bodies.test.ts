import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../../config/demo-users.js';
import type { RouteDefinition } from '../../../functions/api/route-types.js';
import { ROUTES } from '../../../functions/api/routes.js';
import { coversVillage } from '../../../functions/core/identity/roles.js';
import { TAMPO } from '../../support/fixtures.js';
import { ApiClient, startTestRuntime } from '../../support/runtime.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type ErrorBody = { error: { code: string; issues?: { field: string }[] } };

/** Well-formed path parameters, so that the body is what the route refuses. */
const PARAMS: Record<string, string> = {
  id: '01J0000000000000000000000A',
  documentId: '01J0000000000000000000000A',
  attachmentId: '01J0000000000000000000000B',
  code: TAMPO,
  serviceCode: 'OLAHRAGA',
  regencyCode: '35.10',
  year: '2026',
  semester: '1',
};

const JSON_BODY_ROUTES = ROUTES.filter((route) => route.body !== undefined);

/** A demo account the route admits, in Tampo's area where the route is about a village. */
function callerFor(route: RouteDefinition): string | undefined {
  if (route.access === 'public') return undefined;
  const access = route.access;
  const admitted = DEMO_USERS.filter((user) => access.includes(user.role));
  const local = admitted.find(
    (user) => user.areas.length === 0 || user.areas.some((area) => coversVillage(area, TAMPO)),
  );
  return (local ?? admitted[0])?.username;
}

/**
 * Every JSON body of the API is strict (issue 4): an unknown field — `status`, `approvedBy`, or a
 * `villageCode` where the body has none — is refused with a 400 that names it, on every route with a body.
 */
describe('every route body refuses unknown fields', () => {
  let runtime: Runtime;

  beforeAll(async () => {
    runtime = await startTestRuntime();
  });
  afterAll(() => runtime?.cleanup());

  it('covers routes with a JSON body', () => {
    expect(JSON_BODY_ROUTES.map((route) => route.id)).toEqual(
      expect.arrayContaining(['submitRequest', 'decideRequest', 'linkNik', 'trackRequest']),
    );
  });

  // The fields a caller would most like to set; villageCode only where the body does not take it.
  const FORGED = ['status', 'approvedBy', 'villageCode'] as const;
  const cases = JSON_BODY_ROUTES.flatMap((route) =>
    FORGED.filter((field) => !(field in ((route.body as { shape?: object }).shape ?? {}))).map(
      (field) => [route.id, field, route] as const,
    ),
  );

  it.each(cases)('%s: 400 naming "%s"', async (_id, field, route) => {
    // Prepare
    const username = callerFor(route);
    if (route.access !== 'public' && !username) throw new Error(`no demo account may call ${route.id}`);
    const client = username ? await ApiClient.signIn(runtime, username) : new ApiClient(runtime.url);
    const path = route.path.replace(/\{(\w+)\}/g, (_all, name: string) => PARAMS[name] ?? 'x');
    // Act
    const response = await client.send<ErrorBody>(route.method, path, JSON.stringify({ [field]: 'ISSUED' }));
    // Assess
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(response.body.error.issues?.map((issue) => issue.field)).toContain(field);
  });
});
