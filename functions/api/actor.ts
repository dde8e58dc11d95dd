import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { type Actor, isRole, type Role } from '../core/roles.js';

/**
 * The caller from the JWT claims API Gateway has already verified (signature, issuer, audience, expiry).
 * HTTP APIs pass array claims as "[a b]" strings; both shapes are accepted.
 */
export function actorFromClaims(event: APIGatewayProxyEventV2WithJWTAuthorizer): Actor | undefined {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  if (!claims?.sub) return undefined;
  const roles = listClaim(claims['cognito:groups']).filter(isRole) as Role[];
  return {
    subject: String(claims.sub),
    name: String(claims.name ?? claims['cognito:username'] ?? claims.sub),
    roles: roles.length > 0 ? roles : ['citizen'],
    areas: listClaim(claims['custom:area']),
    ...(claims['custom:agency'] ? { agency: String(claims['custom:agency']) } : {}),
  };
}

function listClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value === '') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}
