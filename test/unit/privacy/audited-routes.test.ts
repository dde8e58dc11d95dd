import { describe, expect, it } from 'vitest';
import { createDataSubjectExport } from '../../../functions/api/privacy-routes.js';
import { ROUTES } from '../../../functions/api/routes.js';
import { grantsTableAccess } from '../../../lib/local/table-grants.js';

/**
 * A read of a request's full record appends to its access trail before it answers (fail closed), so the
 * route's function must be allowed to put the entry in the request's partition: without it every such read
 * would be refused by IAM and answer 500 (the local runtime refuses it the same way).
 */
const AUDITED_READS = [
  'getRequest',
  'getAttachment',
  'getRequestDocument',
  'listRequestNotifications',
  createDataSubjectExport.id,
];

describe('routes that audit their reads may write the audit entry', () => {
  it.each(AUDITED_READS)("%s may put the audit entry in the request's partition", (id) => {
    const route = ROUTES.find((candidate) => candidate.id === id);
    expect(route, `${id} is in the route table`).toBeDefined();
    expect(grantsTableAccess(route?.needs ?? [], { action: 'PutItem', partition: 'REQ#01ABC' })).toBe(true);
  });

  it('sends the NIK of a data-subject export in the body, never in the path or query', () => {
    expect(createDataSubjectExport.method).toBe('POST');
    expect(createDataSubjectExport.path).not.toMatch(/\{|nik/i);
    expect(createDataSubjectExport).not.toHaveProperty('query');
    expect(createDataSubjectExport.rows).toBe('personal-data');
    expect(createDataSubjectExport.access).toEqual(['data_protection_officer']);
  });
});
