import { describe, expect, it } from 'vitest';
import { createDataSubjectExport } from '../../../functions/api/privacy-routes.js';
import { ROUTES } from '../../../functions/api/routes.js';

/**
 * A read of a request's full record appends to its access trail before it answers (fail closed), so in AWS
 * the route's function must be allowed to write to the table: without 'table:write' every such read would be
 * refused by IAM and answer 500 — locally there is no IAM to notice.
 */
const AUDITED_READS = [
  'getRequest',
  'getAttachment',
  'getRequestDocument',
  'listRequestNotifications',
  createDataSubjectExport.id,
];

describe('routes that audit their reads may write the audit entry', () => {
  it.each(AUDITED_READS)('%s needs table:write', (id) => {
    const route = ROUTES.find((candidate) => candidate.id === id);
    expect(route, `${id} is in the route table`).toBeDefined();
    expect(route?.needs).toContain('table:write');
  });

  it('sends the NIK of a data-subject export in the body, never in the path or query', () => {
    expect(createDataSubjectExport.method).toBe('POST');
    expect(createDataSubjectExport.path).not.toMatch(/\{|nik/i);
    expect(createDataSubjectExport).not.toHaveProperty('query');
    expect(createDataSubjectExport.rows).toBe('personal-data');
    expect(createDataSubjectExport.access).toEqual(['data_protection_officer']);
  });
});
