/**
 * What Lambda bundles get in place of the SDK's default credential chain (@aws-sdk/credential-provider-node,
 * swapped for this module by an esbuild alias: lib/constructs/service-function.ts LAMBDA_ESBUILD). Lambda
 * hands a function its role's credentials in the environment; the rest of the chain (SSO, INI profiles, STS
 * web identity, container and instance metadata, 132 KiB with its nested STS/SSO clients) never finds
 * anything there and only lengthens every cold start. The local runtime sets AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY, so the same provider answers there too. Every client's runtime config imports
 * `defaultProvider` from the aliased package; it is the environment provider the full chain tries first.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
