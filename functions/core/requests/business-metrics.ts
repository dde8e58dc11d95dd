import type { ServiceDefinition } from '../catalog/types.js';
import type { RequestEvent, ServiceRequest } from './requests.js';

/** CloudWatch namespace of the business measures (the dashboard and the alarms read it). */
export const BUSINESS_NAMESPACE = 'DesaDigital';

/**
 * Gauges the reconciler publishes hourly (functions/workflow/reconcile.ts): the open requests of the
 * deployment (its open executions, against the account's quota), and, one value per village that has any,
 * the open requests past their service's target time, the village as a property (alarmed on the Maximum:
 * the worst village).
 */
export const OPEN_REQUESTS_METRIC = 'OpenRequests';
export const OPEN_PAST_TARGET_METRIC = 'OpenPastTarget';

/** One business measure of a change, as CloudWatch counts it (issue 15, item 3). */
export interface BusinessMeasure {
  readonly name:
    | 'Submitted'
    | 'Issued'
    | 'Returned'
    | 'Rejected'
    | 'Escalated'
    | 'SecondsToIssue'
    | 'IssuedLate';
  readonly unit: 'Count' | 'Seconds';
  readonly value: number;
}

/**
 * Where business measures go (CloudWatch embedded metric format in AWS). The service, village and request
 * travel with each measure as searchable properties, not as dimensions: a dimension per village would make
 * thousands of metrics, each billed monthly; Logs Insights finds them per village instead (docs/runbook.md).
 */
export interface BusinessMetrics {
  record(
    measures: readonly BusinessMeasure[],
    context: { readonly serviceCode: string; readonly villageCode: string; readonly requestId: string },
  ): void;
}

/**
 * What a status change counts: a submission, an issue (with the time from submission to the letter, and
 * whether it took longer than the service's target), a return, a rejection, an escalation. Other changes
 * (a stage approved, a correction) count nothing.
 */
export function measuresOf(
  request: ServiceRequest,
  service: ServiceDefinition,
  event: RequestEvent,
): BusinessMeasure[] {
  if (event.type === 'SUBMITTED') return [count('Submitted')];
  if (event.type === 'ISSUED') {
    const seconds = Math.max(0, (Date.parse(event.at) - Date.parse(request.createdAt)) / 1000);
    return [
      count('Issued'),
      { name: 'SecondsToIssue', unit: 'Seconds', value: Math.round(seconds) },
      ...(seconds > service.targetHours * 3600 ? [count('IssuedLate')] : []),
    ];
  }
  if (event.status === 'RETURNED') return [count('Returned')];
  if (event.status === 'REJECTED') return [count('Rejected')];
  if (event.type === 'ESCALATED') return [count('Escalated')];
  return [];
}

const count = (name: BusinessMeasure['name']): BusinessMeasure => ({ name, unit: 'Count', value: 1 });
