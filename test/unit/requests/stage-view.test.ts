import { describe, expect, it } from 'vitest';
import { findService } from '../../../functions/core/catalog/index.js';
import type { ServiceRequest } from '../../../functions/core/requests/requests.js';
import { requestView } from '../../../functions/core/requests/views.js';

const AT = '2026-11-22T03:00:00.000Z';
const perdes = findService('PERDES');
/** A Peraturan Desa on other matters, past the BPD's agreement (stage 0) and waiting for the village head. */
const waitingForHead: ServiceRequest = {
  id: '01JDEMO7K3MQ9XA5B8C2D4E6F0',
  trackingCode: 'DD-7K3M-Q9XA',
  serviceCode: 'PERDES',
  villageCode: '35.10.06.2001',
  status: 'IN_REVIEW',
  stageIndex: 2,
  applicant: { subject: 'sekdes-1', name: 'Sekretaris' },
  data: { title: 'Pengelolaan pasar desa', topic: 'lainnya' },
  awaiting: { role: 'village_head', stageKey: 'enactment', taskToken: 'token', dueAt: AT },
  records: { 'bpd-agreement': { bpdAgreementDate: '2026-11-20', bpdAgreementNumber: 'BA/07/2026' } },
  createdAt: AT,
  updatedAt: AT,
  version: 4,
};

describe("a request's view tells its decider what the stage asks and what was recorded", () => {
  it("gives the current stage's records and the document it attaches", () => {
    const atBpd = requestView(
      {
        ...waitingForHead,
        stageIndex: 0,
        awaiting: { role: 'village_secretary', stageKey: 'bpd-agreement', taskToken: 't', dueAt: AT },
      },
      perdes,
    );
    expect(atBpd.stage?.records?.map((field) => field.name)).toEqual([
      'bpdAgreementDate',
      'bpdAgreementNumber',
    ]);
    expect(atBpd.stage).not.toHaveProperty('attachesDocument');

    const atHead = requestView(waitingForHead, perdes);
    expect(atHead.stage?.key).toBe('enactment');
    expect(atHead.stage?.attachesDocument?.requirementCode).toBe('naskah-ditetapkan');
    expect(atHead.stage).not.toHaveProperty('records');
  });

  it('lists what earlier stages recorded, labelled from the chain', () => {
    const view = requestView(waitingForHead, perdes);
    expect(view.recorded).toEqual([
      {
        stage: 'bpd-agreement',
        label: { id: 'Kesepakatan BPD dicatat', en: "The BPD's agreement recorded" },
        values: [
          {
            name: 'bpdAgreementDate',
            label: { id: 'Tanggal kesepakatan BPD', en: 'Date the BPD agreed' },
            value: '2026-11-20',
          },
          {
            name: 'bpdAgreementNumber',
            label: { id: 'Nomor berita acara kesepakatan BPD', en: 'Number of the BPD minutes' },
            value: 'BA/07/2026',
          },
        ],
      },
    ]);
  });

  it('asks a returned request nothing of staff: the applicant corrects it', () => {
    const returned = requestView(
      {
        ...waitingForHead,
        status: 'RETURNED',
        awaiting: { role: 'citizen', stageKey: 'resubmission', taskToken: 't', dueAt: AT },
      },
      perdes,
    );
    expect(returned.stage?.role).toBe('citizen');
    expect(returned.stage).not.toHaveProperty('records');
    expect(returned.stage).not.toHaveProperty('attachesDocument');
  });
});
