import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER, originOf } from '../../../functions/api/actor.js';

const event = (headers: Record<string, string>, sourceIp?: string) =>
  ({
    headers,
    requestContext: { http: sourceIp ? { sourceIp, userAgent: 'Mozilla/5.0' } : undefined },
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

const SECRET = 'a-secret-only-cloudfront-and-the-api-know';
const viaCloudFront = (viewer: string, secret = SECRET) =>
  event({ 'cloudfront-viewer-address': viewer, [ORIGIN_VERIFY_HEADER.toLowerCase()]: secret }, '130.176.0.9');

describe('where a call came from (rate limits, audit trail)', () => {
  it('names the viewer behind CloudFront, without its port, when the call carries the origin secret', () => {
    expect(originOf(viaCloudFront('36.85.1.2:51234'), SECRET)).toEqual({
      ip: '36.85.1.2',
      userAgent: 'Mozilla/5.0',
    });
    expect(originOf(viaCloudFront('2001:db8::1:443'), SECRET).ip).toBe('2001:db8::1');
  });

  it('ignores a CloudFront-Viewer-Address sent straight to the API: no secret, a wrong one, or none configured', () => {
    const forged = event({ 'cloudfront-viewer-address': '8.8.8.8:443' }, '36.85.1.2');
    expect(originOf(forged, SECRET).ip).toBe('36.85.1.2');
    expect(originOf(viaCloudFront('8.8.8.8:443', 'guessed'), SECRET).ip).toBe('130.176.0.9');
    expect(originOf(viaCloudFront('8.8.8.8:443', `${SECRET}x`), SECRET).ip).toBe('130.176.0.9');
    expect(originOf(viaCloudFront('8.8.8.8:443', ''), SECRET).ip).toBe('130.176.0.9');
    // A deployment without the secret (or a misconfigured one) trusts no header at all, even an empty one.
    expect(originOf(viaCloudFront('8.8.8.8:443', ''), undefined).ip).toBe('130.176.0.9');
    expect(originOf(viaCloudFront('8.8.8.8:443', ''), '').ip).toBe('130.176.0.9');
  });

  it('uses the source address when called directly, and says unknown when there is none', () => {
    expect(originOf(event({}, '36.85.1.2'), SECRET).ip).toBe('36.85.1.2');
    expect(originOf(event({}), SECRET).ip).toBe('unknown');
  });
});
