import { villageCodeParams } from './console-schemas.js';
import { type RouteDefinition, TABLE_NEEDS } from './route-types.js';
import {
  errorAnswer,
  linkNikBody,
  meView,
  nikActivationBody,
  nikActivationView,
  nikUnlinkBody,
  nikUnlinkView,
  trackBody,
  trackingView,
} from './schemas.js';

/**
 * `const x = pure(() => …)`: a declaration a bundle leaves out when the handler does not use it (esbuild
 * honours the annotation within its own file only, hence this helper in each route and schema module). When
 * used, it is built at once, as a plain declaration would be.
 */
/* @__NO_SIDE_EFFECTS__ */
function pure<T>(build: () => T): T {
  return build();
}

/**
 * Citizen channels (issue 4, item 5): a citizen links their NIK to their account (and so sees the counter
 * submissions made for them), and anyone holding a tracking code and the last 6 NIK digits follows a
 * request without an account. Listed in ROUTES (routes.ts).
 */

export const getMe = pure(
  () =>
    ({
      id: 'getMe',
      method: 'GET',
      path: '/v1/me',
      access: ['citizen'],
      rows: 'none',
      entry: 'functions/api/get-me.ts',
      summary: "The caller's account and, if linked, its NIK (masked to the region digits).",
      tags: ['citizens'],
      // citizenProfiles().get: the account's profile (USER#<subject>).
      needs: [{ table: ['GetItem'], partitions: ['USER#'] }],
      responses: { 200: { description: 'The account', schema: meView } },
    }) as const satisfies RouteDefinition,
);

export const linkNik = pure(
  () =>
    ({
      id: 'linkNik',
      method: 'PUT',
      path: '/v1/me/nik',
      access: ['citizen'],
      rows: 'none',
      entry: 'functions/api/link-nik.ts',
      summary:
        "Links the caller's NIK to their account with the activation code the village office issued to the person after seeing their KTP (24 hours, once); the citizen then also sees the requests an operator submitted for them at the counter, and the person is told at the contact given at the counter. One NIK, one account.",
      tags: ['citizens'],
      needs: [
        // The account's profile and the person's counter code.
        { table: ['GetItem'], partitions: ['USER#', 'NIKACT#'] },
        // One transaction of conditional puts: the NIK link, the profile, the code marked used, and the audit
        // entry (PERSON#<hash>).
        { table: ['PutItem'], partitions: ['NIKLINK#', 'USER#', 'NIKACT#', 'PERSON#'] },
        // Rate-limit windows (consume and refund).
        TABLE_NEEDS.rateCounts,
        // The person's notice: the outbox (REQ#nik-link-<hash>) and its delivery.
        TABLE_NEEDS.requestWrites,
        'notify',
        'pseudonym:key',
      ],
      body: linkNikBody,
      responses: {
        200: { description: 'Linked (or already linked to this NIK)', schema: meView },
        400: errorAnswer(
          'Malformed NIK or code; or the NIK or the activation code does not match (one answer for an unknown NIK, a missing, wrong, expired or used code)',
        ),
        409: errorAnswer('The NIK is linked to another account, or this account to another NIK'),
        429: errorAnswer(
          'Too many failed attempts for this account or this NIK: wait for Retry-After seconds',
        ),
      },
    }) as const satisfies RouteDefinition,
);

