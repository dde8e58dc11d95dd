import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { agencyGrant } from '../core/identity/policy.js';
import { type Actor, isRole, type Role } from '../core/identity/roles.js';

type Claims = Record<string, unknown>;

/**
 * The caller from the JWT claims API Gateway has already verified (signature, issuer, audience, expiry).
 * HTTP APIs pass array claims as "[a b]" strings; both shapes are accepted.
 * - A person signs in with an ID token: role from `cognito:groups`, area from `custom:area`. Staff whose
 *   MFA is not set up yet get `mfa_setup_required` from the pre-token trigger and no role at all.
 * - An agency's system uses an access token from the client-credentials grant: no user, only `client_id`
 *   and `scope`; its agency and area come from its agency scope (policy.agencyGrant).
 */
export function actorFromClaims(event: APIGatewayProxyEventV2WithJWTAuthorizer): Actor | undefined {
  const claims = event.requestContext.authorizer?.jwt?.claims as Claims | undefined;
  if (!claims?.sub) return undefined;
  const origin = originOf(event);
  if (claims.token_use === 'access' && claims.client_id && !claims.username) {
    return machineActor(claims, origin);
  }
  const groups = listClaim(claims['cognito:groups']).filter(isRole) as Role[];
  const agency = claims['custom:agency'] ? String(claims['custom:agency']) : undefined;
  // An agency officer without an agency is no one in that role (fail closed); their other groups still
  // count, but never fall back to citizen: a staff account is not a citizen's.
  const held = groups.filter((role) => role !== 'agency_officer' || agency !== undefined);
  const roles: Role[] = claims.mfa_setup_required === 'true' ? [] : groups.length > 0 ? held : ['citizen'];
  return {
    subject: String(claims.sub),
    name: String(claims.name ?? claims['cognito:username'] ?? claims.sub),
    roles,
    areas: listClaim(claims['custom:area']),
    ...(agency ? { agency } : {}),
    origin,
  };
}

function machineActor(claims: Claims, origin: Origin): Actor {
  const scopes = listClaim(claims.scope);
  const grant = agencyGrant(scopes);
  const clientId = String(claims.client_id);
  return {
    subject: `client:${clientId}`,
    name: grant ? `Sistem ${grant.agency}` : `client ${clientId}`,
    // Without an agency scope a client is no one: every route denies it.
    roles: grant ? ['agency_officer'] : [],
    areas: grant?.areas ?? [],
    ...(grant ? { agency: grant.agency } : {}),
    client: { id: clientId, scopes },
    origin,
  };
}

export type Origin = NonNullable<Actor['origin']>;

/** The header CloudFront adds to every request it sends to the API (lib/constructs/web.ts). */
export const ORIGIN_VERIFY_HEADER = 'X-Origin-Verify';
/** Where the functions find the value that header must carry (lib/constructs/api.ts). */
export const ORIGIN_VERIFY_ENV = 'ORIGIN_VERIFY_SECRET';

/**
 * Where the call came from, for per-address rate limits and the audit trail. Behind CloudFront (the web
 * distribution serves /v1/* and forwards viewer headers) API Gateway's sourceIp is an edge, and CloudFront
 * names the viewer in CloudFront-Viewer-Address ("ip:port"). But the execute-api endpoint is also reachable
 * directly (agencies' systems call it), and there anyone can send that header: it is trusted only when the
 * call also carries the distribution's secret in X-Origin-Verify (compared in constant time). Otherwise,
 * and whenever no secret is configured, the source IP is the caller's.
 */
export function originOf(
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  secret: string | undefined = process.env[ORIGIN_VERIFY_ENV],
): Origin {
  // API Gateway always sets http; a hand-built event may not, and then the address is unknown.
  const http = event.requestContext.http as Partial<typeof event.requestContext.http> | undefined;
  const headers = event.headers ?? {};
  const viewer = cameThroughCloudFront(headers[ORIGIN_VERIFY_HEADER.toLowerCase()], secret)
    ? headers['cloudfront-viewer-address']?.replace(/:\d+$/, '')
    : undefined;
  return {
    ip: viewer || http?.sourceIp || 'unknown',
    ...(http?.userAgent ? { userAgent: http.userAgent } : {}),
  };
}

/** Digests make the comparison constant-time whatever the lengths. */
function cameThroughCloudFront(given: string | undefined, secret: string | undefined): boolean {
  if (!secret || given === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(secret));
}

function listClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value === '') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}
