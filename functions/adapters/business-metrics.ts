import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { BUSINESS_NAMESPACE, type BusinessMetrics } from '../core/requests/business-metrics.js';
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
