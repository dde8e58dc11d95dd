import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { rateCounter } from '../adapters/dynamo-rate-limit.js';
import { requestStore } from '../adapters/dynamo-request-store.js';
import { catalog } from '../adapters/dynamo-village-services.js';
import { villageDirectory } from '../adapters/dynamo-villages.js';
import { systemClock } from '../adapters/env.js';
import { trackRequest as track } from '../core/tracking.js';
import { trackRequest } from './citizen-routes.js';
import { apiHandler } from './http.js';
import { tooManyRequests } from './too-many-requests.js';

/** Set by this module from the event itself (a caller's own header of that name is overwritten). */
const CLIENT_ADDRESS = 'x-desa-client-address';

const run = apiHandler(trackRequest, async ({ body, headers }) => {
  const deps = {
    requests: requestStore(),
    catalog: catalog(),
    villages: villageDirectory(),
    rates: rateCounter(),
    clock: systemClock,
  };
  try {
    return { status: 200, body: await track(deps, body, { address: headers[CLIENT_ADDRESS] ?? 'unknown' }) };
  } catch (error) {
    return tooManyRequests(error);
  }
});

export const handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) =>
  run({ ...event, headers: { ...event.headers, [CLIENT_ADDRESS]: clientAddress(event) } }, context);

/**
 * The viewer's address. Behind CloudFront (the web distribution serves /v1/* and forwards every viewer
 * header), API Gateway's sourceIp is a CloudFront edge, and CloudFront names the viewer in
 * CloudFront-Viewer-Address ("ip:port"). Called directly, the source IP is the client's. A caller reaching
 * the execute-api endpoint directly could forge that header: the per-code limit does not depend on it.
 */
function clientAddress(event: APIGatewayProxyEventV2WithJWTAuthorizer): string {
  const viewer = event.headers?.['cloudfront-viewer-address'];
  if (viewer) return viewer.replace(/:\d+$/, '');
  return event.requestContext.http.sourceIp;
}
