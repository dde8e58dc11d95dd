import type { RequestStatus } from '../core/requests.js';

/**
 * The single table's key design (DESIGN.md §2), one place for every key so access patterns stay visible:
 * - request            pk REQ#<id>            sk META
 * - request event      pk REQ#<id>            sk EVT#<at>#<n>
 * - village inbox      gsi1 V#<village>#S#<status>   <createdAt>#<id>   (newest first by scanning backwards)
 * - village requests   gsi2 V#<village>              <createdAt>#<id>
 * - pending tasks      gsi3 T#<village>#<role>       <dueAt>#<id>       (only while a decider is awaited)
 * - citizen's requests gsi4 U#<subject>              <createdAt>#<id>
 * - village            pk VILLAGE#<code>      sk META;   gsi2 DIRECTORY#VILLAGE  <code>
 * - document           pk DOC#<id>            sk META
 * - letter counter     pk COUNTER#<village>#<year>  sk SEQUENCE;  void numbers sk VOID#<seq>
 * - idempotency        pk IDEM#<subject>#<key>      sk META (expires after a day)
 * Every request key starts with its village, so load spreads as villages are added.
 */
export const keys = {
  request: (id: string) => ({ pk: `REQ#${id}`, sk: 'META' }),
  event: (id: string, at: string, n: number) => ({
    pk: `REQ#${id}`,
    sk: `EVT#${at}#${String(n).padStart(4, '0')}`,
  }),
  eventPrefix: 'EVT#',
  villageStatus: (village: string, status: RequestStatus) => `V#${village}#S#${status}`,
  villageAll: (village: string) => `V#${village}`,
  task: (village: string, role: string) => `T#${village}#${role}`,
  applicant: (subject: string) => `U#${subject}`,
  village: (code: string) => ({ pk: `VILLAGE#${code}`, sk: 'META' }),
  villageDirectory: 'DIRECTORY#VILLAGE',
  document: (id: string) => ({ pk: `DOC#${id}`, sk: 'META' }),
  counter: (village: string, year: number) => ({ pk: `COUNTER#${village}#${year}`, sk: 'SEQUENCE' }),
  voidNumber: (village: string, year: number, sequence: number) => ({
    pk: `COUNTER#${village}#${year}`,
    sk: `VOID#${String(sequence).padStart(6, '0')}`,
  }),
  idempotency: (subject: string, key: string) => ({ pk: `IDEM#${subject}#${key}`, sk: 'META' }),
} as const;
