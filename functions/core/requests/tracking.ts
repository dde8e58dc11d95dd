import { timingSafeEqual } from 'node:crypto';
import type { ServiceCatalog } from '../catalog/service-catalog.js';
import type { ServiceDefinition } from '../catalog/types.js';
import { applicantNik } from '../identity/policy.js';
import { consumeOrThrow, type RateCounter, type RateLimitRule, refund } from '../privacy/rate-limit.js';
import { NotFoundError } from '../shared/errors.js';
import type { Clock, RequestStore, VillageDirectory } from '../shared/ports.js';
import { type LocalizedText, text } from '../shared/text.js';
import type { RequestEvent, RequestStatus, ServiceRequest } from './requests.js';

/**
 * Tracking without an account (issue 4, item 5): whoever holds the tracking code from the counter slip (or
 * the SMS) and the last 6 digits of the applicant's NIK sees where the request is: service, village,
 * status, a timeline of dates and status labels, and the next step. Never names, NIKs, notes or the data.
 *
 * Guessing is bounded twice, with fixed-window counters (rate-limit.ts). Only failed attempts count (an
 * attempt is counted before the check and given back when it succeeds, so parallel guesses cannot slip
 * under a limit):
 * - per client address, 10 failed attempts per 15 minutes: slows anyone trying many codes. Successful
 *   lookups do not count, so the many citizens behind one carrier-grade NAT (mobile networks) or the
 *   village office's Wi-Fi do not lock each other out;
 * - per tracking code, 5 failed attempts per hour, from any address: one code's 10^6 possible digit
 *   endings take over 20 years at that rate.
 * An unknown code and wrong digits get the same 404 (and count alike), so the answer tells nothing about
 * whether a code exists.
 */
export const TRACK_FAILURES_PER_CLIENT: RateLimitRule = {
  name: 'track-ip',
  limit: 10,
  windowSeconds: 15 * 60,
};
export const TRACK_FAILURES_PER_CODE: RateLimitRule = {
  name: 'track-code',
  limit: 5,
  windowSeconds: 60 * 60,
};

export interface TrackDeps {
  readonly requests: RequestStore;
  readonly catalog: ServiceCatalog;
  readonly villages: VillageDirectory;
  readonly rates: RateCounter;
  readonly clock: Clock;
}

export interface TrackInput {
  readonly trackingCode: string;
  readonly nikLast6: string;
}

/**
 * A tracking code as issued (DD-XXXX-XXXX, Crockford base32) from what a person typed: case, spaces and
 * dashes do not matter, the "DD" may be left out, and O, I and L (never issued) are read as 0, 1 and 1.
 */
export function normaliseTrackingCode(typed: string): string | undefined {
  const compact = typed.toUpperCase().replace(/[\s-]/g, '');
  const body = (compact.length === 10 && compact.startsWith('DD') ? compact.slice(2) : compact)
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(body)) return undefined;
  return `DD-${body.slice(0, 4)}-${body.slice(4)}`;
}

/**
 * Primary course: the client and the code are within their limits; the code names a request whose
 * applicant NIK ends in the given digits → the minimal status view (the attempt is given back to both
 * counters). Otherwise 404, the same for an unknown code and for wrong digits; over a limit, 429.
 */
export async function trackRequest(deps: TrackDeps, input: TrackInput, client: { readonly address: string }) {
  const now = deps.clock.now();
  const clientTicket = await consumeOrThrow(deps.rates, TRACK_FAILURES_PER_CLIENT, client.address, now);
  const code = normaliseTrackingCode(input.trackingCode);
  const codeTicket = await consumeOrThrow(
    deps.rates,
    TRACK_FAILURES_PER_CODE,
    code ?? input.trackingCode.toUpperCase(),
    now,
  );
  const found = code ? await findRequest(deps, code) : undefined;
  if (!found || !endsWith(applicantNik(found.request, found.service), input.nikLast6)) throw trackNotFound();
  await Promise.all([refund(deps.rates, clientTicket), refund(deps.rates, codeTicket)]);
  const [village, events] = await Promise.all([
    deps.villages.get(found.request.villageCode),
    deps.requests.events(found.request.id),
  ]);
  return trackingView(found.request, found.service, village?.name ?? found.request.villageCode, events);
}

async function findRequest(
  deps: TrackDeps,
  code: string,
): Promise<{ request: ServiceRequest; service: ServiceDefinition } | undefined> {
  const id = await deps.requests.idByTrackingCode(code);
  const request = id ? await deps.requests.get(id) : undefined;
  if (!request) return undefined;
  const service = await deps.catalog.definitionOf(request).catch(() => undefined);
  return service ? { request, service } : undefined;
}

/** Compares the last 6 digits in constant time (no timing hint about how many digits were right). */
function endsWith(nik: string | undefined, last6: string): boolean {
  const expected = Buffer.from(nik && nik.length >= 6 ? nik.slice(-6) : '------');
  const given = Buffer.from(last6);
  return expected.length === given.length && timingSafeEqual(expected, given) && nik !== undefined;
}

const trackNotFound = () =>
  new NotFoundError(
    text(
      'Kode lacak dan 6 digit terakhir NIK tidak cocok dengan permohonan mana pun. Periksa lagi kode pada bukti pengajuan.',
      'The tracking code and the last 6 NIK digits match no request. Check the code on your submission slip.',
    ),
  );

