import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import * as z from 'zod/mini';
import { stepAt } from '../approvals/approvals.js';
import { applicationSchema } from '../catalog/application-schema.js';
import { offeredEverywhere, type ServiceCatalog } from '../catalog/service-catalog.js';
import type { ServiceDefinition } from '../catalog/types.js';
import { canSubmitIn, channelServes, consentRequired, submissionChannel } from '../identity/policy.js';
import type { Actor, Role } from '../identity/roles.js';
import { announce } from '../notifications/announce.js';
import {
  consumeOrThrow,
  type RateCounter,
  RateLimitedError,
  type RateLimitRule,
  type RateTicket,
  refund,
} from '../privacy/rate-limit.js';
import {
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  UnprocessableError,
  ValidationError,
} from '../shared/errors.js';
import { newId, newTrackingCode } from '../shared/ids.js';
import type {
  Clock,
  IdempotencyRecord,
  Notifier,
  RequestStore,
  VillageDirectory,
  Workflow,
} from '../shared/ports.js';
import { text } from '../shared/text.js';
import { parseOrThrow } from '../shared/validation.js';
import { type Village, villageFor } from '../villages/places.js';
import {
  type AttachmentInput,
  acceptAttachments,
  missingRequirements,
  submittedRequirements,
  type UploadStore,
} from './attachments.js';
import type { BusinessMetrics } from './business-metrics.js';
import {
  type Consent,
  type Contact,
  eventActor,
  type RequestEvent,
  type ServiceRequest,
  type SubmissionChannel,
} from './requests.js';

export interface SubmitInput {
  readonly serviceCode: string;
  readonly villageCode: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly attachments?: readonly AttachmentInput[];
  readonly contact?: Contact;
  /** Assisted submissions only: the citizen's consent, as the operator recorded it at the counter. */
  readonly consent?: Consent;
  /** Assisted submissions only: the citizen the operator submits for, and their phone for notifications. */
  readonly citizen?: { readonly name: string; readonly phone?: string };
  /**
   * NIKs of people the request is about that its data does not hold (a dropout case keeps the child's
   * pseudonym only): indexed like the form's NIK fields, for the data-subject export.
   */
  readonly people?: readonly string[];
}

export interface SubmitOptions {
  /**
   * An office document the platform compiles from the village's data (ServiceDefinition.compiled): its own
   * route checked who may draft it and built `data`; it goes in the office channel. Such a service is never
   * submitted otherwise, so nobody can send it with data of their own.
   */
  readonly compiled?: boolean;
}

export interface SubmitDeps {
  readonly requests: RequestStore;
  /** Submission counters per account, and their limits (submissionLimits). */
  readonly rates: RateCounter;
  readonly submissionLimits: Readonly<Record<SubmissionChannel, RateLimitRule>>;
  readonly villages: VillageDirectory;
  readonly catalog: ServiceCatalog;
  readonly uploads: UploadStore;
  readonly workflow: Workflow;
  readonly notifier: Notifier;
  /** Counts the change for devops (issue 15); absent where nobody counts (tests, scripts). */
  readonly metrics?: BusinessMetrics;
  readonly clock: Clock;
}

/**
 * Submissions per account and day (issue 10): a request names a contact the platform then messages, and
 * that contact is not verified; an account may not send more than this many (a citizen's real needs are a
 * handful a day). Operators enter requests for many citizens at their counter: they get more.
 */
export const SUBMISSIONS_PER_ACCOUNT: Readonly<Record<SubmissionChannel, RateLimitRule>> = {
  self: { name: 'submit-account', limit: 20, windowSeconds: 24 * 60 * 60 },
  assisted: { name: 'submit-counter-account', limit: 200, windowSeconds: 24 * 60 * 60 },
  office: { name: 'submit-office-account', limit: 50, windowSeconds: 24 * 60 * 60 },
};

/**
 * The limits with a deployment's own daily number (SUBMISSIONS_PER_ACCOUNT_PER_DAY; counters get ten times
 * as many): a regency whose offices see more may raise it, and load tests that play a few accounts do.
 */
export function submissionLimits(perDay?: number): Readonly<Record<SubmissionChannel, RateLimitRule>> {
  if (perDay === undefined) return SUBMISSIONS_PER_ACCOUNT;
  return {
    self: { ...SUBMISSIONS_PER_ACCOUNT.self, limit: perDay },
    assisted: { ...SUBMISSIONS_PER_ACCOUNT.assisted, limit: perDay * 10 },
    office: SUBMISSIONS_PER_ACCOUNT.office,
  };
}

