import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeJwt, generateKeyPair, importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS } from '../../config/demo-clients.js';
import { DEMO_PASSWORD } from '../../config/demo-users.js';
import { findService } from '../../functions/core/catalog/index.js';
import { LOCAL_AUDIENCE } from '../../lib/local/issuer.js';
import { submit } from '../support/chain.js';
import { SAWOO, TAMPO } from '../support/fixtures.js';
import { ApiClient, signInMachine, startTestRuntime } from '../support/runtime.js';
import { sampleApplication } from '../support/samples.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type SigningKey = Parameters<SignJWT['sign']>[0];

/** A protected route that staff and agency systems (scope requests.read) may call. */
const TASKS = `/v1/tasks?village=${TAMPO}`;
const [kesmas, dukcapil] = DEMO_CLIENTS;

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Local identity parity (issue 4): the local gateway accepts exactly the tokens API Gateway's JWT
 * authorizer accepts (RS256 by the issuer's key, right issuer, not expired, `aud` or `client_id` in the
 * audience list), and the local issuer hands out Cognito-shaped tokens to people and to agencies' systems.
 */
describe('local identity', () => {
  let runtime: Runtime;
  let issuerKey: SigningKey;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    const { privateJwk } = JSON.parse(
      await readFile(join(runtime.dataDir, 'issuer', 'keys.json'), 'utf8'),
    ) as {
      privateJwk: JWK;
    };
    issuerKey = await importJWK(privateJwk, 'RS256');
  });
  afterAll(() => runtime?.cleanup());

  /** A token like the issuer's ID token for operator.tampo, with overrides. */
  const token = async (
    overrides: {
      claims?: JWTPayload;
      key?: SigningKey;
      kid?: string | null;
      expiresAt?: string | number;
    } = {},
  ) => {
    const header = {
      alg: 'RS256',
      typ: 'JWT',
      ...(overrides.kid === null ? {} : { kid: overrides.kid ?? 'local-1' }),
    };
    return new SignJWT({
      'cognito:username': 'operator.tampo',
      'cognito:groups': ['operator'],
      'custom:area': TAMPO,
      name: 'Rina Operator Tampo',
      token_use: 'id',
      iss: runtime.issuer.issuer,
      aud: LOCAL_AUDIENCE,
      ...overrides.claims,
    })
      .setProtectedHeader(header)
      .setSubject('local-operator.tampo')
      .setIssuedAt()
      .setExpirationTime(overrides.expiresAt ?? '1h')
      .sign(overrides.key ?? issuerKey);
  };
  const statusWith = async (value: string | undefined) =>
    (await new ApiClient(runtime.url, value).get(TASKS)).status;

  describe('the gateway, like the JWT authorizer', () => {
    it('accepts a well-formed token of the issuer (the control for the refusals below)', async () => {
      expect(await statusWith(await token())).toBe(200);
    });

    it('refuses a missing or malformed token with 401', async () => {
      expect(await statusWith(undefined)).toBe(401);
      expect(await statusWith('not-a-jwt')).toBe(401);
    });

    it('refuses an expired token with 401', async () => {
      const now = Math.floor(Date.now() / 1000);
      const expired = await token({ claims: { iat: now - 7200 }, expiresAt: now - 3600 });
      expect(decodeJwt(expired).exp).toBeLessThan(Date.now() / 1000);
      expect(await statusWith(expired)).toBe(401);
    });

    it('refuses a token signed by another key, even under the same key id, with 401', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      expect(await statusWith(await token({ key: privateKey }))).toBe(401);
    });

    it('refuses an unsigned token (alg: none) with 401', async () => {
      const payload = decodeJwt(await token());
      expect(await statusWith(`${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`)).toBe(401);
      expect(await statusWith(`${base64url({ alg: 'none' })}.${base64url(payload)}`)).toBe(401);
    });

    it('refuses a token without a key id with 401', async () => {
      expect(await statusWith(await token({ kid: null }))).toBe(401);
    });

    it('refuses a wrong audience with 401: aud when present, else client_id', async () => {
      expect(await statusWith(await token({ claims: { aud: 'someone-elses-app' } }))).toBe(401);
      // aud is evaluated when present, even if client_id would match
      expect(
        await statusWith(await token({ claims: { aud: 'someone-elses-app', client_id: LOCAL_AUDIENCE } })),
      ).toBe(401);
      expect(await statusWith(await token({ claims: { aud: undefined, client_id: 'unknown-client' } }))).toBe(
        401,
      );
      expect(await statusWith(await token({ claims: { aud: undefined } }))).toBe(401);
    });

    it('refuses a wrong issuer with 401', async () => {
      expect(
        await statusWith(await token({ claims: { iss: 'https://cognito-idp.example/other-pool' } })),
      ).toBe(401);
    });

    it('refuses a token issued in the future or not valid yet with 401', async () => {
      const later = Math.floor(Date.now() / 1000) + 600;
      expect(await statusWith(await token({ claims: { nbf: later } }))).toBe(401);
      const future = await new SignJWT({ ...decodeJwt(await token()), iat: later, exp: later + 3600 })
        .setProtectedHeader({ alg: 'RS256', kid: 'local-1' })
        .sign(issuerKey);
      expect(await statusWith(future)).toBe(401);
    });

    it('serves the JWKS the tokens are checked against', async () => {
      const jwks = (await (await fetch(`${runtime.url}/local/.well-known/jwks.json`)).json()) as {
        keys: JWK[];
      };
      expect(jwks.keys).toEqual([expect.objectContaining({ kid: 'local-1', alg: 'RS256', kty: 'RSA' })]);
      expect(jwks.keys[0]).not.toHaveProperty('d');
    });
  });

  describe('an agency officer whose token names no agency (custom:agency missing)', () => {
    it('is no one: no request of the area, no task list, no decision', async () => {
      const citizen = await ApiClient.signIn(runtime, 'warga.tampo');
      const { id } = await submit(citizen, findService('SKU'), TAMPO, { ...sampleApplication('SKU') });
      const claims = {
        'cognito:username': 'petugas.tanpa.instansi',
        'cognito:groups': ['agency_officer'],
        'custom:area': '35.10',
        name: 'Petugas Tanpa Instansi',
      };
      const adrift = new ApiClient(runtime.url, await token({ claims }));
      // The control: the same token naming an agency is an agency officer (its task list answers).
      const withAgency = new ApiClient(
        runtime.url,
        await token({ claims: { ...claims, 'custom:agency': 'kesmas' } }),
      );
      expect((await withAgency.get(TASKS)).status).toBe(200);

      const read = await adrift.get(`/v1/requests/${id}`);
      expect(read.status).toBe(403);
      expect(Object.keys(read.body).every((key) => key === 'error' || key === 'message')).toBe(true);
      expect(JSON.stringify(read.body)).not.toContain(String(sampleApplication('SKU').fullName));
      expect((await adrift.get(TASKS)).status).toBe(403);
      const decision = await adrift.post(`/v1/requests/${id}/decisions`, { decision: 'approve', note: 'x' });
      expect(decision.status).toBe(403);
    });
  });

  describe('people sign in at /local/token', () => {
    it("with ID tokens shaped like Cognito's, claims from the user pool", async () => {
      const response = await fetch(`${runtime.url}/local/token`, {
        method: 'POST',
        body: new URLSearchParams({ username: 'kesmas.ponorogo', password: DEMO_PASSWORD }),
      });
      expect(response.status).toBe(200);
      expect(decodeJwt(await response.text())).toMatchObject({
        sub: 'local-kesmas.ponorogo',
        token_use: 'id',
        aud: LOCAL_AUDIENCE,
        iss: runtime.issuer.issuer,
        'cognito:username': 'kesmas.ponorogo',
        'cognito:groups': ['agency_officer'],
        'custom:area': '35.02',
        'custom:agency': 'kesmas',
      });
    });

    it('refuses a wrong password or an unknown user with 401', async () => {
      for (const form of [
        { username: 'operator.tampo', password: 'wrong' },
        { username: 'nobody.here', password: DEMO_PASSWORD },
      ]) {
        const response = await fetch(`${runtime.url}/local/token`, {
          method: 'POST',
          body: new URLSearchParams(form),
        });
        expect(response.status).toBe(401);
      }
    });
  });

  describe("agencies' systems, with the client-credentials grant at /local/oauth2/token", () => {
    const grant = (form: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${runtime.url}/local/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(form),
      });

    it("get access tokens like Cognito's: token_use access, client_id, sub = client id, scope, no aud", async () => {
      const response = await grant({
        grant_type: 'client_credentials',
        client_id: kesmas?.clientId ?? '',
        client_secret: kesmas?.clientSecret ?? '',
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        access_token: string;
        token_type: string;
        expires_in: number;
      };
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
      const claims = decodeJwt(body.access_token);
      expect(claims).toMatchObject({
        token_use: 'access',
        client_id: 'kesmas-banyuwangi',
        sub: 'kesmas-banyuwangi',
        scope: kesmas?.scopes.join(' '),
        iss: runtime.issuer.issuer,
      });
      expect(claims).not.toHaveProperty('aud');
      expect(claims).not.toHaveProperty('username');
    });

    it('may call a route that lists their scope, in their area only', async () => {
      const system = await signInMachine(runtime, kesmas?.clientId ?? '', kesmas?.clientSecret ?? '');
      const tasks = await system.get<{ items: unknown[] }>(TASKS);
      expect(tasks.status, JSON.stringify(tasks.body)).toBe(200);
      expect((await system.get(`/v1/tasks?village=${SAWOO}`)).status).toBe(403);
    });

    it('are refused (403) on a route without machine scopes, or without the scope it lists', async () => {
      const system = await signInMachine(runtime, dukcapil?.clientId ?? '', dukcapil?.clientSecret ?? '');
      expect((await system.get(`/v1/stats?village=${TAMPO}`)).status).toBe(403);
      expect((await system.get(`/v1/requests?village=${TAMPO}`)).status).toBe(403);
      const narrow = await signInMachine(
        runtime,
        kesmas?.clientId ?? '',
        kesmas?.clientSecret ?? '',
        'desa-digital/agency:kesmas:35.10',
      );
      expect((await narrow.get(TASKS)).status).toBe(403);
    });

    it('authenticate with HTTP Basic as well as in the form', async () => {
      const basic = Buffer.from(`${kesmas?.clientId}:${kesmas?.clientSecret}`).toString('base64');
      const response = await grant({ grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
      expect(response.status).toBe(200);
    });

    it('are refused a token for a wrong secret or an unknown client (401), a bad grant or scope (400)', async () => {
      const wrongSecret = await grant({
        grant_type: 'client_credentials',
        client_id: kesmas?.clientId ?? '',
        client_secret: 'guess',
      });
      expect(wrongSecret.status).toBe(401);
      expect(await wrongSecret.json()).toMatchObject({ error: 'invalid_client' });
      expect(
        (await grant({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' })).status,
      ).toBe(401);
      const password = await grant({
        grant_type: 'password',
        client_id: kesmas?.clientId ?? '',
        client_secret: kesmas?.clientSecret ?? '',
      });
      expect(password.status).toBe(400);
      expect(await password.json()).toMatchObject({ error: 'unsupported_grant_type' });
      const scope = await grant({
        grant_type: 'client_credentials',
        client_id: kesmas?.clientId ?? '',
        client_secret: kesmas?.clientSecret ?? '',
        scope: 'desa-digital/agency:kesmas:35.02',
      });
      expect(scope.status).toBe(400);
      expect(await scope.json()).toMatchObject({ error: 'invalid_scope' });
    });
  });
});
