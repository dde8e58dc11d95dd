import { randomUUID, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { Duplex } from 'node:stream';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { DEMO_CLIENTS } from '../../config/demo-clients.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../config/demo-users.js';
import type { RouteDefinition } from '../../functions/api/route-types.js';
import { SITE_CSP } from '../../functions/core/website/page.js';
import { ACCESS_TOKEN_SECONDS, type IdTokenUser, type LocalIssuer } from './issuer.js';

/**
 * The local API Gateway: an HTTP API (payload v2) built from the same route table as the stack. Like the
 * JWT authorizer in AWS it refuses protected routes with 401 before any handler runs unless the token is an
 * RS256 JWT signed by a key of the issuer's JWKS (`kid` required), with the right `iss`, not expired (nor
 * `nbf`/`iat` in the future), whose `aud` (ID tokens) or, when there is no `aud`, `client_id` (access
 * tokens) is one of the configured audiences; it passes the verified claims to the handler. It also serves
 * the static front end and the local identity endpoints, which do not exist under this path in AWS:
 * `POST /local/token` (sign in as a user of the local user pool), `POST /local/oauth2/token` (an agency
 * system's client-credentials grant, as Cognito's /oauth2/token), `GET /local/.well-known/jwks.json` and
 * `GET /local/users` (the demo accounts, for the sign-in page).
 */
export interface GatewayOptions {
  readonly routes: readonly RouteDefinition[];
  readonly invoke: (entry: string, event: unknown) => Promise<unknown>;
  readonly issuer: () => LocalIssuer;
  /** The local user pool (lib/local/cognito-idp.ts): who may sign in at /local/token. */
  readonly users: () => LocalUserDirectory;
  readonly webRoot: string;
  /**
   * Reads a file of the villages' websites (the sites bucket, served at /desa/* as CloudFront does in AWS).
   * @default - /desa/* is not served
   */
  readonly sites?: (key: string) => Promise<SiteObject | undefined>;
  /**
   * False while the runtime behind the gateway is still starting (the gateway listens first: its address is
   * part of the configuration): API and local calls are then answered 503 with Retry-After, not run against
   * a half-configured runtime.
   */
  readonly ready: () => boolean;
}

export interface SiteObject {
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly cacheControl?: string;
}

export interface LocalUserDirectory {
  user(username: string): (IdTokenUser & { readonly enabled: boolean }) | undefined;
}

interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

const MAX_BODY_BYTES = 10 * 1024 * 1024; // API Gateway's payload limit

/**
 * Content types HTTP APIs hand to Lambda as a UTF-8 string; every other body (application/pdf, images,
 * octet-stream, form posts, none at all) arrives base64-encoded with isBase64Encoded: true.
 */
const TEXT_BODY = /^(text\/|application\/(json|xml|javascript)\b)/i;

export function createGateway(options: GatewayOptions): Server {
  const routes = options.routes.map(compile);
  const server = createServer((req, res) => {
    handle(options, routes, req, res).catch((error: unknown) => {
      if (error instanceof MalformedRequest) return send(res, 400, BAD_REQUEST);
      console.error('[gateway]', error);
      send(res, 500, { message: 'Internal Server Error' });
    });
  });
  // Requests Node refuses before any handler runs (a request line or headers over its limit, a broken
  // request): a JSON answer, as API Gateway gives, instead of Node's bare status line.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify(tooLarge ? HEADERS_TOO_LARGE : BAD_REQUEST);
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        'content-type: application/json; charset=utf-8\r\n' +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  return server;
}

/** A path or query that cannot be decoded (malformed percent-encoding): API Gateway answers 400. */
class MalformedRequest extends Error {}

const BAD_REQUEST = {
  message: 'Permintaan tidak valid (alamat tidak dapat dibaca). / Bad request (the URL cannot be decoded).',
};
const HEADERS_TOO_LARGE = {
  message: 'Alamat atau header permintaan terlalu panjang. / The request URL or headers are too large.',
};
const STARTING = {
  message:
    'Layanan sedang dimulai, coba lagi sebentar lagi. / The service is starting: try again in a moment.',
};

/** decodeURIComponent that turns malformed input into a 400 instead of a 500. */
function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new MalformedRequest();
  }
}