/**
 * Submits a request.
 * Primary course: the village exists and offers the service; the applicant's data passes the service's
 * schema and every required persyaratan is attached; the Idempotency-Key (if any) is claimed; the files are
 * checked against their tickets and by their bytes and moved under the request; the request and its first
 * event are written (completing the key's record, in one transaction); then the workflow is started with
 * the request id as its execution name.
 * Never lost: the record is written before the workflow starts; if starting fails, the record stays
 * SUBMITTED for the reconciler, and a retry with the same Idempotency-Key starts it again.
 */
export async function submitRequest(
  deps: SubmitDeps,
  actor: Actor,
  input: SubmitInput,
  idempotencyKey?: string,
  options: SubmitOptions = {},
): Promise<{ request: ServiceRequest; replayed: boolean }> {
  const idempotency = idempotencyKey
    ? { key: idempotencyKey, subject: actor.subject, bodyHash: hashBody(input) }
    : undefined;
  const replay = idempotency
    ? await deps.requests.idempotency(idempotency.subject, idempotency.key)
    : undefined;
  if (replay && idempotency && replay.claimedUntil === undefined) {
    return replayed(deps, replay, idempotency.bodyHash, input);
  }

  if (!options.compiled && !canSubmitIn(actor, input.villageCode)) {
    throw new ForbiddenError(
      text(
        `Operator hanya dapat mengajukan di loket desa sendiri, bukan ${input.villageCode}.`,
        `An operator submits at their own village's counter only, not ${input.villageCode}.`,
      ),
    );
  }
  const now = deps.clock.now();
  const channel = options.compiled ? 'office' : submissionChannel(actor, input.villageCode);
  const channelIssues = checkChannel(channel, input, now);
  if (channelIssues.length > 0) {
    throw new ValidationError(
      text(
        `Data tidak valid: ${channelIssues.map((issue) => issue.message.id).join('; ')}`,
        `Invalid data: ${channelIssues.map((issue) => issue.message.en).join('; ')}`,
      ),
      channelIssues,
    );
  }
  const village = await villageFor(deps.villages, input.villageCode);
  const service = await offeredService(deps.catalog, village, input.serviceCode);
  if (!channelServes(channel, service)) {
    throw new ForbiddenError(
      channel === 'office'
        ? text(
            `${service.name.id} diajukan warga atau operator loket, bukan kantor desa.`,
            `${service.name.en} is applied for by citizens or the counter operator, not by the village office.`,
          )
        : text(
            `${service.name.id} disusun oleh sekretaris desa.`,
            `${service.name.en} is drafted by the village secretary.`,
          ),
    );
  }
  if (Boolean(service.compiled) !== Boolean(options.compiled)) {
    throw new ForbiddenError(
      text(
        `${service.name.id} disusun dari data desa melalui rutenya sendiri, bukan diajukan di sini.`,
        `${service.name.en} is compiled from the village's data through its own route, not submitted here.`,
      ),
    );
  }
  const data = validateApplication(service, input.data);
  const missing = missingRequirements(service, input.attachments ?? []);
  if (missing.length > 0) {
    throw new ValidationError(
      text(
        `Persyaratan belum lengkap: ${missing.map((issue) => issue.message.id).join('; ')}`,
        `Missing requirements: ${missing.map((issue) => issue.message.en).join('; ')}`,
      ),
      missing,
    );
  }

  // The key is claimed before any file moves: of two submissions with one key, one holds the claim and the
  // other waits for its answer; a retry after a failure resumes under the same request id.
  const hold = idempotency ? await holdKey(deps, idempotency) : undefined;
  if (hold && 'completed' in hold && idempotency) {
    return replayed(deps, hold.completed, idempotency.bodyHash, input);
  }
  const claim = hold && 'claim' in hold ? hold : undefined;
  const id = claim?.claim.requestId ?? newId(now);
  const role = actor.roles[0] ?? 'citizen';
  let ticket: RateTicket | undefined;
  try {
    // Counted once the input is valid and the key is held (bad input and replays cost nothing), before
    // anything is written; given back when no request is written.
    ticket = await consumeOrThrow(deps.rates, deps.submissionLimits[channel], actor.subject, now);
    const planned = { id, role, now, channel, village, service, data };
    const submitted = await createSubmitted(deps, actor, input, planned, claim?.claim);
    // Another attempt with this key wrote the request first: this one counts for nothing.
    if (submitted.replayed) await refund(deps.rates, ticket).catch(() => undefined);
    return submitted;
  } catch (error) {
    if (ticket) await refund(deps.rates, ticket).catch(() => undefined);
    // A refusal of this attempt (its files, or the account's daily limit) moved nothing: a fresh claim goes
    // (the table is as it was); any other failure keeps the claim (files may have moved) and ends its lease so
    // a retry resumes at once.
    if (claim) {
      const refused =
        (error instanceof ValidationError || error instanceof RateLimitedError) && !claim.resumed;
      // If this fails too, the lease simply runs out (CLAIM_LEASE_MS) and a retry resumes then.
      await deps.requests.releaseIdempotencyClaim(claim.claim, refused).catch(() => undefined);
    }
    throw error;
  }
}

