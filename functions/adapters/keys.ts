import type { AuditEntry, AuditTargetKind } from '../core/privacy/audit.js';
import type { RequestStatus } from '../core/requests/requests.js';

const AUDIT_PARTITIONS: Record<AuditTargetKind, string> = {
  request: 'REQ',
  village: 'VILLAGE',
  staff: 'STAFF',
  person: 'PERSON',
  document: 'DOC',
  budget: 'BUDGET',
  site: 'SITE',
  legal: 'LAW',
  survey: 'SURVEY',
};

/**
 * The single table's key design (DESIGN.md §2), one place for every key so access patterns stay visible:
 * - request            pk REQ#<id>            sk META       (what changes: status, stage, task, document…; small)
 * - request's data     pk REQ#<id>            sk META#DATA  (who applied, the form, files, contacts: written at
 *                      submission, again only by a correction or a decider's attached document; META holds its
 *                      hash. Sorts right after META, so one Query reads both, and events + META + DATA are
 *                      adjacent)
 * - request event      pk REQ#<id>            sk EVT#<at>#<n>
 * - notification       pk REQ#<id>            sk NOTIFY#<at>#<notification id>  (the outbox; query by prefix)
 * - registry lookup    pk REQ#<id>            sk REGLOG#<at>#<registry>#<n>  (who, whom, why; NIK masked)
 * - village inbox      gsi1 V#<village>#S#<status>   <createdAt>#<id>   (newest first by scanning backwards)
 * - village requests   gsi2 V#<village>              <createdAt>#<id>
 * - pending tasks      gsi3 T#<village>#<role>       <dueAt>#<id>       (only while a decider is awaited)
 * - citizen's requests gsi4 U#<subject>              <createdAt>#<id>
 *   (the request indexes hold keys, and gsi1 what the dashboard counts: a listing then reads the requests
 *   it shows by id; see TABLE_INDEXES in lib/constructs/data.ts)
 * - pending signals    gsi5 SIG#<village>            <written at>#<id>  (keys only; only while a decision's
 *                      or correction's signal to the workflow is unconfirmed: the reconciler re-sends them)
 * - village            pk VILLAGE#<code>      sk META;   gsi2 DIRECTORY#VILLAGE  <code>
 * - village's service  pk VILLAGE#<code>      sk SERVICE#<service code>   (its own programmes)
 * - service version    pk SERVICEVERSION#<service code>#<version>  sk META  (a definition as requests were
 *                      submitted under it: written once, never changed; core/catalog/service-version.ts)
 * - document           pk DOC#<id>            sk META
 * - document by hash   pk DOCHASH#<sha256>    sk META   (an uploaded PDF is found by its SHA-256)
 * - letter counter     pk COUNTER#<village>#<year>#<scope>  sk SEQUENCE;  void numbers sk VOID#<seq>
 * - idempotency        pk IDEM#<subject>#<key>      sk META (expires after a day)
 * - site item          pk SITE#<village>      sk NEWS#<id> | AGENDA#<id>  (the village website's news and agenda,
 *                      drafts and published; one small partition per village, read whole by a site render)
 * - audit entry        pk <the record's own pk: REQ#…, VILLAGE#…, STAFF#…, PERSON#…, DOC#…, SITE#…>  sk AUDIT#<at>#<id>
 * - tracking code      pk TRACK#<tracking code>  sk META   (→ request id; written with the request, unique)
 * - person's requests  pk PERSON#<sha256 of 'nik:'+NIK>  sk REQ#<id>  (every NIK in a request's data; the
 *                      key holds a hash, never the NIK)
 * - citizen profile    pk USER#<subject>      sk PROFILE  (the NIK the account linked, verified)
 * - NIK link           pk NIKLINK#<sha256 of 'nik:'+NIK>  sk META  (→ the one account that linked it)
 * - NIK activation     pk NIKACT#<sha256 of 'nik:'+NIK>   sk META  (the person's counter code, hashed; one)
 * - rate-limit window  pk RATE#<rule>#<sha256 of the limited value>  sk W#<window start, epoch s>  (hits;
 *                      expires after its window)
 * - reminder digest    pk DIGEST#<hour, YYYY-MM-DDTHH UTC>  sk H#<username>  (a decider's digest of the hour:
 *                      the reminder sent at once, the digest's delivery state; expires after a week)
 *   held reminder      pk DIGEST#<hour>  sk E#<username>#<notification id>  (each later reminder of the hour)
 *                      One partition per hour for the whole deployment, read once by the hourly job: an hour
 *                      takes as many writes as there are reminders in it, far below a partition's limit.
 * - legal product      pk LAW#<id>            sk META   (the register entry, by the id of its draft's request)
 * - legal number       pk LAWNO#<village>#<type or gazette>#<year>  sk N#<number>  (→ the product holding it:
 *                      claimed with the entry, so a number drawn by the chain and one typed for an older
 *                      product can never be the same)
 * - regency register   pk LAWREG#<regency>    sk <village>#<year>#<type>#<number, 4 digits>#<id>  (a copy of
 *                      each entry, written in the same transaction: one Query lists a village's products or
 *                      the regency's JDIHN feed. Legal products are tens per village and year, so a regency's
 *                      partition stays far below a partition's limits)
 * - stale site mark   pk SITESTALE#            sk <village>  (a village whose site is behind a change it shows:
 *                      when, and how many marks; the render job clears it. One partition for the deployment,
 *                      read whole every five minutes: a mark per village at most, written once per change)
 * - budget version     pk BUDGET#<village>#<year>  sk VERSION#<nn>   (APBDes 01, APBDes Perubahan 02…: its lines)
 * - budget realisation pk BUDGET#<village>#<year>  sk REALISATION#<semester>  (one per semester, replaced)
 *                      (the year's audit entries sort before both: one Query from REALISATION# reads the year)
 * - desil pointer      pk DESIL#<regency>     sk CURRENT  (the regency's current DTSEN desil import: id, rows, who)
 * - desil row          pk DESIL#<regency>#<import id>  sk P#<NIK pseudonym>  (one person's desil; rows of an
 *                      import the pointer no longer names are not read)
 * - household survey   pk SURVEY#<village>    sk S#<id>  (issue 13; the audit entries of its reads and writes sort
 *                      before, in the same partition: sk AUDIT#…)
 *   survey's member    pk PERSON#<NIK pseudonym>  sk SURVEY#<village>#<id>  (for the data-subject export)
 * - welfare case index pk CASE#<regency>   sk C#<village>#<createdAt>#<request id>  (issue 13: the dashboards
 *                      read a regency's partition, or a district's key range of it; the case is the request)
 * - market product     pk MARKET#<regency>      sk P#<village>-<ulid>  (the UMKM market, issue 13: one partition
 *                      per regency, a village's products a key range in it; the regency's public page reads
 *                      it whole, hundreds to a few thousand small items)
 * Every request key starts with its village, so load spreads as villages are added.
 */
