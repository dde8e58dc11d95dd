/**
 * Which regencies sign their letters with a certified signing service (BSrE), from BSRE_REGENCIES, which
 * the stack sets from config/deployments.ts (and the local runtime for its stand-in): a JSON object by
 * regency code, e.g. {"35.02":{"baseUrl":"https://esign.example.go.id","credentials":"<secret ARN>"}}.
 * `credentials` is the ARN of the Secrets Manager secret holding the regency's client credentials
 * ({"username","password"}), or `file:<path>` locally. Light on purpose: the decision route reads it too.
 */
export interface SigningServiceConfig {
  readonly baseUrl: string;
  readonly credentials: string;
}

export function signingServiceConfig(
  env: NodeJS.ProcessEnv = process.env,
): ReadonlyMap<string, SigningServiceConfig> {
  const raw = env.BSRE_REGENCIES ?? '';
  if (cachedConfig?.raw === raw) return cachedConfig.parsed;
  const parsed = new Map<string, SigningServiceConfig>();
  for (const [regency, value] of Object.entries(
    raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>),
  )) {
    const { baseUrl, credentials } = (value ?? {}) as Partial<SigningServiceConfig>;
    if (typeof baseUrl !== 'string' || typeof credentials !== 'string' || !/^https?:\/\//.test(baseUrl)) {
      throw new Error(`BSRE_REGENCIES: regency ${regency} needs an http(s) baseUrl and a credentials name`);
    }
    parsed.set(regency, { baseUrl: baseUrl.replace(/\/+$/, ''), credentials });
  }
  cachedConfig = { raw, parsed };
  return parsed;
}

let cachedConfig: { raw: string; parsed: ReadonlyMap<string, SigningServiceConfig> } | undefined;

/** Whether a regency's letters are signed by its signing service (the decision route's check). */
export const signsWithService =
  (env: NodeJS.ProcessEnv = process.env) =>
  (regencyCode: string): boolean =>
    signingServiceConfig(env).has(regencyCode);
