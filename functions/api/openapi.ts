import * as z from 'zod/mini';
import { MACHINE_SCOPES } from '../core/identity/policy.js';
import type { RouteDefinition } from './route-types.js';
import { ROUTES } from './routes.js';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, unknown>; required?: string[] };

/** OpenAPI 3.1 for API v1, generated from the route table and its zod schemas (never written by hand). */
export function openApiDocument(routes: readonly RouteDefinition[] = ROUTES) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    const operations = paths[route.path] as Record<string, unknown>;
    operations[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Desa Digital API',
      version: '1.0.0',
      description:
        'Village public services online: submit a request, follow it through its approval chain, download and verify the issued letter. Messages come in Indonesian (id) and English (en).',
    },
    components: {
      securitySchemes: {
        jwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Cognito ID token (AWS) or local issuer token',
        },
        agencySystem: {
          type: 'oauth2',
          description:
            "An agency's system (client credentials). Its agency and area come from its scope agency:<agency>:<area>. Locally: POST /local/oauth2/token.",
          flows: {
            clientCredentials: {
              tokenUrl: 'https://desa-digital-<deployment>.auth.<region>.amazoncognito.com/oauth2/token',
              scopes: Object.fromEntries(
                Object.values(MACHINE_SCOPES).map((scope) => [
                  scope,
                  `May call the routes that list ${scope}`,
                ]),
              ),
            },
          },
        },
      },
    },
    paths,
  };
}

function operation(route: RouteDefinition) {
  return {
    operationId: route.id,
    summary: route.summary,
    tags: route.tags,
    ...(route.access === 'public'
      ? { security: [] }
      : {
          security: [
            { jwt: [] },
            ...(route.machineScopes ? [{ agencySystem: [...route.machineScopes] }] : []),
          ],
          'x-allowed-roles': route.access,
          // Which records of those the caller may touch (functions/core/identity/policy.ts).
          'x-row-rule': route.rows,
        }),
    parameters: [
      ...parameters(route.params, 'path'),
      ...parameters(route.query, 'query'),
      ...(route.headers ?? []).map((header) => ({ ...header, in: 'header', schema: { type: 'string' } })),
    ],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
          },
        }
      : {}),
    ...(route.rawBody
      ? {
          requestBody: {
            required: true,
            description: route.rawBody.description,
            content: Object.fromEntries(
              route.rawBody.contentTypes.map((type) => [
                type,
                { schema: { type: 'string', contentMediaType: type } },
              ]),
            ),
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, response]) => [
        status,
        {
          description: response.description,
          ...(response.schema
            ? {
                content: {
                  [response.contentType ?? 'application/json']: {
                    schema: jsonSchema(response.schema, 'output'),
                  },
                },
              }
            : {}),
        },
      ]),
    ),
  };
}

function parameters(schema: z.ZodMiniType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema, 'input');
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.includes(name),
    schema: property,
  }));
}

function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}
