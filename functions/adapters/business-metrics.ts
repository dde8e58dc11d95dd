import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { OpenRequestsCount } from '../core/approvals/open-requests.js';
import {
  BUSINESS_NAMESPACE,
  type BusinessMetrics,
  OPEN_PAST_TARGET_METRIC,
  OPEN_REQUESTS_METRIC,
} from '../core/requests/business-metrics.js';
import { once } from './clients.js';

/**
 * Business measures as CloudWatch embedded metric format: one log line per change, turned into metrics by
 * CloudWatch at no API call. One dimension only (service: desa-digital), so the metric count stays small;
 * off where POWERTOOLS_DEV is set (the local runtime), as Powertools does.
 */
export const businessMetrics = once((): BusinessMetrics => {
  const metrics = new Metrics({ namespace: BUSINESS_NAMESPACE, serviceName: 'desa-digital' });
  return {
    record(measures, context) {
      for (const measure of measures) {
        const single = metrics.singleMetric();
        single.addMetadata('serviceCode', context.serviceCode);
        single.addMetadata('villageCode', context.villageCode);
        single.addMetadata('requestId', context.requestId);
        single.addMetric(
          measure.name,
          measure.unit === 'Seconds' ? MetricUnit.Seconds : MetricUnit.Count,
          measure.value,
        );
      }
    },
  };
});

/** The open requests' gauges (OPEN_REQUESTS_METRIC, OPEN_PAST_TARGET_METRIC), in the same format. */
export function publishOpenRequests(count: OpenRequestsCount): void {
  const metrics = new Metrics({ namespace: BUSINESS_NAMESPACE, serviceName: 'desa-digital' });
  const open = metrics.singleMetric();
  open.addMetric(OPEN_REQUESTS_METRIC, MetricUnit.Count, count.open);
  for (const { villageCode, count: late } of count.pastTarget) {
    const single = metrics.singleMetric();
    single.addMetadata('villageCode', villageCode);
    single.addMetric(OPEN_PAST_TARGET_METRIC, MetricUnit.Count, late);
  }
}
