import { createHash } from 'node:crypto';
import type { ServiceCatalog } from '../catalog/service-catalog.js';
import type { DecisionStage, ServiceDefinition } from '../catalog/types.js';
import { zonedFormatter } from '../documents/calendar.js';
import { decidingRole, worksFor } from '../identity/policy.js';
import { type Actor, isRole, STAFF_ROLES, type StaffRole } from '../identity/roles.js';
import type { StaffMember } from '../identity/staff.js';
import type { RateLimitRule } from '../privacy/rate-limit.js';
import type { RequestEvent, RequestStatus, ServiceRequest } from '../requests/requests.js';
import { readVisible } from '../requests/visible-request.js';
import type { Notification, Notifier, RequestStore, StaffReminder } from '../shared/ports.js';
import { type LocalizedText, text } from '../shared/text.js';

/**
 * What people are told about a request, composed here and nowhere else (pure functions, no I/O apart from
 * the read use case at the end):
 * - the applicant, on every status change: an e-mail (Indonesian first, then English), and an SMS
 *   (Indonesian, at most 160 GSM-7 characters, so it is one message part on any phone) only when they must
 *   act or can collect (applicantChannels);
 * - the deciders of a stage, when it opens or is escalated: each staff member the authorization policy lets
 *   decide it (stageDeciders), by SMS, else e-mail, with a short text.
 *
 * Privacy: a message carries the tracking code, the service, the stage and the reason given by staff, never
 * the applicant's data (no NIK, no family-card number, no name or address). Reasons are free text written
 * by staff, so long digit runs in them are masked before they leave (see maskLongNumbers).
 */

/** Where the applicant asked to be told (ServiceRequest.contact); both optional. */
export interface ApplicantContact {
  readonly phone?: string;
  readonly email?: string;
}

/** The awaited party of an open task, as ServiceRequest.awaiting records it (the task token is never read). */
export interface WaitingStage {
  readonly stageKey: string;
  readonly role: string;
  readonly actingRole?: string;
  readonly dueAt: string;
}

/** One SMS part: GSM 03.38, 7-bit. Longer texts are split and billed per part. */
export const SMS_MAX_LENGTH = 160;
const SENDER = 'Desa Digital: ';

// ---------------------------------------------------------------------------------------------------------
// Applicant notifications

/**
 * Statuses the applicant hears about by SMS (issue 11, goal 7): they must act (returned: correct and
 * resubmit), or the request is settled and they can collect (issued) or must know they will not get the
 * letter (rejected; expired, closed without a letter, where they must apply again or ask the office).
 * An SMS to Indonesia costs hundreds of times an e-mail, and a letter passes through about seven statuses.
 */
export const APPLICANT_SMS_STATUSES: ReadonlySet<RequestStatus | 'OVERDUE'> = new Set<RequestStatus>([
  'RETURNED',
  'REJECTED',
  'ISSUED',
  'EXPIRED',
]);

/**
 * The channels that tell the applicant about a status (the effective one: 'OVERDUE' for a stage past its
 * deadline), given which contacts they left (`phone`: any phone number given, usable or not; `email`: a
 * usable address). Every status goes by e-mail when there is an address, and is on the tracking page
 * anyway; an SMS only for APPLICANT_SMS_STATUSES. For those, an SMS is also recorded, to nobody, when the
 * number is unusable or no contact works at all, so the outbox shows the applicant could not be told what
 * they needed to hear; other statuses with no address tell nobody (the tracking page does).
 */
export function applicantChannels(
  status: RequestStatus | 'OVERDUE',
  contact: { readonly phone: boolean; readonly email: boolean },
): { readonly sms: boolean; readonly email: boolean } {
  const sms = APPLICANT_SMS_STATUSES.has(status) && (contact.phone || !contact.email);
  return { sms, email: contact.email };
}

/**
 * The notifications for the applicant about one event of their request, on the channels applicantChannels
 * picks: an e-mail when the applicant left an address and, when they must act or can collect, an SMS to
 * the normalised phone number (with `to` undefined when there is none that works, so the outbox records
 * that the applicant could not be told).
 *
 * Pass the request as the transition wrote it (after the change) and the event it appended; `at` is the
 * event's, so a retried task composes the very same notifications and the outbox keeps one of each.
 * Events that tell the applicant nothing new (a stage opening for its decider) give [].
 */
export function applicantNotifications(
  request: ServiceRequest,
  service: ServiceDefinition,
  event: RequestEvent,
  contact: ApplicantContact | undefined,
): Notification[] {
  const composed = composeApplicantMessages(request, service, event);
  if (!composed) return [];
  const base = { requestId: request.id, villageCode: request.villageCode, at: event.at } as const;
  const audience = { kind: 'applicant' } as const;
  const phone = contact?.phone ? normalizePhoneNumber(contact.phone) : undefined;
  const email = contact?.email ? normalizeEmail(contact.email) : undefined;
  const channels = applicantChannels(composed.status, {
    phone: Boolean(contact?.phone),
    email: Boolean(email),
  });
  const notifications: Notification[] = [];
  if (channels.sms) {
    notifications.push({
      ...base,
      audience,
      channel: 'sms',
      ...(phone ? { to: phone } : {}),
      message: composed.sms,
    });
  }
  if (channels.email && email)
    notifications.push({ ...base, audience, channel: 'email', to: email, message: composed.email });
  return notifications;
}

/**
 * What the applicant is told about an event, in both forms. Every status keeps its SMS text although only
 * some go by SMS: moving a status in or out of APPLICANT_SMS_STATUSES is then a one-line decision, and every
 * text stays tested against the one-part limit.
 */
export interface ApplicantMessages {
  /** The effective status: the event's, or 'OVERDUE' for a stage past its deadline. */
  readonly status: RequestStatus | 'OVERDUE';
  readonly sms: LocalizedText;
  readonly email: LocalizedText;
}

