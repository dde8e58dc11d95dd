/**
 * SDK clients are created once and reused across Lambda invocations. Endpoints come from the SDK's own
 * AWS_ENDPOINT_URL_<SERVICE> variables, so locally they point at DynamoDB Local, s3rver and the local Step
 * Functions with no code path of their own. A client is rebuilt only if its endpoint variable changes,
 * which happens when tests restart the local runtime in one process. Each service's client lives in its
 * adapter's module so a Lambda bundle carries only the SDKs it uses.
 */
export function cachedClient<T>(endpointVariable: string, create: () => T): () => T {
  let cached: { endpoint: string | undefined; client: T } | undefined;
  return () => {
    const endpoint = process.env[endpointVariable];
    if (!cached || cached.endpoint !== endpoint) cached = { endpoint, client: create() };
    return cached.client;
  };
}

/** One adapter instance per container, built on first use from the function's environment. */
export function once<T>(create: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= create();
    return value;
  };
}
