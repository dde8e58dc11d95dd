import { readFile } from 'node:fs/promises';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  type ExternalSigner,
  type ExternalSigners,
  type ExternalSignRequest,
  SignerRefusedError,
  SignerUnavailableError,
} from '../../core/documents/external-signing.js';
import { cachedClient } from '../clients.js';
import { oneLineLogger } from '../log-redaction.js';
import { type SigningServiceConfig, signingServiceConfig } from './signing-services.js';

/** The regency's client credentials for BSrE's API (HTTP Basic), kept in Secrets Manager. */
interface ClientCredentials {
  readonly username: string;
  readonly password: string;
}

export interface BsreClientOptions {
  /** Attempts on a network error, a timeout or a 5xx, with growing pauses between them. @default 3 */
  readonly attempts?: number;
  /** Each attempt's time limit: all attempts fit in the signing route's 29 s. @default 8000 */
  readonly attemptTimeoutMs?: number;
  readonly pauseMs?: number;
}

/**
 * BSrE's electronic signature API, v2 as public clients call it: POST /api/v2/sign/pdf with the signer's
 * NIK and passphrase (or TOTP), the visible signature's place and the PDF in base64; the answer's `file[0]`
 * is the signed PDF. A 4xx is the signer's (wrong passphrase, no active certificate: BSrE's own message is
 * passed on); a 401/403 is the regency's credentials; a 5xx, a timeout or a network error is retried, then
 * reported unavailable. The passphrase goes to BSrE only: never logged, never stored.
 */
export class BsreClient implements ExternalSigner {
  constructor(
    private readonly config: SigningServiceConfig,
    private readonly credentials: () => Promise<ClientCredentials>,
    private readonly options: BsreClientOptions = {},
  ) {}

  async signPdf(request: ExternalSignRequest): Promise<Uint8Array> {
    const { username, password } = await this.credentials().catch((error: unknown) => {
      // A secret that is missing or unreadable is the regency's set-up, not the signer's: say so, log why.
      logger.error('Signing service credentials unreadable', { error: (error as Error).name });
      throw new SignerUnavailableError('credentials');
    });
    const { nik, passphrase, totp } = request.credentials;
    const body = JSON.stringify({
      nik,
      ...(totp !== undefined ? { totp } : { passphrase }),
      signatureProperties: [
        {
          tampilan: 'VISIBLE',
          page: request.box.page,
          // PDF user space: points from the page's bottom-left corner, as BSrE's iText-based signer takes them.
          originX: round(request.box.x),
          originY: round(request.box.y),
          width: round(request.box.width),
          height: round(request.box.height),
          location: request.location,
          reason: request.reason,
        },
      ],
      file: [Buffer.from(request.pdf).toString('base64')],
    });
    const attempts = this.options.attempts ?? 3;
    for (let attempt = 1; ; attempt += 1) {
      const answer = await this.post('/api/v2/sign/pdf', body, `${username}:${password}`);
      if (answer.kind === 'signed') return answer.pdf;
      if (answer.kind === 'refused') throw new SignerRefusedError(answer.reason);
      if (answer.kind === 'credentials') throw new SignerUnavailableError('credentials');
      if (attempt >= attempts) throw new SignerUnavailableError('unavailable');
      await new Promise((done) => setTimeout(done, (this.options.pauseMs ?? 400) * 3 ** (attempt - 1)));
    }
  }

  private async post(
    path: string,
    body: string,
    basic: string,
  ): Promise<
    | { kind: 'signed'; pdf: Uint8Array }
    | { kind: 'refused'; reason: string }
    | { kind: 'credentials' }
    | { kind: 'unavailable' }
  > {
    let response: Response;
    try {
      response = await fetch(`${this.config.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(basic).toString('base64')}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body,
        signal: AbortSignal.timeout(this.options.attemptTimeoutMs ?? 8000),
      });
    } catch {
      return { kind: 'unavailable' };
    }
    const answer = (await response.json().catch(() => ({}))) as {
      file?: unknown;
      error?: unknown;
      message?: unknown;
    };
    if (response.status === 401 || response.status === 403) return { kind: 'credentials' };
    if (response.status >= 400 && response.status < 500) {
      return { kind: 'refused', reason: reasonOf(answer.error ?? answer.message, response.status) };
    }
    const [file] = Array.isArray(answer.file) ? answer.file : [];
    if (!response.ok || typeof file !== 'string' || file === '') return { kind: 'unavailable' };
    return { kind: 'signed', pdf: new Uint8Array(Buffer.from(file, 'base64')) };
  }
}

/** BSrE's message, as a short line of plain text (it reaches the signer's screen). */
const reasonOf = (message: unknown, status: number): string =>
  typeof message === 'string' && message.trim() !== ''
    ? message
        .replace(/[\p{Cc}<>]/gu, ' ')
        .trim()
        .slice(0, 200)
    : `HTTP ${status}`;

const round = (points: number): number => Math.round(points * 100) / 100;

/** The configured regencies' BSrE clients (signing-services.ts), built once per configuration. */
export function signingServices(env: NodeJS.ProcessEnv = process.env): ExternalSigners {
  const config = signingServiceConfig(env);
  return (regencyCode) => {
    const found = config.get(regencyCode);
    if (!found) return undefined;
    const key = `${found.baseUrl} ${found.credentials}`;
    let client = clients.get(key);
    if (!client) {
      client = new BsreClient(
        found,
        retriedOnFailure(() => loadCredentials(found.credentials)),
      );
      clients.set(key, client);
    }
    return client;
  };
}

const clients = new Map<string, BsreClient>();
const logger = oneLineLogger('desa-digital-signing');

/** Reads the credentials once per container (a failed read is tried again on the next call). */
function retriedOnFailure<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}

async function loadCredentials(name: string): Promise<ClientCredentials> {
  const raw = name.startsWith('file:')
    ? await readFile(name.slice('file:'.length), 'utf8')
    : (await secrets().send(new GetSecretValueCommand({ SecretId: name }))).SecretString;
  const { username, password } = JSON.parse(raw ?? '{}') as Partial<ClientCredentials>;
  if (typeof username !== 'string' || typeof password !== 'string') {
    throw new Error(`Signing service credentials ${name} need "username" and "password"`);
  }
  return { username, password };
}

const secrets = cachedClient('AWS_ENDPOINT_URL_SECRETS_MANAGER', () => new SecretsManagerClient({}));