export const keys = {
  request: (id: string) => ({ pk: `REQ#${id}`, sk: 'META' }),
  requestData: (id: string) => ({ pk: `REQ#${id}`, sk: 'META#DATA' }),
  /** The sort-key prefix of a request's own two items (META, META#DATA). */
  requestPrefix: 'META',
  event: (id: string, at: string, n: number) => ({
    pk: `REQ#${id}`,
    sk: `EVT#${at}#${String(n).padStart(4, '0')}`,
  }),
  eventPrefix: 'EVT#',
  /**
   * The sort keys of a request's view, its events and its two items (EVT#… sorts just before META, then
   * META#DATA): one Query from `first` to `last` reads them all, and none of the partition's audit entries,
   * notifications or look-ups.
   */
  requestView: { first: 'EVT#', last: 'META#DATA' },
  /** One outbox item; without `at` and `notificationId`, the key prefix of all of a request's notifications. */
  notification: (id: string, at?: string, notificationId?: string) => ({
    pk: `REQ#${id}`,
    sk: at && notificationId ? `NOTIFY#${at}#${notificationId}` : 'NOTIFY#',
  }),
  registryLookup: (id: string, at: string, registry: string, n: number) => ({
    pk: `REQ#${id}`,
    sk: `REGLOG#${at}#${registry}#${String(n).padStart(4, '0')}`,
  }),
  villageStatus: (village: string, status: RequestStatus) => `V#${village}#S#${status}`,
  villageAll: (village: string) => `V#${village}`,
  task: (village: string, role: string) => `T#${village}#${role}`,
  applicant: (subject: string) => `U#${subject}`,
  pendingSignal: (village: string) => `SIG#${village}`,
  village: (code: string) => ({ pk: `VILLAGE#${code}`, sk: 'META' }),
  villageService: (village: string, service: string) => ({
    pk: `VILLAGE#${village}`,
    sk: `SERVICE#${service}`,
  }),
  serviceVersion: (service: string, version: string) => ({
    pk: `SERVICEVERSION#${service}#${version}`,
    sk: 'META',
  }),
  villageDirectory: 'DIRECTORY#VILLAGE',
  document: (id: string) => ({ pk: `DOC#${id}`, sk: 'META' }),
  documentHash: (sha256: string) => ({ pk: `DOCHASH#${sha256}`, sk: 'META' }),
  counter: (village: string, year: number, scope = 'ALL') => ({
    pk: `COUNTER#${village}#${year}#${scope}`,
    sk: 'SEQUENCE',
  }),
  voidNumber: (village: string, year: number, sequence: number, scope = 'ALL') => ({
    pk: `COUNTER#${village}#${year}#${scope}`,
    sk: `VOID#${String(sequence).padStart(6, '0')}`,
  }),
  idempotency: (subject: string, key: string) => ({ pk: `IDEM#${subject}#${key}`, sk: 'META' }),
  trackingCode: (code: string) => ({ pk: `TRACK#${code}`, sk: 'META' }),
  /** One request about a person; without `id`, the key prefix of all of them. `personHash`: see nikHash. */
  personRequest: (personHash: string, id?: string) => ({
    pk: `PERSON#${personHash}`,
    sk: id ? `REQ#${id}` : 'REQ#',
  }),
  profile: (subject: string) => ({ pk: `USER#${subject}`, sk: 'PROFILE' }),
  nikLink: (personHash: string) => ({ pk: `NIKLINK#${personHash}`, sk: 'META' }),
  nikActivation: (personHash: string) => ({ pk: `NIKACT#${personHash}`, sk: 'META' }),
  rateWindow: (key: string, windowStart: number) => ({ pk: `RATE#${key}`, sk: `W#${windowStart}` }),
  digestHour: (hour: string) => `DIGEST#${hour}`,
  digestHead: (hour: string, username: string) => ({ pk: `DIGEST#${hour}`, sk: `H#${username}` }),
  heldReminder: (hour: string, username: string, notificationId: string) => ({
    pk: `DIGEST#${hour}`,
    sk: `E#${username}#${notificationId}`,
  }),
  legalProduct: (id: string) => ({ pk: `LAW#${id}`, sk: 'META' }),
  legalRegister: (regency: string) => `LAWREG#${regency}`,
  legalNumber: (village: string, scope: string, year: number, n: number) => ({
    pk: `LAWNO#${village}#${scope}#${year}`,
    sk: `N#${String(n).padStart(4, '0')}`,
  }),
  legalRegisterEntry: (
    regency: string,
    village: string,
    year: number,
    type: string,
    n: number,
    id: string,
  ) => ({
    pk: `LAWREG#${regency}`,
    sk: `${village}#${year}#${type}#${String(n).padStart(4, '0')}#${id}`,
  }),
  siteItem: (village: string, kind: 'news' | 'agenda', id: string) => ({
    pk: `SITE#${village}`,
    sk: `${kind === 'news' ? 'NEWS' : 'AGENDA'}#${id}`,
  }),
  site: (village: string) => `SITE#${village}`,
  staleSites: 'SITESTALE#',
  staleSite: (village: string) => ({ pk: 'SITESTALE#', sk: village }),
  /** An audit entry lives in its record's partition, so it is written in the same transaction as the change. */
  /** A budget year's partition, and where its versions and realisation start (after its audit entries). */
  budgetYear: (village: string, year: number) => ({ pk: `BUDGET#${village}#${year}`, from: 'REALISATION#' }),
  budgetVersion: (village: string, year: number, version: number) => ({
    pk: `BUDGET#${village}#${year}`,
    sk: `VERSION#${String(version).padStart(2, '0')}`,
  }),
  survey: (village: string, id: string) => ({ pk: `SURVEY#${village}`, sk: `S#${id}` }),
  surveyMember: (person: string, village: string, id: string) => ({
    pk: `PERSON#${person}`,
    sk: `SURVEY#${village}#${id}`,
  }),
  caseIndex: (regency: string, village: string, createdAt: string, id: string) => ({
    pk: `CASE#${regency}`,
    sk: `C#${village}#${createdAt}#${id}`,
  }),
  desilCurrent: (regency: string) => ({ pk: `DESIL#${regency}`, sk: 'CURRENT' }),
  desilRow: (regency: string, importId: string, person: string) => ({
    pk: `DESIL#${regency}#${importId}`,
    sk: `P#${person}`,
  }),
  budgetRealisation: (village: string, year: number, semester: number) => ({
    pk: `BUDGET#${village}#${year}`,
    sk: `REALISATION#${semester}`,
  }),
  marketProduct: (id: string) => ({ pk: `MARKET#${id.split('.').slice(0, 2).join('.')}`, sk: `P#${id}` }),
  /** A regency's products, or a village's (its ids start with its code). */
  marketProducts: (regency: string, village?: string) => ({
    pk: `MARKET#${regency}`,
    sk: village ? `P#${village}-` : 'P#',
  }),
  /** A certificate the regency's authority issued (core/documents/signer-certificates.ts). */
  certificate: (id: string) => ({ pk: `CERT#${id}`, sk: 'CERT' }),
  audit: (target: AuditEntry['target'], at?: string, id?: string) => ({
    pk: `${AUDIT_PARTITIONS[target.kind]}#${target.id}`,
    sk: at && id ? `AUDIT#${at}#${id}` : 'AUDIT#',
  }),
} as const;
