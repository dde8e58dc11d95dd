import type { RouteDefinition } from './route-types.js';
import { errorAnswer, linkNikBody, meView, trackBody, trackingView } from './schemas.js';

/**
 * Citizen channels (issue 4, item 5): a citizen links their NIK to their account (and so sees the counter
 * submissions made for them), and anyone holding a tracking code and the last 6 NIK digits follows a
 * request without an account. Listed in ROUTES (routes.ts).
 */

export const getMe = {
  id: 'getMe',
  method: 'GET',
  path: '/v1/me',
  access: ['citizen'],
  rows: 'none',
  entry: 'functions/api/get-me.ts',
  summary: "The caller's account and, if linked, its NIK (masked to the region digits).",
  tags: ['citizens'],
  needs: ['table:read'],
  responses: { 200: { description: 'The account', schema: meView } },
} as const satisfies RouteDefinition;

export const linkNik = {
  id: 'linkNik',
  method: 'PUT',
  path: '/v1/me/nik',
  access: ['citizen'],
  rows: 'none',
  entry: 'functions/api/link-nik.ts',
  summary:
    "Links the caller's NIK to their account once the population register confirms the name and birth date; the citizen then also sees the requests an operator submitted for them at the counter. One NIK, one account.",
  tags: ['citizens'],
  needs: ['table:read', 'table:write', 'pseudonym:key'],
  body: linkNikBody,
  responses: {
    200: { description: 'Linked (or already linked to this NIK)', schema: meView },
    400: errorAnswer(
      'Invalid NIK, or the register does not confirm the name or birth date (values never echoed)',
    ),
    409: errorAnswer('The NIK is linked to another account, or this account to another NIK'),
    429: errorAnswer('Too many failed attempts: wait for Retry-After seconds'),
  },
} as const satisfies RouteDefinition;

export const trackRequest = {
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
  needs: ['table:read', 'table:write'],
  body: trackBody,
  responses: {
    200: { description: 'The request’s status', schema: trackingView },
    400: errorAnswer('Malformed code or digits'),
    404: errorAnswer('No request with this code and these digits (the same answer for both)'),
    429: errorAnswer('Too many attempts from this client or for this code: wait for Retry-After seconds'),
  },
} as const satisfies RouteDefinition;

export const CITIZEN_ROUTES: readonly RouteDefinition[] = [getMe, linkNik, trackRequest];
