import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../functions/api/openapi.js';
import { ROUTES } from '../../../functions/api/routes.js';

type Operation = {
  security: Record<string, string[]>[];
  'x-allowed-roles'?: string[];
  'x-row-rule'?: string;
};

describe('the OpenAPI document', () => {
  const document = openApiDocument();
  const operationOf = (route: (typeof ROUTES)[number]) =>
    (document.paths[route.path] as Record<string, Operation>)[route.method.toLowerCase()] as Operation;

  it('says, for every route, who may call it: no one signed in, people by role, agencies by scope', () => {
    for (const route of ROUTES) {
      const operation = operationOf(route);
      if (route.access === 'public') {
        expect(operation.security, route.id).toEqual([]);
        continue;
      }
      expect(operation.security[0], route.id).toEqual({ jwt: [] });
      expect(operation['x-allowed-roles'], route.id).toEqual(route.access);
      expect(operation['x-row-rule'], route.id).toBe(route.rows);
      const machine = operation.security.find((requirement) => 'agencySystem' in requirement);
      expect(machine?.agencySystem, route.id).toEqual(route.machineScopes);
    }
  });

  it('documents every scope an agency system may hold', () => {
    const scopes = Object.keys(
      (document.components.securitySchemes.agencySystem.flows.clientCredentials as { scopes: object }).scopes,
    );
    const used = new Set(ROUTES.flatMap((route) => route.machineScopes ?? []));
    expect(scopes.sort()).toEqual([...used].sort());
  });
});