export const issueNikActivation = pure(
  () =>
    ({
      id: 'issueNikActivation',
      method: 'POST',
      path: '/v1/villages/{code}/nik-activations',
      access: ['operator', 'village_secretary'],
      rows: 'village',
      entry: 'functions/api/issue-nik-activation.ts',
      summary:
        'At the counter, after seeing the KTP: issues the one-time activation code with which the person links their NIK to their account (valid 24 hours, once; replaces their earlier code). The register must know the NIK and name as a living resident of the village. The code is answered once, for the printed slip, and never stored or sent.',
      tags: ['citizens'],
      needs: [
        // The person's counter code (NIKACT#, one per NIK), its audit entry (PERSON#) and the notice to the
        // contact the register holds (the outbox, REQ#nik-activation-…).
        { table: ['GetItem', 'PutItem'], partitions: ['NIKACT#', 'PERSON#', 'REQ#'] },
        TABLE_NEEDS.rateCounts,
        'pseudonym:key',
      ],
      params: villageCodeParams,
      body: nikActivationBody,
      responses: {
        201: { description: 'The code, shown once', schema: nikActivationView },
        400: errorAnswer('Malformed body; or no code can be issued in this village for this NIK and name'),
        403: errorAnswer('Not staff of this village'),
      },
    }) as const satisfies RouteDefinition,
);

export const unlinkNik = pure(
  () =>
    ({
      id: 'unlinkNik',
      method: 'POST',
      path: '/v1/villages/{code}/nik-unlinks',
      access: ['operator', 'village_head'],
      rows: 'village',
      entry: 'functions/api/unlink-nik.ts',
      summary:
        "Undoes a NIK's link to an account (a wrong link, or one the person did not make), with a reason, audited: the account no longer sees the person's counter requests and the NIK can be linked again. Only the village where the person is registered. The person is told at the contact given at the counter.",
      tags: ['citizens'],
      needs: [
        // The NIK's link and counter code; the link and the account's profile deleted in one transaction.
        { table: ['GetItem'], partitions: ['NIKLINK#', 'NIKACT#', 'USER#'] },
        { table: ['DeleteItem'], partitions: ['NIKLINK#', 'USER#'] },
        // The audit entry (PERSON#) and the person's notice (the outbox, REQ#…) with its delivery.
        { table: ['PutItem'], partitions: ['PERSON#'] },
        TABLE_NEEDS.requestWrites,
        TABLE_NEEDS.rateCounts,
        'notify',
        'pseudonym:key',
      ],
      params: villageCodeParams,
      body: nikUnlinkBody,
      responses: {
        200: { description: 'Unlinked', schema: nikUnlinkView },
        400: errorAnswer('Malformed body; or the person is not registered in this village'),
        403: errorAnswer('Not staff of this village'),
        409: errorAnswer('The NIK is linked to no account, or its link changed meanwhile'),
      },
    }) as const satisfies RouteDefinition,
);

export const trackRequest = pure(
  () =>
    ({
      id: 'trackRequest',
      method: 'POST',
      path: '/v1/track',
      access: 'public',
      rows: 'none',
      // The answer is about a person's request: never cached, not even by CloudFront or the browser.
      cache: 'no-store',
      entry: 'functions/api/track-request.ts',
      summary:
        'Public: where a request is, by its tracking code and the last 6 digits of the applicant’s NIK (POST, so neither appears in a URL or a log). Service, village, status, dates and the next step only: no names, NIK or data. Rate limited per client and per code.',
      tags: ['requests'],
      needs: [
        // The tracking code (TRACK#), the village and its services (VILLAGE#).
        { table: ['GetItem'], partitions: ['TRACK#', 'VILLAGE#'] },
        // The request it names and its events (REQ#<id>: sk META, META#DATA, EVT#…).
        { table: ['Query'], partitions: ['REQ#'] },
        // Its service as it was submitted, when the definition changed since.
        TABLE_NEEDS.serviceVersions,
        // Failed-attempt counters, the only write (consume and refund).
        TABLE_NEEDS.rateCounts,
      ],
      body: trackBody,
      responses: {
        200: { description: 'The request’s status', schema: trackingView },
        400: errorAnswer('Malformed code or digits'),
        404: errorAnswer('No request with this code and these digits (the same answer for both)'),
        429: errorAnswer('Too many attempts from this client or for this code: wait for Retry-After seconds'),
      },
    }) as const satisfies RouteDefinition,
);

export const CITIZEN_ROUTES: readonly RouteDefinition[] = pure(() => [
  getMe,
  linkNik,
  issueNikActivation,
  unlinkNik,
  trackRequest,
]);