/** Event types that change nothing the applicant needs to hear about. */
const SILENT_EVENT_TYPES = new Set(['STAGE_OPENED']);
/** Event types that mean "a stage passed its deadline" whatever the status. */
const OVERDUE_EVENT_TYPES = new Set(['STAGE_OVERDUE', 'ESCALATED']);

/** The messages for the applicant about `event`, or undefined when it tells them nothing new. */
export function composeApplicantMessages(
  request: ServiceRequest,
  service: ServiceDefinition,
  event: RequestEvent,
): ApplicantMessages | undefined {
  if (SILENT_EVENT_TYPES.has(event.type)) return undefined;
  const status: RequestStatus | 'OVERDUE' =
    OVERDUE_EVENT_TYPES.has(event.type) || event.status === 'ESCALATED' ? 'OVERDUE' : event.status;
  const texts = applicantTexts(request, service, event, status);
  return { status, ...texts };
}

function applicantTexts(
  request: ServiceRequest,
  service: ServiceDefinition,
  event: RequestEvent,
  status: RequestStatus | 'OVERDUE',
): Omit<ApplicantMessages, 'status'> {
  const names = serviceNames(service);
  const code = request.trackingCode;
  const stage = stageOf(service, event.stage, request.stageIndex);

  switch (status) {
    case 'SUBMITTED':
      return {
        sms: sms(
          (s) => [
            `Permohonan ${s} Anda diterima. Kode lacak ${code}. Kami kabari setiap ada perubahan status.`,
          ],
          (s) => [
            `Your ${s} request was received. Tracking code ${code}. We will tell you whenever its status changes.`,
          ],
          names,
        ),
        email: email(code, names, {
          id: ['diterima', 'Permohonan Anda sudah kami terima dan akan diperiksa oleh petugas desa.'],
          en: ['received', 'We have received your request; village staff will review it.'],
        }),
      };
    case 'CHECKING':
      return {
        sms: sms(
          (s) => [`Permohonan ${s} (${code}) sedang diperiksa otomatis dengan data kependudukan.`],
          (s) => [`Your ${s} request (${code}) is being checked automatically against population records.`],
          names,
        ),
        email: email(code, names, {
          id: ['sedang diperiksa', 'Permohonan Anda sedang diperiksa otomatis dengan data kependudukan.'],
          en: ['being checked', 'Your request is being checked automatically against population records.'],
        }),
      };
    case 'IN_REVIEW': {
      const current = stageOf(service, undefined, request.stageIndex);
      const step = `${request.stageIndex + 1}/${service.stages.length}`;
      return {
        sms: sms(
          (s) => [`Permohonan ${s} (${code}) sedang diproses, tahap ${step}: `, current.id, '.'],
          (s) => [`Your ${s} request (${code}) is in progress, step ${step}: `, current.en, '.'],
          names,
        ),
        email: email(code, names, {
          id: ['sedang diproses', `Permohonan Anda sedang diproses, tahap ${step}: ${current.id}.`],
          en: ['in progress', `Your request is in progress, step ${step}: ${current.en}.`],
        }),
      };
    }
    case 'OVERDUE':
      return {
        sms: sms(
          (s) => [
            `Maaf, permohonan ${s} (${code}) melewati batas waktu di tahap `,
            stage.id,
            '. Petugas sudah kami ingatkan.',
          ],
          (s) => [
            `Sorry, your ${s} request (${code}) is overdue at the step `,
            stage.en,
            '. We have reminded the staff.',
          ],
          names,
        ),
        email: email(code, names, {
          id: [
            'melewati batas waktu',
            `Maaf, permohonan Anda melewati batas waktu layanan di tahap "${stage.id}". Petugas sudah kami ingatkan dan permohonan Anda tetap diproses.`,
          ],
          en: [
            'overdue',
            `Sorry, your request passed the service deadline at the step "${stage.en}". We have reminded the staff and your request is still being processed.`,
          ],
        }),
      };
    case 'RETURNED': {
      const reason = reasonOf(request, event);
      return {
        sms: sms(
          (s) => [`Permohonan ${s} (${code}) dikembalikan, perbaiki: `, reason.id, '. Lalu ajukan ulang.'],
          (s) => [
            `Your ${s} request (${code}) was returned, please correct: `,
            reason.en,
            '. Then resubmit.',
          ],
          names,
        ),
        email: email(code, names, {
          id: [
            'dikembalikan untuk diperbaiki',
            `Permohonan Anda dikembalikan untuk diperbaiki.\nYang perlu diperbaiki: ${reason.id}\nSilakan perbaiki data atau berkas, lalu ajukan ulang melalui Desa Digital atau di kantor desa.`,
          ],
          en: [
            'returned for correction',
            `Your request was returned for correction.\nWhat to correct: ${reason.en}\nPlease correct the data or documents, then resubmit through Desa Digital or at the village office.`,
          ],
        }),
      };
    }
    case 'REJECTED': {
      const reason = reasonOf(request, event);
      return {
        sms: sms(
          (s) => [`Permohonan ${s} (${code}) ditolak. Alasan: `, reason.id, '. Info: kantor desa.'],
          (s) => [
            `Your ${s} request (${code}) was rejected. Reason: `,
            reason.en,
            '. More at the village office.',
          ],
          names,
        ),
        email: email(code, names, {
          id: [
            'ditolak',
            `Permohonan Anda ditolak.\nAlasan: ${reason.id}\nBila ada pertanyaan, silakan hubungi kantor desa.`,
          ],
          en: [
            'rejected',
            `Your request was rejected.\nReason: ${reason.en}\nThe village office can answer your questions.`,
          ],
        }),
      };
    }
    case 'APPROVED':
      return {
        sms: sms(
          (s) => [`Permohonan ${s} (${code}) disetujui. Surat sedang dibuat; kami kabari bila sudah terbit.`],
          (s) => [
            `Your ${s} request (${code}) was approved. The letter is being prepared; we will tell you when it is issued.`,
          ],
          names,
        ),
        email: email(code, names, {
          id: [
            'disetujui',
            'Permohonan Anda disetujui. Surat sedang dibuat; kami kabari lagi bila sudah terbit.',
          ],
          en: [
            'approved',
            'Your request was approved. The letter is being prepared; we will tell you when it is issued.',
          ],
        }),
      };
    case 'ISSUED': {
      const letter = request.document?.letterNumber;
      const numberId = letter ? `, No. ${letter}` : '';
      const numberEn = letter ? `, no. ${letter}` : '';
      return {
        sms: sms(
          (s) => [
            `${s} Anda (${code}) sudah terbit${numberId}. Ambil di kantor desa atau unduh di Desa Digital.`,
          ],
          (s) => [
            `Your ${s} (${code}) was issued${numberEn}. Collect it at the village office or download it from Desa Digital.`,
          ],
          names,
        ),
        email: email(code, names, {
          id: [
            'surat sudah terbit',
            `Surat Anda sudah terbit${letter ? ` dengan nomor ${letter}` : ''}. Surat dapat diambil di kantor desa atau diunduh di Desa Digital dengan kode lacak di atas.`,
          ],
          en: [
            'letter issued',
            `Your letter was issued${letter ? ` with number ${letter}` : ''}. Collect it at the village office or download it from Desa Digital with the tracking code above.`,
          ],
        }),
      };
    }
    case 'FAILED':
      return {
        sms: sms(
          (s) => [
            `Ada gangguan sistem pada permohonan ${s} (${code}). Kami sedang menanganinya; data Anda aman, tidak perlu mengajukan ulang.`,
          ],
          (s) => [
            `Something went wrong on our side with your ${s} request (${code}). We are on it; your data is safe, no need to apply again.`,
          ],
          names,
        ),
        email: email(code, names, {
          id: [
            'gangguan sistem',
            'Ada gangguan sistem saat memproses permohonan Anda. Kami sedang menanganinya. Data Anda aman dan Anda tidak perlu mengajukan ulang.',
          ],
          en: [
            'a problem on our side',
            'Something went wrong on our side while processing your request. We are on it. Your data is safe and you do not need to apply again.',
          ],
        }),
      };
    case 'CANCELLED':
      return {
        sms: sms(
          (s) => [`Permohonan ${s} (${code}) sudah dibatalkan.`],
          (s) => [`Your ${s} request (${code}) was cancelled.`],
          names,
        ),
        email: email(code, names, {
          id: ['dibatalkan', 'Permohonan Anda sudah dibatalkan.'],
          en: ['cancelled', 'Your request was cancelled.'],
        }),
      };
    case 'EXPIRED':
      if (event.type === 'WORKFLOW_TIMED_OUT') {
        // The village did not finish in time (the workflow's own limit), not the applicant.
        return {
          sms: sms(
            (s) => [
              `Permohonan ${s} (${code}) ditutup karena tidak selesai diproses dalam batas waktu. Mohon maaf; silakan hubungi kantor desa.`,
            ],
            (s) => [
              `Your ${s} request (${code}) was closed: it was not completed within the time allowed. We are sorry; please contact the village office.`,
            ],
            names,
          ),
          email: email(code, names, {
            id: [
              'ditutup',
              'Permohonan Anda ditutup karena tidak selesai diproses dalam batas waktu. Mohon maaf; silakan hubungi kantor desa.',
            ],
            en: [
              'closed',
              'Your request was closed because it was not completed within the time allowed. We are sorry; please contact the village office.',
            ],
          }),
        };
      }
      return {
        sms: sms(
          (s) => [
            `Permohonan ${s} (${code}) ditutup karena batas waktu perbaikan terlewati. Silakan ajukan permohonan baru.`,
          ],
          (s) => [
            `Your ${s} request (${code}) was closed: the time to correct it has passed. Please submit a new request.`,
          ],
          names,
        ),
        email: email(code, names, {
          id: [
            'ditutup',
            'Permohonan Anda ditutup karena batas waktu perbaikan terlewati. Silakan ajukan permohonan baru.',
          ],
          en: [
            'closed',
            'Your request was closed because the time to correct it has passed. Please submit a new request.',
          ],
        }),
      };
    default:
      // A status added to the lifecycle after this was written: say what it is rather than stay silent.
      return {
        sms: sms(
          (s) => [`Status permohonan ${s} (${code}) sekarang: ${status}.`],
          (s) => [`Your ${s} request (${code}) is now ${status}.`],
          names,
        ),
        email: email(code, names, {
          id: [status, `Status permohonan Anda sekarang: ${status}.`],
          en: [status, `Your request is now ${status}.`],
        }),
      };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Decider notifications

/** A staff member an open stage waits for, and the role the authorization policy lets them decide it in. */
export interface StageDecider {
  readonly username: string;
  readonly role: StaffRole;
  readonly phone?: string;
  readonly email?: string;
}

const isStaffRole = (role: string): role is StaffRole => (STAFF_ROLES as readonly string[]).includes(role);

/** The staff roles an open stage waits for: its role, and the acting role once it was escalated. */
export function awaitedRoles(waiting: Pick<WaitingStage, 'role' | 'actingRole'>): StaffRole[] {
  return [waiting.role, waiting.actingRole].filter(
    (role, index, all): role is StaffRole =>
      role !== undefined && isStaffRole(role) && all.indexOf(role) === index,
  );
}

/**
 * Who an open stage waits for, chosen by THE authorization policy: every listed staff member for whom
 * `decidingRole(member, stage, actingRole, villageCode)` gives a role — so the stage's role in an area that
 * covers the village, of the stage's agency for agency stages, and the stand-in once escalated. Exactly
 * the people whose decision the API would accept. A member listed under several roles (the lists of the
 * stage's role and the acting role) counts once. Ordered by username, so a composition is reproducible.
 */
export function stageDeciders(
  members: readonly StaffMember[],
  stage: Pick<DecisionStage, 'role' | 'agency'>,
  actingRole: StaffRole | undefined,
  villageCode: string,
): StageDecider[] {
  const byUsername = new Map<string, StaffMember>();
  for (const member of members) {
    const known = byUsername.get(member.username);
    byUsername.set(
      member.username,
      known ? { ...known, roles: [...new Set([...known.roles, ...member.roles])] } : member,
    );
  }
  return [...byUsername.values()]
    .flatMap((member) => {
      const role = decidingRole(staffActor(member), stage, actingRole, villageCode);
      return role
        ? [
            {
              username: member.username,
              role,
              ...(member.phone ? { phone: member.phone } : {}),
              ...(member.email ? { email: member.email } : {}),
            },
          ]
        : [];
    })
    .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
}

/** A staff account as the policy sees a caller with its token (roles from groups, areas, agency). */
const staffActor = (member: StaffMember): Actor => ({
  subject: member.username,
  name: member.name ?? member.username,
  roles: member.roles.filter(isRole),
  areas: member.areas,
  ...(member.agency ? { agency: member.agency } : {}),
});

/** The stage definition a waiting stage names (by key; by index if the service no longer has the key). */
export function waitingDecisionStage(
  service: ServiceDefinition,
  waiting: Pick<WaitingStage, 'stageKey' | 'role'>,
  stageIndex: number,
): Pick<DecisionStage, 'role' | 'agency'> | undefined {
  const stage =
    service.stages.find((candidate) => candidate.key === waiting.stageKey) ?? service.stages[stageIndex];
  if (stage?.kind === 'decision') return stage;
  return isStaffRole(waiting.role) ? { role: waiting.role } : undefined;
}

/**
 * The reminders to the people whose decision a request now waits for, one per decider (see stageDeciders):
 * an SMS when they have a usable (Indonesian mobile) number, else an e-mail, else a record that they could
 * not be told (`to` absent: 'no-contact'). The audience names the role they decide in and their username;
 * `reminder` says what waits, for the hourly digest (placeReminder).
 * With nobody to tell, one record without an address (reason `nobody`, 'no-staff-for-stage' by default)
 * so the village sees that the stage reaches no one.
 * Pass the request as written by openStage and its `awaiting`; `at` is the request's updatedAt (when the
 * stage was opened), so a redelivered composition is the same notification per decider, while a re-opened
 * stage (new deadline) is a new one. A request waiting for the applicant's correction (role 'citizen')
 * gives [].
 */
export function deciderNotifications(
  request: ServiceRequest,
  service: ServiceDefinition,
  waiting: WaitingStage,
  deciders: readonly StageDecider[],
  nobody = 'no-staff-for-stage',
): Notification[] {
  const roles = awaitedRoles(waiting);
  const [stageRole] = roles;
  if (!stageRole) return [];
  const stage = stageOf(service, waiting.stageKey, request.stageIndex);
  const zone = timeZoneOfVillage(request.villageCode);
  const due = formatDeadline(waiting.dueAt, request.updatedAt, zone);
  const base = { requestId: request.id, villageCode: request.villageCode, at: request.updatedAt } as const;
  const smsText = sms(
    (s) => [
      `1 permohonan ${s} (${request.trackingCode}) menunggu Anda: `,
      stage.id,
      `. Batas waktu ${due.id}.`,
    ],
    (s) => [`1 ${s} request (${request.trackingCode}) is waiting for you: `, stage.en, `. Due ${due.en}.`],
    { id: [service.code], en: [service.code] },
  );
  if (deciders.length === 0) {
    return [
      {
        ...base,
        audience: { kind: 'role', role: stageRole },
        channel: 'sms',
        message: smsText,
        reason: nobody,
      },
    ];
  }
  const reminder = {
    serviceCode: service.code,
    trackingCode: request.trackingCode,
    stage,
    dueAt: waiting.dueAt,
  } as const;
  return deciders.map((decider): Notification => {
    const audience = { kind: 'role', role: decider.role, username: decider.username } as const;
    const phone = decider.phone ? normalizePhoneNumber(decider.phone) : undefined;
    const email = decider.email ? normalizeEmail(decider.email) : undefined;
    if (phone) return { ...base, audience, channel: 'sms', to: phone, message: smsText, reminder };
    if (email) {
      return {
        ...base,
        audience,
        channel: 'email',
        to: email,
        message: deciderEmail(request.trackingCode, serviceNames(service), stage, due),
        reminder,
      };
    }
    return { ...base, audience, channel: 'sms', message: smsText, reason: 'no-contact' };
  });
}

/** The e-mail to a decider: what waits and until when; like every message, nothing about the applicant. */
function deciderEmail(
  code: string,
  names: { id: readonly string[]; en: readonly string[] },
  stage: LocalizedText,
  due: LocalizedText,
): LocalizedText {
  const [serviceId] = names.id;
  const [serviceEn] = names.en;
  return text(
    [
      `[${code}] Permohonan ${serviceId} menunggu keputusan Anda`,
      '',
      'Yth. Bapak/Ibu petugas,',
      '',
      `Permohonan ${serviceId} dengan kode lacak ${code} menunggu keputusan Anda pada tahap "${stage.id}".`,
      `Batas waktu: ${due.id}.`,
      '',
      'Silakan masuk ke Desa Digital untuk memeriksa dan memutuskan permohonan ini.',
      '',
      'Pesan ini dikirim otomatis oleh Desa Digital; mohon tidak membalas email ini.',
    ].join('\n'),
    [
      `[${code}] A ${serviceEn} request is waiting for your decision`,
      '',
      'Dear officer,',
      '',
      `The ${serviceEn} request with tracking code ${code} is waiting for your decision at the step "${stage.en}".`,
      `Due: ${due.en}.`,
      '',
      'Please sign in to Desa Digital to review and decide it.',
      '',
      'This message was sent automatically by Desa Digital; please do not reply.',
    ].join('\n'),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Reminder digests

/**
 * The clock hour a reminder belongs to, 'YYYY-MM-DDTHH' in UTC, from its `at` (when the stage opened).
 * Staff reminders are batched per decider and hour (issue 11, goal 7): the first reminder a person gets in an
 * hour goes at once, as before; the later ones of that hour are recorded in the outbox as 'batched' and told
 * together in one digest a few minutes after the hour (the ReminderDigest job). Indonesia's three zones are
 * whole hours from UTC, so this is the village's clock hour too.
 */
export const digestHour = (at: string): string => new Date(at).toISOString().slice(0, 13);

/**
 * How long after its hour a digest still takes reminders; later ones go at once. The job reads an hour's
 * digests only after this (it runs at five past the hour), so it never reads a digest still being added to.
 */
export const DIGEST_GRACE_MS = 2 * 60_000;

/** When the digest of `hour` (see digestHour) stops taking reminders and may be sent. */
export const digestClosesAt = (hour: string): Date =>
  new Date(Date.parse(`${hour}:00:00.000Z`) + 60 * 60_000 + DIGEST_GRACE_MS);

/**
 * The hours whose digests may be sent at `now` (closed: see digestClosesAt), the latest `count` of them, oldest
 * first. The job looks back over several hours, so a run that failed or was missed is made up by the next.
 */
export function closedDigestHours(now: Date, count: number): string[] {
  const hourMs = 60 * 60_000;
  const latest = Date.parse(
    `${digestHour(new Date(now.getTime() - hourMs - DIGEST_GRACE_MS).toISOString())}:00:00.000Z`,
  );
  return Array.from({ length: count }, (_, index) =>
    digestHour(new Date(latest - (count - 1 - index) * hourMs).toISOString()),
  );
}

/** A person's digest of one hour, as the notifier reads it. */
export interface DigestHead {
  /** The notification id of the hour's first reminder, the one delivered at once. */
  readonly firstId: string;
  /** 'pending' while it takes reminders and waits for the job; then 'sending', 'sent', … as in the outbox. */
  readonly status: DeliveryStatus;
}

/**
 * Where a reminder goes, given its person's digest of its hour (undefined: none yet) and the time now:
 * - 'open': there is no digest yet: the reminder is the hour's first if it creates the digest (a conditional
 *   write decides between concurrent ones; the loser reads the digest and asks again);
 * - 'deliver': at once, as every reminder did before digests: it is the hour's first (or that one again, a
 *   redelivered task), or its hour's digest no longer takes reminders (closed, or already being sent);
 * - 'batch': into the digest, not sent on its own.
 */
export type ReminderPlace = 'open' | 'deliver' | 'batch';

export function placeReminder(
  reminder: { readonly id: string; readonly at: string },
  head: DigestHead | undefined,
  now: Date,
): ReminderPlace {
  if (now.getTime() >= digestClosesAt(digestHour(reminder.at)).getTime()) return 'deliver';
  if (!head) return 'open';
  if (head.firstId === reminder.id || head.status !== 'pending') return 'deliver';
  return 'batch';
}

/** A reminder held for a digest: what it was about, for whom (the request, its village) and when. */
export interface DigestEntry extends StaffReminder {
  readonly requestId: string;
  readonly villageCode: string;
  readonly at: string;
}

/**
 * The one message that tells a decider the reminders held for them in an hour, on the channel of those
 * reminders (SMS when they have a mobile number, else e-mail). Earliest due first. The SMS, one GSM-7 part,
 * names as many requests as fit by service and tracking code, and the earliest due time; the e-mail lists
 * every request with its stage and due time. "lagi" (more): the hour's first reminder already reached them.
 * Like every message, nothing of the applicants'. Due times are in the village's zone, the date only when
 * it is not the day the digest is sent.
 */
export function reminderDigest(
  entries: readonly DigestEntry[],
  channel: Notification['channel'],
  sentAt: Date,
): LocalizedText {
  const sorted = [...entries].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.at.localeCompare(b.at));
  const [earliest] = sorted;
  if (!earliest) throw new Error('A digest needs at least one reminder');
  const due = (entry: DigestEntry) =>
    formatDeadline(entry.dueAt, sentAt.toISOString(), timeZoneOfVillage(entry.villageCode));
  const count = sorted.length;
  const requests = count === 1 ? 'request' : 'requests';
  if (channel === 'email') {
    const line = (entry: DigestEntry, language: keyof LocalizedText, dueWord: string) =>
      `- ${entry.serviceCode} ${entry.trackingCode}: ${entry.stage[language]} (${dueWord} ${due(entry)[language]})`;
    return text(
      [
        `[Desa Digital] ${count} permohonan lagi menunggu keputusan Anda`,
        '',
        'Yth. Bapak/Ibu petugas,',
        '',
        `Sejak pengingat terakhir kami, ${count} permohonan lagi menunggu keputusan Anda (yang paling mendesak lebih dulu):`,
        ...sorted.map((entry) => line(entry, 'id', 'batas')),
        '',
        'Silakan masuk ke Desa Digital untuk memeriksa dan memutuskan permohonan tersebut.',
        '',
        'Pesan ini dikirim otomatis oleh Desa Digital; mohon tidak membalas email ini.',
      ].join('\n'),
      [
        `[Desa Digital] ${count} more ${requests} waiting for your decision`,
        '',
        'Dear officer,',
        '',
        `Since our last reminder, ${count} more ${requests} ${count === 1 ? 'is' : 'are'} waiting for your decision (most urgent first):`,
        ...sorted.map((entry) => line(entry, 'en', 'due')),
        '',
        'Please sign in to Desa Digital to review and decide them.',
        '',
        'This message was sent automatically by Desa Digital; please do not reply.',
      ].join('\n'),
    );
  }
  const codes = sorted.map((entry) => toGsm7(`${entry.serviceCode} ${entry.trackingCode}`));
  const first = due(earliest);
  return text(
    fitList(
      `${SENDER}${count} permohonan lagi menunggu Anda (`,
      codes,
      (rest) => `+${rest} lainnya`,
      `). Batas terdekat ${first.id}.`,
    ),
    fitList(
      `${SENDER}${count} more ${requests} waiting for you (`,
      codes,
      (rest) => `+${rest} more`,
      `). Earliest due ${first.en}.`,
    ),
  );
}

/** `head`, as many of `items` as fit in one SMS part with "+k" for the others, and `tail`. */
function fitList(
  head: string,
  items: readonly string[],
  others: (count: number) => string,
  tail: string,
): string {
  // Fewer than SMS_MAX_LENGTH / 4 items ever fit ("X Y, " is at least four septets).
  for (let shown = Math.min(items.length, SMS_MAX_LENGTH / 4); shown > 0; shown--) {
    const listed = [
      ...items.slice(0, shown),
      ...(shown < items.length ? [others(items.length - shown)] : []),
    ];
    const candidate = `${head}${listed.join(', ')}${tail}`;
    if (septets(candidate) <= SMS_MAX_LENGTH) return candidate;
  }
  return `${head}${others(items.length)}${tail}`;
}

// ---------------------------------------------------------------------------------------------------------
// Identity of a notification, sending several

/**
 * A deterministic id: the same request, instant, audience (for a decider: role and username) and channel
 * always give the same id, so a task the workflow retries composes a notification the outbox already holds
 * and it is not sent twice — to each decider.
 */
export function notificationId(notification: Notification): string {
  const { audience } = notification;
  const who =
    audience.kind === 'applicant'
      ? 'applicant'
      : `role:${audience.role}${audience.username ? `:${audience.username}` : ''}`;
  return createHash('sha256')
    .update([notification.requestId, notification.at, who, notification.channel].join('|'))
    .digest('hex')
    .slice(0, 24);
}

/**
 * Sends every notification; one failing does not keep the others from being sent. Rejects after all were
 * tried when any failed (the outbox write is what can fail: delivery failures are recorded, not thrown).
 */
export async function notifyAll(notifier: Notifier, notifications: readonly Notification[]): Promise<void> {
  const results = await Promise.allSettled(
    notifications.map((notification) => notifier.notify(notification)),
  );
  const failed = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
  if (failed.length > 0)
    throw new AggregateError(failed, `${failed.length} notification(s) could not be recorded`);
}

// ---------------------------------------------------------------------------------------------------------
// Reading what was sent

export const DELIVERY_STATUSES = [
  'pending',
  'sending',
  'sent',
  'failed',
  'undeliverable',
  'sent-local',
  'suppressed',
  'batched',
  'digested',
] as const;
/**
 * pending: recorded, not yet handed to SNS/SES · sending: handed over by one worker right now · sent: SNS/SES
 * accepted it · failed: SNS/SES refused it (error recorded; retried when the same notification comes again)
 * · undeliverable: no address (`reason`: no-contact, no-staff-for-stage, staff-directory-unavailable) or no
 * sender configured (no-sender) · sent-local:
 * the local runtime, where the outbox is the delivery · suppressed: not sent because its destination had
 * all the messages it may get today (`reason` rate-limited; see MESSAGES_PER_DESTINATION) · batched: a
 * reminder to a decider held for their hourly digest (placeReminder) · digested: told in that digest
 * (`sentAt` is the digest's; a digest that could not be delivered leaves its reminders failed or
 * undeliverable, `reason` starting with 'digest:').
 */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Messages per destination (a phone number or an e-mail address) and day, across all requests (issue 10).
 * A request's contact is not verified: without this, anyone could have the platform message any number.
 * A citizen following a few requests gets well under it; past it the outbox records the message as
 * suppressed and nothing is sent. Counted under a keyed pseudonym of the destination, never the address.
 */
export const MESSAGES_PER_DESTINATION: Readonly<Record<Notification['channel'], RateLimitRule>> = {
  sms: { name: 'notify-sms-destination', limit: 10, windowSeconds: 24 * 60 * 60 },
  email: { name: 'notify-email-destination', limit: 10, windowSeconds: 24 * 60 * 60 },
};

/** The limits with a deployment's own daily number per destination (MESSAGES_PER_DESTINATION_PER_DAY). */
export function destinationLimits(perDay?: number): Readonly<Record<Notification['channel'], RateLimitRule>> {
  if (perDay === undefined) return MESSAGES_PER_DESTINATION;
  return {
    sms: { ...MESSAGES_PER_DESTINATION.sms, limit: perDay },
    email: { ...MESSAGES_PER_DESTINATION.email, limit: perDay },
  };
}

/** A notification as the outbox keeps it. */
export interface NotificationRecord extends Notification {
  readonly id: string;
  readonly status: DeliveryStatus;
  /** Why a notification is undeliverable, or the error name of the last failed attempt. */
  readonly reason?: string;
  readonly attempts?: number;
  readonly sentAt?: string;
}

/** The outbox, as the read side needs it. */
export interface NotificationLog {
  /** A request's notifications, newest first. */
  list(requestId: string): Promise<NotificationRecord[]>;
}

/**
 * A request's notifications, newest first, for the applicant (what they were told) or staff of the
 * request's area (what the citizen was told, and the reminders to deciders). Phone numbers and e-mail
 * addresses are masked: the view proves where a message went without repeating the contact in full.
 */
export async function listNotifications(
  deps: {
    readonly requests: RequestStore;
    readonly catalog: ServiceCatalog;
    readonly notifications: NotificationLog;
  },
  actor: Actor,
  requestId: string,
) {
  const { request } = await readVisible(deps, actor, requestId);
  const staff = worksFor(actor, request.villageCode);
  const records = await deps.notifications.list(requestId);
  const visible = staff ? records : records.filter((record) => record.audience.kind === 'applicant');
  return {
    items: visible.map((record) => ({
      id: record.id,
      at: record.at,
      audience: record.audience,
      channel: record.channel,
      ...(record.to ? { to: maskAddress(record.to) } : {}),
      status: record.status,
      ...(record.reason ? { reason: record.reason } : {}),
      ...(record.sentAt ? { sentAt: record.sentAt } : {}),
      message: record.message,
    })),
  };
}

/** +6281234567890 → +62812****890; budi@example.com → b***@example.com. */
export function maskAddress(address: string): string {
  const at = address.indexOf('@');
  if (at > 0) return `${address.slice(0, 1)}***${address.slice(at)}`;
  if (address.length <= 8) return '****';
  return `${address.slice(0, 6)}****${address.slice(-3)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Contacts

/**
 * An Indonesian mobile number in E.164 (+628…), from the ways people write it: 0812-3456-7890,
 * +62 812 3456 7890, 62812…, (0812) 3456 7890. Landlines (021…) cannot receive SMS: undefined, as for
 * anything else that is not an Indonesian mobile number.
 */
export function normalizePhoneNumber(raw: string): string | undefined {
  const compact = raw.trim().replace(/[\s.()-]/g, '');
  const national = /^\+62/.test(compact)
    ? compact.slice(3)
    : /^62/.test(compact)
      ? compact.slice(2)
      : /^0/.test(compact)
        ? compact.slice(1)
        : undefined;
  // Mobile numbers: 8, then 8 to 11 more digits (0812-345-678 … 0812-3456-78901).
  if (national === undefined || !/^8[1-9]\d{7,10}$/.test(national)) return undefined;
  return `+62${national}`;
}

/** A plausible e-mail address, trimmed, with its domain in lower case; undefined otherwise. */
export function normalizeEmail(raw: string): string | undefined {
  const value = raw.trim();
  const match = /^([^\s@<>()",;:]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$/.exec(value);
  if (!match || value.length > 254) return undefined;
  return `${match[1]}@${match[2]?.toLowerCase()}`;
}

// ---------------------------------------------------------------------------------------------------------
// Text: GSM-7, masking, fitting

/** GSM 03.38 basic character set (one septet each). */
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The extension table: each costs an escape septet plus its own. */
const GSM7_EXTENDED = new Set('^{}\\[~]|€\f');

/** Length in GSM-7 septets, or undefined when the text has a character GSM-7 cannot carry. */
export function gsm7Length(value: string): number | undefined {
  let length = 0;
  for (const char of value) {
    if (GSM7_BASIC.has(char)) length += 1;
    else if (GSM7_EXTENDED.has(char)) length += 2;
    else return undefined;
  }
  return length;
}

const REPLACEMENTS: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u2032': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2033': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u2022': '-',
  '`': "'",
};

/**
 * Text an SMS can carry as GSM-7 (one character outside it would switch the whole message to UCS-2 and
 * cut the limit to 70): typographic quotes and dashes become ASCII, accents not in GSM-7 are dropped, line
 * breaks and odd spaces become one space, anything else unknown becomes '?'.
 */
export function toGsm7(value: string): string {
  let out = '';
  for (const char of value.replace(/\s+/g, ' ')) {
    if (GSM7_BASIC.has(char) || GSM7_EXTENDED.has(char)) out += char;
    else if (REPLACEMENTS[char] !== undefined) out += REPLACEMENTS[char];
    else {
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      out += base.length > 0 && [...base].every((c) => GSM7_BASIC.has(c)) ? base : '?';
    }
  }
  return out;
}

/**
 * Staff write reasons as free text and may paste a NIK (16 digits), a family-card number or a phone number
 * into them: any run of 10 or more digits (spaces, dots or dashes between them allowed) is masked.
 */
export const maskLongNumbers = (value: string): string => value.replace(/\d(?:[ .-]?\d){9,}/g, '***');

type Parts = readonly [string] | readonly [string, string, string];
type Template = (service: string) => Parts;

/**
 * An SMS from a template: `[fixed]` or `[head, flexible, tail]`. The service is named in full when that
 * leaves room for the flexible part (a stage label, a reason), else by its code; the flexible part is
 * shortened at a word with "..." when it still does not fit. Returns Indonesian (the SMS) and English (for
 * the e-mail and the console).
 */
function sms(
  id: Template,
  en: Template,
  names: { id: readonly string[]; en: readonly string[] },
): LocalizedText {
  return text(fitSms(id, names.id), fitSms(en, names.en));
}

function fitSms(template: Template, serviceNames: readonly string[]): string {
  let last = '';
  for (const name of serviceNames) {
    const [head, rawFlexible = '', tail = ''] = template(toGsm7(name)).map((part) => toGsm7(part));
    // The tail brings its own punctuation: "Tampo." + ". Lalu" must not read "Tampo.. Lalu".
    const flexible = rawFlexible.trim().replace(/[\s.,;:!]+$/, '');
    const fixed = `${SENDER}${head}`;
    const budget = SMS_MAX_LENGTH - septets(fixed) - septets(tail);
    if (septets(flexible) <= budget) return `${fixed}${flexible}${tail}`;
    const shortened = truncate(flexible, budget + (tail.startsWith('.') ? 1 : 0));
    last = `${fixed}${shortened}${shortened.endsWith('...') && tail.startsWith('.') ? tail.slice(1) : tail}`;
  }
  return last;
}

const septets = (value: string): number => gsm7Length(value) ?? Number.POSITIVE_INFINITY;

function truncate(value: string, budget: number): string {
  if (budget < 4) return '';
  let cut = '';
  for (const char of value) {
    if (septets(cut + char) > budget - 3) break;
    cut += char;
  }
  const space = cut.lastIndexOf(' ');
  if (space > cut.length - 15 && space > 0) cut = cut.slice(0, space);
  return `${cut.replace(/[\s.,;:]+$/, '')}...`;
}

/** The service's full names first, then its code: SMS templates try them in that order. */
function serviceNames(service: ServiceDefinition) {
  return { id: [service.name.id, service.code], en: [service.name.en, service.code] };
}

/**
 * An e-mail as a LocalizedText whose first line is the subject and the rest the body (see emailParts).
 * The body never names the applicant: a mailbox may be shared or read over a shoulder.
 */
function email(
  code: string,
  names: { id: readonly string[]; en: readonly string[] },
  content: { id: readonly [string, string]; en: readonly [string, string] },
): LocalizedText {
  const [serviceId] = names.id;
  const [serviceEn] = names.en;
  return text(
    [
      `[${code}] Permohonan ${serviceId}: ${content.id[0]}`,
      '',
      'Yth. Bapak/Ibu Pemohon,',
      '',
      content.id[1],
      '',
      `Kode lacak: ${code}`,
      `Layanan: ${serviceId}`,
      '',
      'Pesan ini dikirim otomatis oleh Desa Digital; mohon tidak membalas email ini. Bila ada pertanyaan, hubungi kantor desa dengan menyebut kode lacak.',
    ].join('\n'),
    [
      `[${code}] Your ${serviceEn} request: ${content.en[0]}`,
      '',
      'Dear applicant,',
      '',
      content.en[1],
      '',
      `Tracking code: ${code}`,
      `Service: ${serviceEn}`,
      '',
      'This message was sent automatically by Desa Digital; please do not reply. For questions, contact the village office and quote the tracking code.',
    ].join('\n'),
  );
}

/** Splits a composed e-mail into subject and body (the first line is the subject). */
export function emailParts(message: LocalizedText): { subject: LocalizedText; body: LocalizedText } {
  const split = (value: string): [string, string] => {
    const newline = value.indexOf('\n');
    return newline < 0
      ? [value, '']
      : [value.slice(0, newline), value.slice(newline + 1).replace(/^\n+/, '')];
  };
  const [subjectId, bodyId] = split(message.id);
  const [subjectEn, bodyEn] = split(message.en);
  return { subject: text(subjectId, subjectEn), body: text(bodyId, bodyEn) };
}

// ---------------------------------------------------------------------------------------------------------
// Stages, reasons, times

function stageOf(service: ServiceDefinition, key: string | undefined, index: number): LocalizedText {
  const stage =
    (key ? service.stages.find((candidate) => candidate.key === key) : undefined) ?? service.stages[index];
  return stage?.label ?? text('pemeriksaan', 'review');
}

/**
 * Why a request was returned or rejected, for the applicant: the event's bilingual message when it has one,
 * else the decider's note (staff write it in Indonesian; the English text repeats it as written), else the
 * registry mismatches recorded on the request. Digit runs are masked.
 */
function reasonOf(request: ServiceRequest, event: RequestEvent): LocalizedText {
  const mismatches = (request.checks ?? [])
    .filter((check) => check.outcome === 'mismatch')
    .flatMap((check) => check.reasons);
  const note = event.note?.trim() || request.outcome?.note?.trim();
  const reason =
    event.message ??
    (note
      ? text(note, note)
      : mismatches.length > 0
        ? text(mismatches.map((r) => r.id).join('; '), mismatches.map((r) => r.en).join('; '))
        : text('lihat catatan petugas di Desa Digital', "see the officer's note in Desa Digital"));
  return text(maskLongNumbers(reason.id), maskLongNumbers(reason.en));
}

/** Indonesia's three time zones, by the province part of a Kemendagri village code. */
export function timeZoneOfVillage(villageCode: string): { readonly iana: string; readonly label: string } {
  const province = villageCode.slice(0, 2);
  if (/^(8|9)\d$/.test(province)) return { iana: 'Asia/Jayapura', label: 'WIT' };
  if (/^(51|52|53|63|64|65|7\d)$/.test(province)) return { iana: 'Asia/Makassar', label: 'WITA' };
  return { iana: 'Asia/Jakarta', label: 'WIB' };
}

const DEADLINE_FIELDS = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
} as const;

function partsIn(instant: Date, timeZone: string) {
  const parts = zonedFormatter('en-GB', timeZone, DEADLINE_FIELDS).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('day')}/${part('month')}`,
    year: part('year'),
    time: `${part('hour')}:${part('minute')}`,
  };
}

/** "14:00 WIB" when due the day the task opened, else "23/11 14:00 WIB" (village time). */
function formatDeadline(
  dueAt: string,
  openedAt: string,
  zone: { iana: string; label: string },
): LocalizedText {
  const due = partsIn(new Date(dueAt), zone.iana);
  const opened = partsIn(new Date(openedAt), zone.iana);
  const sameDay = due.date === opened.date && due.year === opened.year;
  const value = `${sameDay ? '' : `${due.date} `}${due.time} ${zone.label}`;
  return text(value, value);
}