export const STATUS_LABELS: Readonly<Record<RequestStatus, LocalizedText>> = {
  SUBMITTED: text('Diajukan', 'Submitted'),
  CHECKING: text('Diperiksa sistem', 'Being checked'),
  IN_REVIEW: text('Diproses', 'In review'),
  RETURNED: text('Dikembalikan untuk diperbaiki', 'Returned for correction'),
  APPROVED: text('Disetujui, surat sedang dibuat', 'Approved, letter being prepared'),
  ISSUED: text('Surat terbit', 'Letter issued'),
  REJECTED: text('Ditolak', 'Rejected'),
  ESCALATED: text('Dieskalasi', 'Escalated'),
  EXPIRED: text('Kedaluwarsa', 'Expired'),
  CANCELLED: text('Dibatalkan', 'Cancelled'),
  FAILED: text('Gagal diproses', 'Processing failed'),
};

/** The public view: what the request is and where it is, nothing about whom it concerns. */
export function trackingView(
  request: ServiceRequest,
  service: ServiceDefinition,
  villageName: string,
  events: readonly RequestEvent[],
) {
  const expectedBy = new Date(Date.parse(request.createdAt) + service.targetHours * 3_600_000).toISOString();
  const open = !['ISSUED', 'REJECTED', 'EXPIRED', 'CANCELLED', 'FAILED'].includes(request.status);
  return {
    trackingCode: request.trackingCode,
    service: { code: service.code, name: service.name },
    village: { code: request.villageCode, name: villageName },
    status: request.status,
    statusLabel: STATUS_LABELS[request.status],
    submittedAt: request.createdAt,
    updatedAt: request.updatedAt,
    ...(open ? { expectedBy } : {}),
    timeline: timeline(events, service),
    ...nextStep(request, service),
  };
}

interface TimelineLine {
  at: string;
  status: RequestStatus;
  label: LocalizedText;
  stage?: LocalizedText;
  stageKey?: string;
}

/**
 * One line per change of status or stage: a date, the status label and (in review) the stage's label.
 * Events that change neither (a stage opening right after the move to review) only add the stage's name.
 */
function timeline(events: readonly RequestEvent[], service: ServiceDefinition) {
  const lines: TimelineLine[] = [];
  for (const event of events) {
    const found = event.stage ? service.stages.find((candidate) => candidate.key === event.stage) : undefined;
    const stage = event.status === 'IN_REVIEW' ? found : undefined;
    const last = lines.at(-1);
    if (last && last.status === event.status && (!stage || last.stageKey === stage.key || !last.stageKey)) {
      if (stage && !last.stageKey) Object.assign(last, { stage: stage.label, stageKey: stage.key });
      continue;
    }
    lines.push({
      at: event.at,
      status: event.status,
      label: STATUS_LABELS[event.status],
      ...(stage ? { stage: stage.label, stageKey: stage.key } : {}),
    });
  }
  return lines.map(({ stageKey: _key, ...line }) => line);
}

const KTP = text('KTP asli pemohon', "The applicant's original identity card (KTP)");
const SLIP = text('Kode lacak ini (atau bukti pengajuan)', 'This tracking code (or the submission slip)');

/** What happens next, and what to bring to the village office when the next step is there. */
function nextStep(
  request: ServiceRequest,
  service: ServiceDefinition,
): { nextStep: LocalizedText; bring: LocalizedText[] } {
  const stage = service.stages[request.stageIndex];
  switch (request.status) {
    case 'SUBMITTED':
    case 'CHECKING':
      return {
        nextStep: text(
          'Permohonan diterima dan sedang diperiksa. Tidak ada yang perlu Anda lakukan.',
          'The request was received and is being checked. Nothing to do for now.',
        ),
        bring: [],
      };
    case 'IN_REVIEW':
    case 'ESCALATED':
      return {
        nextStep: stage
          ? text(
              `Menunggu tahap: ${stage.label.id}. Tidak ada yang perlu Anda lakukan.`,
              `Waiting for: ${stage.label.en}. Nothing to do for now.`,
            )
          : text('Sedang diproses.', 'In review.'),
        bring: [],
      };
    case 'RETURNED':
      return {
        nextStep: text(
          'Permohonan perlu diperbaiki. Perbaiki lewat akun yang mengajukan, atau datang ke kantor desa dengan berkas berikut.',
          'The request needs a correction. Correct it through the account that submitted it, or come to the village office with the papers below.',
        ),
        bring: [
          KTP,
          SLIP,
          ...service.requirements
            .filter((requirement) => requirement.required)
            .map((requirement) => requirement.label),
        ],
      };
    case 'APPROVED':
      return {
        nextStep: text('Disetujui; surat sedang dibuat.', 'Approved; the letter is being prepared.'),
        bring: [],
      };
    case 'ISSUED':
      return {
        nextStep: text(
          'Surat sudah terbit. Unduh lewat akun yang mengajukan, atau ambil di kantor desa.',
          'The letter is ready. Download it through the account that submitted it, or collect it at the village office.',
        ),
        bring: [KTP, SLIP],
      };
    case 'REJECTED':
      return {
        nextStep: text(
          'Permohonan ditolak. Alasannya dapat dilihat lewat akun yang mengajukan atau ditanyakan di kantor desa.',
          'The request was rejected. The reason is shown to the account that submitted it, or ask at the village office.',
        ),
        bring: [KTP, SLIP],
      };
    case 'EXPIRED':
    case 'CANCELLED':
      return {
        nextStep: text(
          'Permohonan ini tidak diproses lagi. Ajukan permohonan baru bila masih diperlukan.',
          'This request is no longer processed. Submit a new one if you still need the letter.',
        ),
        bring: [],
      };
    case 'FAILED':
      return {
        nextStep: text(
          'Terjadi gangguan saat memproses; petugas desa menindaklanjuti. Hubungi kantor desa bila perlu.',
          'Something went wrong while processing; the village staff follow it up. Contact the village office if needed.',
        ),
        bring: [KTP, SLIP],
      };
  }
}
