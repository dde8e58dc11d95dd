import { validToken } from './auth.js';
import { runtimeConfig } from './config.js';
import type { LocalizedText } from './types.js';

/** An answer of the API that is not 2xx, with its bilingual message and field issues. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: LocalizedText,
    readonly issues: readonly { field: string; message: LocalizedText }[] = [],
  ) {
    super(text.en);
    this.name = 'ApiError';
  }
}

/** The network did not answer (offline, or the connection dropped): the request may be retried. */
export class NetworkError extends Error {
  constructor() {
    super('network unreachable');
    this.name = 'NetworkError';
  }
}

export interface CallOptions {
  readonly method?: 'GET' | 'POST' | 'PUT';
  readonly body?: unknown;
  /** A body sent as it is (a CSV file), instead of `body` as JSON. */
  readonly raw?: { readonly text: string; readonly contentType: string };
  readonly headers?: Readonly<Record<string, string>>;
  /** Send the signed-in person's token (default: when there is one). */
  readonly auth?: boolean;
}

export async function api<T>(path: string, options: CallOptions = {}): Promise<T> {
  const { apiBase = '' } = await runtimeConfig();
  const token = options.auth === false ? undefined : await validToken();
  let response: Response;
  try {
    response = await fetch(`${apiBase}${path}`, {
      method: options.method ?? 'GET',
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.raw ? { 'content-type': options.raw.contentType } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.raw ? { body: options.raw.text } : {}),
    });
  } catch {
    throw new NetworkError();
  }
  const raw = await response.text().catch(() => '');
  const body = parse(raw);
  if (response.ok) return body as T;
  const error = (body as { error?: { code?: string; message?: LocalizedText; issues?: ApiError['issues'] } })
    ?.error;
  if (response.status === 401) {
    throw new ApiError(401, 'UNAUTHENTICATED', {
      id: 'Sesi Anda berakhir. Silakan masuk lagi.',
      en: 'Your session has ended. Please sign in again.',
    });
  }
  throw new ApiError(
    response.status,
    error?.code ?? `HTTP_${response.status}`,
    error?.message ?? {
      id: `Permintaan gagal (${response.status}).`,
      en: `The request failed (${response.status}).`,
    },
    error?.issues ?? [],
  );
}

function parse(raw: string): unknown {
  try {
    return raw ? JSON.parse(raw) : {};
  } catch {
    return {};
  }
}

/** A key per intended submission: a resend after a dropped connection never creates a second request. */
export const newIdempotencyKey = (): string => `web-${crypto.randomUUID()}`;
