import { z } from 'zod';
import { STAFF_ROLES } from '../core/roles.js';
import type { RouteDefinition } from './route-types.js';
import {
  decisionBody,
  documentIdParams,
  documentLink,
  errorResponse,
  listRequestsQuery,
  requestIdParams,
  requestPage,
  requestView,
  serviceSummary,
  submitRequestBody,
  verification,
  villageView,
} from './schemas.js';

const DECIDERS = STAFF_ROLES;
const error = (description: string) => ({ description, schema: errorResponse });

/** API v1 routes. Each is a const so handlers keep its schema types; ROUTES lists them all. */
export const listServices = {
  id: 'listServices',
  method: 'GET',
  path: '/v1/services',
  access: 'public',
  entry: 'functions/api/list-services.ts',
  summary: 'The service catalog: each service with its form, requirements, approval chain and target time.',
  tags: ['catalog'],
  needs: [],
  responses: { 200: { description: 'All services', schema: z.object({ items: z.array(serviceSummary) }) } },
} as const satisfies RouteDefinition;

export const listVillages = {
  id: 'listVillages',
  method: 'GET',
  path: '/v1/villages',
  access: 'public',
  entry: 'functions/api/list-villages.ts',
  summary: 'Villages served by this deployment.',
  tags: ['catalog'],
  needs: ['table:read'],
  responses: { 200: { description: 'All villages', schema: z.object({ items: z.array(villageView) }) } },
} as const satisfies RouteDefinition;

export const submitRequest = {
  id: 'submitRequest',
  method: 'POST',
  path: '/v1/requests',
  access: ['citizen', 'operator'],
  entry: 'functions/api/submit-request.ts',
  summary:
    'Submit a request for a service in a village. Repeating the call with the same Idempotency-Key returns the first answer.',
  tags: ['requests'],
  needs: ['table:read', 'table:write', 'workflow:start'],
  body: submitRequestBody,
  headers: [
    {
      name: 'Idempotency-Key',
      description:
        'A unique key per intended submission (e.g. a UUID); retries with the same key and body create nothing new.',
      required: false,
    },
  ],
  responses: {
    201: { description: 'Request created', schema: requestView },
    400: error('Invalid body or application data'),
    404: error('Unknown service or village'),
    422: error('Idempotency-Key reused with a different body'),
  },
} as const satisfies RouteDefinition;

export const listRequests = {
  id: 'listRequests',
  method: 'GET',
  path: '/v1/requests',
  access: DECIDERS,
  entry: 'functions/api/list-requests.ts',
  summary: "A village's requests, newest first, optionally by status; paginated with an opaque cursor.",
  tags: ['requests'],
  needs: ['table:read'],
  query: listRequestsQuery,
  responses: {
    200: { description: 'A page of requests', schema: requestPage },
    400: error('Invalid query'),
    403: error('Not your area'),
  },
} as const satisfies RouteDefinition;

export const getRequest = {
  id: 'getRequest',
  method: 'GET',
  path: '/v1/requests/{id}',
  access: ['citizen', ...DECIDERS],
  entry: 'functions/api/get-request.ts',
  summary: 'One request with its timeline.',
  tags: ['requests'],
  needs: ['table:read'],
  params: requestIdParams,
  responses: {
    200: { description: 'The request', schema: requestView },
    404: error('No such request (or not yours)'),
  },
} as const satisfies RouteDefinition;

export const decideRequest = {
  id: 'decideRequest',
  method: 'POST',
  path: '/v1/requests/{id}/decisions',
  access: DECIDERS,
  entry: 'functions/api/decide-request.ts',
  summary:
    "Approve, reject or return the request at its current stage; only the stage's role in the request's area may decide.",
  tags: ['requests'],
  needs: ['table:read', 'table:write', 'workflow:signal'],
  params: requestIdParams,
  body: decisionBody,
  responses: {
    200: { description: 'Decision recorded', schema: requestView },
    400: error('Invalid decision'),
    403: error('Not the role or area of the current stage'),
    404: error('No such request'),
    409: error('The request is not waiting for this decision'),
  },
} as const satisfies RouteDefinition;

export const getRequestDocument = {
  id: 'getRequestDocument',
  method: 'GET',
  path: '/v1/requests/{id}/document',
  access: ['citizen', ...DECIDERS],
  entry: 'functions/api/get-request-document.ts',
  summary: 'A short-lived download link for the issued document.',
  tags: ['documents'],
  needs: ['table:read', 'documents:read'],
  params: requestIdParams,
  responses: {
    200: { description: 'Download link', schema: documentLink },
    404: error('No such request'),
    409: error('Not issued yet'),
  },
} as const satisfies RouteDefinition;

export const verifyDocument = {
  id: 'verifyDocument',
  method: 'GET',
  path: '/v1/verify/{documentId}',
  access: 'public',
  entry: 'functions/api/verify-document.ts',
  summary: 'Public verification of an issued document (what its QR code opens).',
  tags: ['documents'],
  needs: ['table:read'],
  params: documentIdParams,
  responses: {
    200: { description: 'The document as issued', schema: verification },
    404: error('Unknown document'),
  },
} as const satisfies RouteDefinition;

export const getOpenApi = {
  id: 'getOpenApi',
  method: 'GET',
  path: '/openapi.json',
  access: 'public',
  entry: 'functions/api/get-openapi.ts',
  summary: 'This API, as OpenAPI 3.1.',
  tags: ['meta'],
  needs: [],
  responses: { 200: { description: 'OpenAPI document', contentType: 'application/json' } },
} as const satisfies RouteDefinition;

/** The API v1 route table: the one source for the stack, the local gateway and OpenAPI. */
export const ROUTES: readonly RouteDefinition[] = [
  listServices,
  listVillages,
  submitRequest,
  listRequests,
  getRequest,
  decideRequest,
  getRequestDocument,
  verifyDocument,
  getOpenApi,
];