async function handle(
  options: GatewayOptions,
  routes: readonly CompiledRoute[],
  req: IncomingMessage,
  res: ServerResponse,
) {
  const url = new URL(req.url ?? '/', 'http://local');
  const method = req.method ?? 'GET';
  // URLSearchParams decodes leniently (a bad escape stays as typed); API Gateway refuses it.
  decode(url.pathname);
  decode(url.search.replace(/\+/g, ' '));
  if (!options.ready() && (url.pathname.startsWith('/v1/') || url.pathname.startsWith('/local/'))) {
    res.setHeader('retry-after', '1');
    return send(res, 503, STARTING);
  }
  if (url.pathname.startsWith('/local/')) return localEndpoints(options, method, url, req, res);
  if (options.sites && url.pathname.startsWith('/desa/') && (method === 'GET' || method === 'HEAD')) {
    return serveSite(options.sites, url.pathname, res);
  }
  // The front end's runtime config: in AWS the stack writes it next to the site (Cognito); here, the local issuer.
  if (url.pathname === '/config.json' && (method === 'GET' || method === 'HEAD')) {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' });
    return res.end(JSON.stringify({ auth: { kind: 'local' }, apiBase: '' }));
  }

  const match = matchRoute(routes, method, url.pathname);
  if (!match) {
    if (method === 'GET' || method === 'HEAD') return serveStatic(options.webRoot, url.pathname, res);
    return send(res, 404, { message: 'Not Found' });
  }
  const body = await readBody(req);
  if (body === undefined) return send(res, 413, { message: 'Request Entity Too Large' });

  let claims: Record<string, unknown> | undefined;
  if (match.route.access !== 'public') {
    claims = await verifyBearer(options.issuer(), req.headers.authorization);
    if (!claims) return send(res, 401, { message: 'Unauthorized' });
  }
  const event = buildEvent(match.route, match.params, method, url, req, body, claims);
  const result = (await options.invoke(match.route.entry, event)) as APIGatewayProxyStructuredResultV2;
  res.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
  res.end(result.isBase64Encoded && result.body ? Buffer.from(result.body, 'base64') : (result.body ?? ''));
}

function compile(route: RouteDefinition): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\{(\w+)\}/g, (_all, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
  return { route, pattern: new RegExp(`^${source}$`), names };
}

function matchRoute(routes: readonly CompiledRoute[], method: string, path: string) {
  for (const { route, pattern, names } of routes) {
    if (route.method !== method) continue;
    const found = pattern.exec(path);
    if (found) {
      const params = Object.fromEntries(names.map((name, i) => [name, decode(found[i + 1] ?? '')]));
      return { route, params };
    }
  }
  return undefined;
}

/**
 * Each issuer's key set, built once: createLocalJWKSet imports a key on first use and keeps it, so a set made
 * per call would import the RSA key for every request. Every token is still verified against it.
 */
const keySets = new WeakMap<LocalIssuer, ReturnType<typeof createLocalJWKSet>>();
const keySetOf = (issuer: LocalIssuer) => {
  let keySet = keySets.get(issuer);
  if (!keySet) {
    keySet = createLocalJWKSet(issuer.jwks);
    keySets.set(issuer, keySet);
  }
  return keySet;
};

/**
 * The claims as the JWT authorizer hands them over (arrays become "[a b]" strings, as in AWS), or undefined
 * for anything API Gateway would refuse. The header may carry the token with or without "Bearer ".
 */
export async function verifyBearer(
  issuer: LocalIssuer,
  header: string | undefined,
): Promise<Record<string, unknown> | undefined> {
  const token = /^(?:Bearer\s+)?([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(header?.trim() ?? '')?.[1];
  if (!token) return undefined;
  try {
    const { payload, protectedHeader } = await jwtVerify(token, keySetOf(issuer), {
      issuer: issuer.issuer,
      algorithms: ['RS256'],
      requiredClaims: ['exp'],
    });
    if (!protectedHeader.kid) return undefined;
    if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000) return undefined;
    // `aud` when the token has one (ID tokens); `client_id` only when it has none (access tokens).
    const audiences =
      payload.aud !== undefined
        ? [payload.aud].flat()
        : typeof payload.client_id === 'string'
          ? [payload.client_id]
          : [];
    if (!audiences.some((audience) => issuer.audiences.includes(audience))) return undefined;
    return Object.fromEntries(
      Object.entries(payload).map(([key, value]) => [
        key,
        Array.isArray(value) ? `[${value.join(' ')}]` : value,
      ]),
    );
  } catch {
    return undefined;
  }
}

function buildEvent(
  route: RouteDefinition,
  params: Record<string, string>,
  method: string,
  url: URL,
  req: IncomingMessage,
  body: Buffer,
  claims: Record<string, unknown> | undefined,
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([name, value]) => [
      name.toLowerCase(),
      Array.isArray(value) ? value.join(',') : (value ?? ''),
    ]),
  );
  const query = url.searchParams.size > 0 ? Object.fromEntries(url.searchParams) : undefined;
  const binary = body.length > 0 && !TEXT_BODY.test(headers['content-type'] ?? '');
  const now = new Date();
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length > 0 ? { pathParameters: params } : {}),
    ...(body.length > 0 ? { body: binary ? body.toString('base64') : body.toString('utf8') } : {}),
    isBase64Encoded: binary,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: (claims ?? {}) as Record<string, string>, scopes: [] },
      },
    },
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}

const NO_BODY = Buffer.alloc(0);

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  // Neither length nor chunked encoding: the request has no body (HTTP/1.1), nothing to wait for (most GETs).
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
    return NO_BODY;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Local-only endpoints: sign in as a user of the local user pool (returns the bare ID token, handy for
 * curl), the client-credentials grant of agencies' systems, the issuer's JWKS and the demo accounts.
 */
