import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { actorFromClaims } from '../../../functions/api/actor.js';

const withClaims = (claims: Record<string, unknown>) =>
  ({
    headers: {},
    requestContext: { http: { sourceIp: '36.85.1.2' }, authorizer: { jwt: { claims } } },
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

describe('the caller, from verified claims', () => {
  it('gives an agency officer the agency their custom:agency names', () => {
    const actor = actorFromClaims(
      withClaims({
        sub: 'u1',
        'cognito:groups': '[agency_officer]',
        'custom:area': '35.10',
        'custom:agency': 'kesmas',
      }),
    );
    expect(actor).toMatchObject({ roles: ['agency_officer'], areas: ['35.10'], agency: 'kesmas' });
  });

  it('makes an agency officer without custom:agency no one: no role at all, not even citizen', () => {
    const actor = actorFromClaims(
      withClaims({ sub: 'u2', 'cognito:groups': '[agency_officer]', 'custom:area': '35.10' }),
    );
    expect(actor?.roles).toEqual([]);
    expect(actor).not.toHaveProperty('agency');
  });

  it('keeps the other roles of a person whose agency officer group lacks an agency', () => {
    const actor = actorFromClaims(
      withClaims({
        sub: 'u3',
        'cognito:groups': '[operator agency_officer]',
        'custom:area': '35.10.06.2001',
      }),
    );
    expect(actor?.roles).toEqual(['operator']);
  });
});