interface Planned {
  readonly id: string;
  readonly role: Role;
  readonly now: Date;
  readonly channel: SubmissionChannel;
  readonly village: Village;
  readonly service: ServiceDefinition;
  readonly data: Record<string, unknown>;
}

/** Accepts the files, writes the request (completing the key's claim in the same transaction), starts it. */
async function createSubmitted(
  deps: SubmitDeps,
  actor: Actor,
  input: SubmitInput,
  { id, role, now, channel, village, service, data }: Planned,
  idempotency: IdempotencyRecord | undefined,
): Promise<{ request: ServiceRequest; replayed: boolean }> {
  const attachments = await acceptAttachments(
    deps,
    actor,
    role,
    {
      requestId: id,
      villageCode: village.code,
      serviceCode: service.code,
      requirementCodes: submittedRequirements(service),
      resumable: idempotency !== undefined,
    },
    input.attachments ?? [],
  );
  // The request is carried through the definition it is submitted under, whatever is deployed later: stored
  // before the request that names it (once the files are accepted: a refused submission writes nothing).
  const serviceVersion = await deps.catalog.keepVersion(service);
  const at = now.toISOString();
  const assisted = channel === 'assisted' && input.consent && input.citizen ? input : undefined;
  const contact = contactOf(input);
  let request: ServiceRequest = {
    id,
    trackingCode: newTrackingCode(),
    serviceCode: service.code,
    serviceVersion,
    villageCode: village.code,
    status: 'SUBMITTED',
    stageIndex: 0,
    applicant: { subject: actor.subject, name: actor.name },
    data,
    ...(contact ? { contact } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
    createdAt: at,
    updatedAt: at,
    version: 1,
    channel,
    ...(assisted?.consent ? { consent: assisted.consent } : {}),
    ...(assisted?.citizen ? { citizen: { name: assisted.citizen.name.trim() } } : {}),
  };
  const event: RequestEvent & Pick<ServiceRequest, 'channel' | 'consent'> = {
    requestId: id,
    at,
    type: 'SUBMITTED',
    status: 'SUBMITTED',
    actor: eventActor(actor, role),
    channel,
    ...(assisted?.consent ? { consent: assisted.consent } : {}),
  };
  // A tracking code is 40 random bits: a clash is about one in a million at a million requests. When the
  // code is taken, the transaction wrote nothing; draw another (three tries, then fail loudly: a 500 whose
  // details stay in the logs, and the citizen's retry with the same Idempotency-Key resumes the claim).
  for (let attempt = 1; ; attempt++) {
    const people = [...new Set([...peopleNamed(service, data), ...(input.people ?? [])])];
    const result = await deps.requests.create(request, event, idempotency, people);
    if (result.created) break;
    if ('existing' in result) {
      return replayed(deps, result.existing, idempotency?.bodyHash ?? '', input);
    }
    if (attempt >= TRACKING_CODE_ATTEMPTS) {
      throw new Error(`No free tracking code after ${attempt} attempts for request ${id}`);
    }
    request = { ...request, trackingCode: newTrackingCode() };
  }
  await announce(deps, request, service, event);
  await deps.workflow.start(id, stepAt(service, 0, data));
  return { request, replayed: false };
}

const TRACKING_CODE_ATTEMPTS = 3;

/** Consent may be recorded shortly before the submission (or queued offline for a while), not after it. */
const CONSENT_CLOCK_SKEW_MS = 10 * 60 * 1000;
const CONSENT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** The consent rule (policy.consentRequired) applied to a submission's body: what is missing or not allowed. */
function checkChannel(channel: SubmissionChannel, input: SubmitInput, now: Date): FieldIssue[] {
  const issue = (field: string, id: string, en: string): FieldIssue => ({ field, message: text(id, en) });
  if (!consentRequired(channel)) {
    return [
      ...(input.consent
        ? [
            issue(
              'consent',
              'consent: hanya untuk pengajuan oleh operator di loket desa',
              'consent: only for submissions an operator makes at the village counter',
            ),
          ]
        : []),
      ...(input.citizen
        ? [
            issue(
              'citizen',
              'citizen: hanya untuk pengajuan oleh operator di loket desa',
              'citizen: only for submissions an operator makes at the village counter',
            ),
          ]
        : []),
    ];
  }
  const issues: FieldIssue[] = [];
  const { consent, citizen } = input;
  if (!consent) {
    issues.push(
      issue(
        'consent',
        'consent: persetujuan warga wajib dicatat untuk pengajuan di loket (cara, waktu, saksi)',
        "consent: the citizen's consent must be recorded for a counter submission (method, time, witness)",
      ),
    );
  } else {
    const recordedAt = Date.parse(consent.recordedAt);
    if (Number.isNaN(recordedAt)) {
      issues.push(
        issue('consent.recordedAt', 'consent.recordedAt: tidak valid', 'consent.recordedAt: is not valid'),
      );
    } else if (recordedAt > now.getTime() + CONSENT_CLOCK_SKEW_MS) {
      issues.push(
        issue(
          'consent.recordedAt',
          'consent.recordedAt: tidak boleh di masa depan',
          'consent.recordedAt: cannot be in the future',
        ),
      );
    } else if (recordedAt < now.getTime() - CONSENT_MAX_AGE_MS) {
      issues.push(
        issue(
          'consent.recordedAt',
          'consent.recordedAt: lebih dari 30 hari yang lalu; catat persetujuan baru',
          'consent.recordedAt: more than 30 days ago; record a new consent',
        ),
      );
    }
    if (consent.method === 'verbal-witnessed' && !consent.witnessName?.trim()) {
      issues.push(
        issue(
          'consent.witnessName',
          'consent.witnessName: wajib diisi untuk persetujuan lisan',
          'consent.witnessName: is required for verbal consent',
        ),
      );
    }
  }
  if (!citizen?.name.trim()) {
    issues.push(
      issue(
        'citizen.name',
        'citizen.name: nama warga yang dilayani wajib diisi',
        'citizen.name: the name of the citizen served is required',
      ),
    );
  }
  if (citizen?.phone && input.contact?.phone && citizen.phone !== input.contact.phone) {
    issues.push(
      issue(
        'citizen.phone',
        'citizen.phone: berbeda dengan contact.phone; kirim salah satu',
        'citizen.phone: differs from contact.phone; send one of them',
      ),
    );
  }
  return issues;
}

/** Where notifications go: the body's contact, and at the counter the citizen's phone. */
function contactOf(input: SubmitInput): Contact | undefined {
  const phone = input.citizen?.phone ?? input.contact?.phone;
  const contact = { ...input.contact, ...(phone ? { phone } : {}) };
  return Object.keys(contact).length > 0 ? contact : undefined;
}

/** Every NIK the application names (fields of type NIK), once each: the people the request is about. */
export function peopleNamed(
  service: Pick<ServiceDefinition, 'fields'>,
  data: Readonly<Record<string, unknown>>,
) {
  const niks = service.fields
    .filter((field) => field.type === 'nik')
    .map((field) => data[field.name])
    .filter((value): value is string => typeof value === 'string' && value !== '');
  return [...new Set(niks)];
}

/**
 * How long a claim on an Idempotency-Key holds: longer than any submission runs (an API function stops after
 * 10 s), so a live holder is never overtaken; after a crash its key resumes at most this long afterwards.
 */
const CLAIM_LEASE_MS = 30_000;
/** How long a duplicate waits for the holder of its key to answer (within its own 10 s) before a 409. */
const CLAIM_WAIT_MS = 8_000;

type Hold =
  | { readonly completed: IdempotencyRecord }
  | { readonly claim: IdempotencyRecord; readonly resumed: boolean };

/**
 * Takes the claim on the key, or learns the first answer: a new key is claimed; a completed one is replayed;
 * a claim someone holds is waited for (its answer is replayed); a claim whose lease ended (its holder failed
 * or crashed) is taken over, keeping its request id, so the files it moved are found again.
 */
async function holdKey(deps: SubmitDeps, key: Omit<IdempotencyRecord, 'requestId'>): Promise<Hold> {
  const started = deps.clock.now().getTime();
  for (let attempt = 0; ; attempt++) {
    const now = deps.clock.now().getTime();
    let existing = await deps.requests.idempotency(key.subject, key.key);
    if (!existing) {
      const claim = { ...key, requestId: newId(deps.clock.now()), claimedUntil: now + CLAIM_LEASE_MS };
      const result = await deps.requests.claimIdempotency(claim);
      if (result.claimed) return { claim, resumed: false };
      existing = result.existing;
    }
    if (existing.bodyHash !== key.bodyHash || existing.claimedUntil === undefined) {
      return { completed: existing };
    }
    if (existing.claimedUntil < now) {
      const renewed = await deps.requests.renewIdempotencyClaim(existing, now + CLAIM_LEASE_MS, now);
      if (renewed) return { claim: { ...existing, claimedUntil: now + CLAIM_LEASE_MS }, resumed: true };
    }
    if (now - started > CLAIM_WAIT_MS) {
      throw new ConflictError(
        'IDEMPOTENCY_KEY_IN_PROGRESS',
        text(
          'Permohonan dengan Idempotency-Key ini sedang diproses; coba lagi sebentar lagi.',
          'A submission with this Idempotency-Key is in progress; try again shortly.',
        ),
      );
    }
    await sleep(Math.random() * Math.min(1000, 20 * 2 ** attempt));
  }
}

/** The first answer again for a retried submission; a key reused for another body is refused. */
async function replayed(deps: SubmitDeps, existing: IdempotencyRecord, bodyHash: string, input: SubmitInput) {
  if (existing.bodyHash !== bodyHash) {
    throw new UnprocessableError(
      'IDEMPOTENCY_KEY_REUSED',
      text(
        'Idempotency-Key ini sudah dipakai untuk permohonan dengan isi berbeda.',
        'This Idempotency-Key was already used for a request with a different body.',
      ),
    );
  }
  const first = await deps.requests.get(existing.requestId);
  if (!first) throw new Error('Idempotency record points at a missing request');
  const service = await deps.catalog.definitionOf(first).catch(() => undefined);
  // A request from before service versions whose service was withdrawn since the first answer: its
  // workflow, if it never started, cannot run; the reconciler reports the request as stuck.
  if (service) await deps.workflow.start(first.id, stepAt(service, 0, first.data));
  return { request: asSubmitted(first, service, input.attachments?.length ?? 0), replayed: true };
}

/**
 * The first answer, again (concurrent retries must all get the same one): the request as it was when it was
 * created, whatever happened since (a GET shows that). Lifecycle fields go back to their values at creation,
 * later additions are left out (attachments past the submission's own, which come first), and the data keys
 * are put back in the order the schema parsed them in.
 */
function asSubmitted(
  request: ServiceRequest,
  service: ServiceDefinition | undefined,
  submittedAttachments: number,
): ServiceRequest {
  const {
    awaiting: _awaiting,
    document: _document,
    outcome: _outcome,
    checks: _checks,
    returnedFrom: _returnedFrom,
    attachments,
    ...created
  } = request;
  const submitted = attachments?.slice(0, submittedAttachments) ?? [];
  const names = service ? service.fields.map((field) => field.name) : Object.keys(request.data);
  const data = Object.fromEntries(
    names.filter((name) => name in request.data).map((name) => [name, request.data[name]]),
  );
  return {
    ...created,
    status: 'SUBMITTED',
    stageIndex: 0,
    updatedAt: request.createdAt,
    version: 1,
    data,
    ...(submitted.length > 0 ? { attachments: submitted } : {}),
  };
}

/** Validates an application under a `data` key so each issue names the field as sent: data.nik, data.fullName… */
export function validateApplication(service: ServiceDefinition, data: unknown): Record<string, unknown> {
  const labels = Object.fromEntries(service.fields.map((field) => [`data.${field.name}`, field.label]));
  return parseOrThrow(z.object({ data: applicationSchema(service) }), { data }, labels).data;
}

/** Hash of the body as the caller meant it (key order does not matter). */
function hashBody(input: SubmitInput): string {
  return createHash('sha256').update(stableJson(input)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export async function offeredService(
  catalog: ServiceCatalog,
  village: Village,
  code: string,
): Promise<ServiceDefinition> {
  const service = await catalog.get(village.code, code);
  if (!offeredEverywhere(service) && !village.services.includes(service.code)) {
    throw new ValidationError(
      text(
        `Desa ${village.name} belum melayani ${service.name.id}.`,
        `Village ${village.name} does not offer ${service.name.en}.`,
      ),
      [
        {
          field: 'serviceCode',
          message: text('layanan tidak tersedia di desa ini', 'service not offered by this village'),
        },
      ],
    );
  }
  return service;
}
