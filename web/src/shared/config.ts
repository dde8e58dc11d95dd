/**
 * What the deployment tells the front end at run time (`/config.json`): written by the stack in AWS (the
 * Cognito pool and client), served by the local gateway locally. The same build runs in both.
 */
export type AuthConfig =
  | { readonly kind: 'local' }
  | {
      readonly kind: 'cognito';
      readonly region: string;
      readonly userPoolId: string;
      readonly clientId: string;
    };

export interface RuntimeConfig {
  readonly auth: AuthConfig;
  /** Base URL of the API; empty when it is served from the same origin (CloudFront routes /v1/*). */
  readonly apiBase?: string;
}

let cached: Promise<RuntimeConfig> | undefined;

export function runtimeConfig(): Promise<RuntimeConfig> {
  cached ??= fetch('/config.json')
    .then((response) => (response.ok ? (response.json() as Promise<RuntimeConfig>) : fallback()))
    .catch(fallback);
  return cached;
}

/** Without a config (offline, first visit), reading still works; signing in says what is missing. */
const fallback = (): RuntimeConfig => ({ auth: { kind: 'local' } });
