import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import { redactingLogger } from '../adapters/log-redaction.js';
import { mayCallRoute } from '../core/identity/policy.js';
import type { Actor } from '../core/identity/roles.js';
import { maskPersonalNumbers } from '../core/privacy/data-subject.js';
import { DomainError, ForbiddenError, ValidationError } from '../core/shared/errors.js';
import { text } from '../core/shared/text.js';
import { parseOrThrow } from '../core/shared/validation.js';
import { actorFromClaims, type Origin, originOf } from './actor.js';
import type { RouteDefinition } from './route-types.js';

/** NIK-like numbers are masked in every line it writes (log-redaction.ts). */
export const logger = redactingLogger('desa-digital-api');

type Output<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

export interface ApiInput<R extends RouteDefinition> {
  readonly actor: R['access'] extends 'public' ? undefined : Actor;
  readonly params: Output<R['params']>;
  readonly query: Output<R['query']>;
  readonly body: Output<R['body']>;
  /** The request body's bytes, for routes that declare `rawBody`. */
  readonly rawBody: R['rawBody'] extends object ? Uint8Array : undefined;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Where the call came from (the viewer behind CloudFront), for rate limits and the audit trail. */
  readonly origin: Origin;
}

export interface ApiResult {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A file answer (a CSV download, a PDF report): sent as its bytes, with the name to save it under. */
export interface FileResult {
  readonly status: number;
  readonly file: { readonly contentType: string; readonly bytes: Uint8Array; readonly filename: string };
}

/**
 * The status of a change that moves the workflow on: 200, or 202 when the change is written but its signal
 * to the workflow failed and is pending (the reconciler sends it shortly). Not a 5xx: that would invite the
 * caller to decide again, and the request has already moved on.
 */
export const recordedStatus = (signalPending: boolean) => (signalPending ? 202 : 200);

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Result = APIGatewayProxyStructuredResultV2;

/**
 * What a route's handler gives the wrapper besides its use case. `pseudonymKey` (adapters/pseudonym-key.ts
 * loadPseudonymKey) is passed by the routes that need 'pseudonym:key' only, so the KMS client stays out of
 * every other bundle; the type asks for it exactly when the route's needs name the key.
 */
export interface ApiOptions {
  readonly pseudonymKey?: () => Promise<void>;
}

type OptionsFor<R extends RouteDefinition> = 'pseudonym:key' extends R['needs'][number]
  ? [options: ApiOptions & { readonly pseudonymKey: () => Promise<void> }]
  : [options?: ApiOptions];

/**
 * Builds a Lambda handler for one route: authorize (the route table's access list) → parse and validate
 * params, query and body with the route's zod schemas → run the use case → JSON response.
 * Domain errors become 4xx with bilingual messages; anything else is a 500 whose details stay in the logs.
 */
export function apiHandler<R extends RouteDefinition>(
  route: R,
  run: (input: ApiInput<R>) => Promise<ApiResult | FileResult>,
  ...[options]: OptionsFor<R>
) {
  const loadKey = options?.pseudonymKey;
  // Fails when the module loads, not on a call: a route that takes NIK pseudonyms never runs without the key.
  if (route.needs.includes('pseudonym:key') && !loadKey) {
    throw new Error(`${route.id} needs pseudonym:key: pass apiHandler the key loader (loadPseudonymKey)`);
  }
  return middy<Event, Result>()
    .use({
      onError: (request) => {
        request.response = errorResponse(route, request.error);
      },
    })
    .handler(async (event) => {
      // The correlation id of the logs: the request id (route {id}) where the route is about one request, so
      // one request's lines read through the API, the workflow (its execution is named after it) and the tasks.
      logger.removeKeys(['requestId', 'apiRequestId']);
      logger.appendKeys({
        apiRequestId: event.requestContext?.requestId,
        ...(route.path.startsWith('/v1/requests/{id}') ? { requestId: event.pathParameters?.id } : {}),
      });
      const actor = authorize(route, event);
      // Once per container (cached): the route takes NIK pseudonyms, and none without the key (fail closed).
      if (loadKey) await loadKey();
      const input = {
        actor,
        params: parseInput(route.params, event.pathParameters ?? {}),
        query: parseInput(route.query, event.queryStringParameters ?? {}),
        body: parseInput(route.body, route.body ? parseJsonBody(event) : undefined),
        rawBody: route.rawBody ? readRawBody(route.rawBody.contentTypes, event) : undefined,
        headers: event.headers ?? {},
        origin: originOf(event),
      } as ApiInput<R>;
      const result = await run(input);
      if ('file' in result) return fileResponse(route, result);
      return jsonResponse(route, result.status, result.body, result.headers);
    });
}

function authorize(route: RouteDefinition, event: Event): Actor | undefined {
  if (route.access === 'public') return undefined;
  const actor = actorFromClaims(event);
  // API Gateway's JWT authorizer already refused missing or invalid tokens; this guards a misconfigured route.
  if (!actor)
    throw new DomainError(
      401,
      'UNAUTHENTICATED',
      text('Silakan masuk terlebih dahulu.', 'Please sign in first.'),
    );
  if (!mayCallRoute(actor, route)) {
    throw new ForbiddenError(
      text('Peran Anda tidak diizinkan untuk tindakan ini.', 'Your role is not allowed to do this.'),
    );
  }
  return actor;
}

function parseInput(schema: z.ZodMiniType | undefined, value: unknown): unknown {
  return schema ? parseOrThrow(schema, value) : undefined;
}

function parseJsonBody(event: Event): unknown {
  if (!event.body) {
    throw new ValidationError(
      text('Badan permintaan kosong; kirim JSON.', 'The request body is empty; send JSON.'),
    );
  }
  return parseJsonText(
    event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body,
  );
}

/** JSON text as a body: a 400 naming the body when it does not parse. */
export function parseJsonText(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new ValidationError(
      text('Badan permintaan bukan JSON yang valid.', 'The request body is not valid JSON.'),
      [{ field: 'body', message: text('body: JSON tidak valid', 'body: invalid JSON') }],
    );
  }
}

