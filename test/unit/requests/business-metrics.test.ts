import { afterEach, describe, expect, it, vi } from 'vitest';
import { businessMetrics } from '../../../functions/adapters/business-metrics.js';
import { findService } from '../../../functions/core/catalog/index.js';
import { measuresOf } from '../../../functions/core/requests/business-metrics.js';
import type { RequestEvent, ServiceRequest } from '../../../functions/core/requests/requests.js';

const sku = findService('SKU'); // target: sku.targetHours
const request = {
  id: '01KBQ0000000000000000000AA',
  serviceCode: 'SKU',
  villageCode: '35.10.06.2001',
  createdAt: '2026-12-01T01:00:00.000Z',
} as ServiceRequest;
const event = (type: string, status: string, at = '2026-12-01T02:00:00.000Z') =>
  ({
    requestId: request.id,
    type,
    status,
    at,
    actor: { subject: 's', name: 'n', role: 'system' },
  }) as RequestEvent;

describe('what a status change counts', () => {
  it('counts a submission, a return, a rejection and an escalation once each; an approval nothing', () => {
    expect(measuresOf(request, sku, event('SUBMITTED', 'SUBMITTED'))).toEqual([
      { name: 'Submitted', unit: 'Count', value: 1 },
    ]);
    expect(measuresOf(request, sku, event('DECISION_RETURN', 'RETURNED'))[0]?.name).toBe('Returned');
    expect(measuresOf(request, sku, event('DECISION_REJECT', 'REJECTED'))[0]?.name).toBe('Rejected');
    expect(measuresOf(request, sku, event('ESCALATED', 'ESCALATED'))[0]?.name).toBe('Escalated');
    expect(measuresOf(request, sku, event('DECISION_APPROVE', 'IN_REVIEW'))).toEqual([]);
  });

  it('counts an issue with the seconds since submission, and whether it took longer than the target', () => {
    const onTime = measuresOf(request, sku, event('ISSUED', 'ISSUED', '2026-12-01T02:00:00.000Z'));
    expect(onTime).toEqual([
      { name: 'Issued', unit: 'Count', value: 1 },
      { name: 'SecondsToIssue', unit: 'Seconds', value: 3600 },
    ]);
    const late = new Date(Date.parse(request.createdAt) + (sku.targetHours + 1) * 3600_000).toISOString();
    expect(measuresOf(request, sku, event('ISSUED', 'ISSUED', late)).map((measure) => measure.name)).toEqual([
      'Issued',
      'SecondsToIssue',
      'IssuedLate',
    ]);
  });
});

describe('the business metrics in CloudWatch embedded metric format', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes one EMF line per measure in the DesaDigital namespace, the village and service as properties only', () => {
    vi.stubEnv('POWERTOOLS_DEV', '');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    businessMetrics().record(measuresOf(request, sku, event('ISSUED', 'ISSUED')), {
      serviceCode: 'SKU',
      villageCode: '35.10.06.2001',
      requestId: request.id,
    });
    vi.unstubAllEnvs();
    const emf = lines.filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line));
    expect(emf.map((entry) => entry._aws.CloudWatchMetrics[0].Metrics[0].Name)).toEqual([
      'Issued',
      'SecondsToIssue',
    ]);
    for (const entry of emf) {
      expect(entry._aws.CloudWatchMetrics[0].Namespace).toBe('DesaDigital');
      expect(entry._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service']]);
      expect(entry).toMatchObject({
        villageCode: '35.10.06.2001',
        serviceCode: 'SKU',
        requestId: request.id,
      });
    }
  });
});