async function localEndpoints(
  options: GatewayOptions,
  method: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const issuer = options.issuer();
  if (method === 'GET' && url.pathname === '/local/.well-known/jwks.json') return send(res, 200, issuer.jwks);
  if (method === 'GET' && url.pathname === '/local/users') {
    return send(res, 200, { password: DEMO_PASSWORD, users: DEMO_USERS });
  }
  if (method === 'POST' && url.pathname === '/local/token') {
    const form = await readForm(req);
    const user = options.users().user(String(form.username ?? ''));
    // Every account of the local pool signs in with the demo password (see lib/local/cognito-idp.ts).
    if (!user?.enabled || form.password !== DEMO_PASSWORD) {
      return send(res, 401, {
        message: 'Nama pengguna atau kata sandi salah. / Wrong username or password.',
      });
    }
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    return res.end(await issuer.signIdToken(user));
  }
  if (method === 'POST' && url.pathname === '/local/oauth2/token') return clientCredentials(issuer, req, res);
  return send(res, 404, { message: 'Not Found' });
}

/**
 * Cognito's token endpoint for the client-credentials grant: the client authenticates with HTTP Basic
 * (client_secret_basic) or with client_id and client_secret in the form (client_secret_post); `scope` is
 * optional (all the client's scopes) and may only name scopes the client is allowed. Errors follow RFC 6749.
 */
async function clientCredentials(issuer: LocalIssuer, req: IncomingMessage, res: ServerResponse) {
  const oauthError = (status: number, error: string, description: string) => {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...(status === 401 ? { 'www-authenticate': 'Basic realm="desa-digital-local"' } : {}),
    });
    res.end(JSON.stringify({ error, error_description: description }));
  };
  if (!req.headers['content-type']?.includes('application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'Send the form as application/x-www-form-urlencoded.');
  }
  const form = await readForm(req);
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const [basicId, basicSecret] = basic
    ? Buffer.from(basic, 'base64').toString('utf8').split(/:(.*)/s)
    : [undefined, undefined];
  const clientId = basicId ?? form.client_id;
  const secret = basicSecret ?? form.client_secret;
  const client = DEMO_CLIENTS.find((candidate) => candidate.clientId === clientId);
  if (!client || typeof secret !== 'string' || !sameSecret(secret, client.clientSecret)) {
    return oauthError(401, 'invalid_client', 'Unknown client or wrong client secret.');
  }
  if (form.grant_type !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported.');
  }
  const asked = typeof form.scope === 'string' ? form.scope.split(' ').filter(Boolean) : [];
  if (asked.some((scope) => !client.scopes.includes(scope))) {
    return oauthError(400, 'invalid_scope', 'A requested scope is not allowed for this client.');
  }
  const scopes = asked.length > 0 ? asked : client.scopes;
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(
    JSON.stringify({
      access_token: await issuer.signAccessToken(client.clientId, scopes),
      expires_in: ACCESS_TOKEN_SECONDS,
      token_type: 'Bearer',
    }),
  );
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A form post (or, for /local/token, JSON) as a flat record. */
async function readForm(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = (await readBody(req))?.toString('utf8') ?? '';
  return req.headers['content-type']?.includes('json')
    ? safeJson(raw)
    : Object.fromEntries(new URLSearchParams(raw));
}

function safeJson(raw: string): Record<string, unknown> {
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return {};
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

async function serveStatic(webRoot: string, pathname: string, res: ServerResponse) {
  const relative = normalize(decode(pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = join(webRoot, relative.endsWith('/') ? `${relative}index.html` : relative);
  if (!file.startsWith(webRoot)) return send(res, 404, { message: 'Not Found' });
  try {
    const content = await readFile(file);
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      // As CloudFront serves them: hashed assets forever, everything else revalidated.
      'cache-control': relative.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(content);
  } catch {
    send(res, 404, { message: 'Not Found' });
  }
}

/**
 * A village website's file, as CloudFront serves /desa/* in AWS: a directory (or a bare village code) is its
 * index.html (the CloudFront function in lib/constructs/web.ts), with the pages' CSP.
 */
async function serveSite(read: NonNullable<GatewayOptions['sites']>, pathname: string, res: ServerResponse) {
  const path = decode(pathname);
  const key = (
    path.endsWith('/') ? `${path}index.html` : /^\/desa\/[0-9.]+$/.test(path) ? `${path}/index.html` : path
  ).slice(1);
  const file = key.split('/').includes('..') ? undefined : await read(key);
  if (!file) return send(res, 404, { message: 'Not Found' });
  res.writeHead(200, {
    'content-type': file.contentType,
    'cache-control': file.cacheControl ?? 'no-cache',
    'content-security-policy': SITE_CSP,
    'x-content-type-options': 'nosniff',
  });
  res.end(file.body);
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
