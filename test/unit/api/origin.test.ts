import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { originOf } from '../../../functions/api/actor.js';

const event = (headers: Record<string, string>, sourceIp?: string) =>
  ({
    headers,
    requestContext: { http: sourceIp ? { sourceIp, userAgent: 'Mozilla/5.0' } : undefined },
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

describe('where a call came from (rate limits, audit trail)', () => {
  it('names the viewer behind CloudFront, without its port, not the edge', () => {
    expect(originOf(event({ 'cloudfront-viewer-address': '36.85.1.2:51234' }, '130.176.0.9'))).toEqual({
      ip: '36.85.1.2',
      userAgent: 'Mozilla/5.0',
    });
    expect(originOf(event({ 'cloudfront-viewer-address': '2001:db8::1:443' }, '130.176.0.9')).ip).toBe(
      '2001:db8::1',
    );
  });

  it('uses the source address when called directly, and says unknown when there is none', () => {
    expect(originOf(event({}, '36.85.1.2')).ip).toBe('36.85.1.2');
    expect(originOf(event({})).ip).toBe('unknown');
  });
});