/** A file body: API Gateway base64-encodes binary bodies (isBase64Encoded); text ones arrive as UTF-8. */
function readRawBody(contentTypes: readonly string[], event: Event): Uint8Array {
  const contentType = event.headers?.['content-type']?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!contentTypes.includes(contentType)) {
    const message = text(
      `Content-Type harus ${contentTypes.join(' atau ')} (bukan ${contentType || 'kosong'}).`,
      `Content-Type must be ${contentTypes.join(' or ')} (not ${contentType || 'none'}).`,
    );
    throw new ValidationError(message, [{ field: 'content-type', message }]);
  }
  if (!event.body) return new Uint8Array();
  return Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
}

/**
 * Errors never echo a NIK: messages name fields, not values, and, should a NIK-like number still be in one
 * (a NIK sent as a field name, a number in a reason), it is masked here before the answer leaves.
 */
function errorResponse(route: RouteDefinition, error: unknown): Result {
  if (error instanceof DomainError) {
    // A 400's issues, and those of any other refusal that names its field (a photo over 5 MB: 413).
    const named = error.details?.issues;
    const issues = Array.isArray(named) && named.length > 0 ? { issues: named } : {};
    const response = jsonResponse(
      route,
      error.status,
      { error: { code: error.code, message: error.messages, ...issues } },
      error.headers,
    );
    return { ...response, body: maskPersonalNumbers(response.body ?? '') };
  }
  logger.error('Unhandled error', { route: route.id, error: error as Error });
  return jsonResponse(route, 500, {
    error: {
      code: 'INTERNAL_ERROR',
      message: text(
        'Terjadi kesalahan pada sistem. Permohonan Anda tidak hilang; silakan coba lagi.',
        'Something went wrong on our side. Nothing was lost; please try again.',
      ),
    },
  });
}

/** Personal data is never cached; public catalog answers may be, briefly; public files named by content, for a year. */
function cacheControl(route: RouteDefinition, status: number): string {
  if (route.access !== 'public' || status !== 200 || route.cache === 'no-store') return 'no-store';
  return route.cache === 'immutable' ? 'public, max-age=31536000, immutable' : 'public, max-age=60';
}

/** Binary-safe: API Gateway decodes a base64 body it is told about (isBase64Encoded). */
function fileResponse(route: RouteDefinition, { status, file }: FileResult): Result {
  return {
    statusCode: status,
    headers: {
      'content-type': file.contentType,
      // A photo is shown in the page; anything else is saved (a PDF, a CSV).
      'content-disposition': `${file.contentType.startsWith('image/') ? 'inline' : 'attachment'}; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': cacheControl(route, status),
    },
    body: Buffer.from(file.bytes).toString('base64'),
    isBase64Encoded: true,
  };
}

function jsonResponse(
  route: RouteDefinition,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Result {
  return {
    statusCode: status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cache-control': cacheControl(route, status),
      ...headers,
    },
    body: JSON.stringify(body),
  };
}
