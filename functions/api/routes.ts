import * as z from 'zod/mini';
import { MACHINE_SCOPES } from '../core/identity/policy.js';
import { STAFF_ROLES } from '../core/identity/roles.js';
import { BUDGET_ROUTES } from './budget-routes.js';
import { CASE_ROUTES } from './case-routes.js';
import { CITIZEN_ROUTES } from './citizen-routes.js';
import { CONSOLE_ROUTES } from './console-routes.js';
import { LEGAL_ROUTES } from './legal-routes.js';
import { MARKET_ROUTES } from './market-routes.js';
import { PRIVACY_ROUTES } from './privacy-routes.js';
import { type RouteDefinition, SIGNALLED_CHANGE, SUBMISSION_NEEDS, TABLE_NEEDS } from './route-types.js';
import {
  attachmentParams,
  decisionBody,
  documentIdParams,
  documentLink,
  documentReasonBody,
  documentRecordView,
  downloadLink,
  errorAnswer,
  listRequestsQuery,
  notificationList,
  requestIdParams,
  requestPage,
  requestView,
  resubmissionBody,
  serviceSummary,
  servicesQuery,
  signedApprovalBody,
  submitRequestBody,
  uploadBody,
  uploadTicket,
  uploadVerification,
  verification,
  villageServiceParams,
  villageView,
} from './schemas.js';
import { SCHOOLING_ROUTES } from './schooling-routes.js';
import { TENANT_ROUTES } from './tenant-routes.js';
import { WEBSITE_ROUTES } from './website-routes.js';
import { WELFARE_ROUTES } from './welfare-routes.js';

/**
 * `const x = pure(() => …)`: a declaration a bundle leaves out when the handler does not use it (esbuild
 * honours the annotation within its own file only, hence this helper in each route and schema module). When
 * used, it is built at once, as a plain declaration would be.
 */
/* @__NO_SIDE_EFFECTS__ */
function pure<T>(build: () => T): T {
  return build();
}

const DECIDERS = STAFF_ROLES;
/** Staff who list a village's requests: agency officers only see what their agency takes part in (tasks). */
const VILLAGE_LISTERS = pure(() => STAFF_ROLES.filter((role) => role !== 'agency_officer'));

/** API v1 routes. Each is a const so handlers keep its schema types; ROUTES lists them all. */
export const listServices = pure(
  () =>
    ({
      id: 'listServices',
      method: 'GET',
      path: '/v1/services',
      access: 'public',
      rows: 'none',
      entry: 'functions/api/list-services.ts',
      summary:
        "The service catalog: each service with its form, requirements, approval chain and target time; with ?village=, also that village's own programmes.",
      tags: ['catalog'],
      // catalog().list(village): Query of the village's own services (VILLAGE#<code>, sk SERVICE#…).
      needs: [{ table: ['Query'], partitions: ['VILLAGE#'] }],
      query: servicesQuery,
      responses: {
        200: { description: 'All services', schema: z.object({ items: z.array(serviceSummary) }) },
      },
    }) as const satisfies RouteDefinition,
);

export const listOfficeServices = pure(
  () =>
    ({
      id: 'listOfficeServices',
      method: 'GET',
      path: '/v1/office-services',
      access: STAFF_ROLES,
      rows: 'none',
      entry: 'functions/api/list-office-services.ts',
      summary:
        "The office's own documents and reports (legal products, the musdes verification, welfare cases: audience 'office'), left out of the citizens' catalog: their forms, requirements and chains, for the staff who draft or decide them.",
      tags: ['catalog'],
      needs: [],
      responses: {
        200: { description: "The office's services", schema: z.object({ items: z.array(serviceSummary) }) },
        403: errorAnswer('Not staff'),
      },
    }) as const satisfies RouteDefinition,
);

export const listVillages = pure(
  () =>
    ({
      id: 'listVillages',
      method: 'GET',
      path: '/v1/villages',
      access: 'public',
      rows: 'none',
      entry: 'functions/api/list-villages.ts',
      summary: 'Villages served by this deployment.',
      tags: ['catalog'],
      // villageDirectory().list(): Query of gsi2's DIRECTORY#VILLAGE partition (an index: not narrowable).
      needs: [{ table: ['Query'], indexes: ['gsi2'] }],
      responses: { 200: { description: 'All villages', schema: z.object({ items: z.array(villageView) }) } },
    }) as const satisfies RouteDefinition,
);

export const submitRequest = pure(
  () =>
    ({
      id: 'submitRequest',
      method: 'POST',
      path: '/v1/requests',
      access: ['citizen', 'operator'],
      rows: 'submission',
      entry: 'functions/api/submit-request.ts',
      summary:
        'Submit a request for a service in a village. Repeating the call with the same Idempotency-Key returns the first answer.',
      tags: ['requests'],
      needs: [...SUBMISSION_NEEDS],
      body: submitRequestBody,
      headers: [
        {
          name: 'Idempotency-Key',
          description:
            'A unique key per intended submission (e.g. a UUID); retries with the same key and body create nothing new.',
          required: false,
        },
      ],
      responses: {
        201: { description: 'Request created', schema: requestView },
        400: errorAnswer('Invalid body or application data'),
        404: errorAnswer('Unknown service or village'),
        409: errorAnswer('A submission with this Idempotency-Key is still in progress: retry shortly'),
        422: errorAnswer('Idempotency-Key reused with a different body'),
      },
    }) as const satisfies RouteDefinition,
);

export const listRequests = pure(
  () =>
    ({
      id: 'listRequests',
      method: 'GET',
      path: '/v1/requests',
      access: VILLAGE_LISTERS,
      rows: 'village',
      entry: 'functions/api/list-requests.ts',
      summary: "A village's requests, newest first, optionally by status; paginated with an opaque cursor.",
      tags: ['requests'],
      needs: [
        // A village's requests, all (gsi2) or by status (gsi1): keys, then each request (REQ#).
        { table: ['Query'], indexes: ['gsi1', 'gsi2'] },
        { table: ['Query'], partitions: ['REQ#'] },
        // Each request's service as it was submitted, when its definition changed since.
        TABLE_NEEDS.serviceVersions,
      ],
      query: listRequestsQuery,
      responses: {
        200: { description: 'A page of requests', schema: requestPage },
        400: errorAnswer('Invalid query'),
        403: errorAnswer('Not your area'),
      },
    }) as const satisfies RouteDefinition,
);

export const getRequest = pure(
  () =>
    ({
      id: 'getRequest',
      method: 'GET',
      path: '/v1/requests/{id}',
      access: ['citizen', ...DECIDERS],
      rows: 'request',
      machineScopes: [MACHINE_SCOPES.readRequests],
      entry: 'functions/api/get-request.ts',
      summary: 'One request with its timeline.',
      tags: ['requests'],
      needs: [TABLE_NEEDS.requestReads, TABLE_NEEDS.auditedRead],
      params: requestIdParams,
      responses: {
        200: { description: 'The request', schema: requestView },
        404: errorAnswer('No such request (or not yours)'),
      },
    }) as const satisfies RouteDefinition,
);

export const decideRequest = pure(
  () =>
    ({
      id: 'decideRequest',
      method: 'POST',
      path: '/v1/requests/{id}/decisions',
      access: DECIDERS,
      rows: 'request-decision',
      machineScopes: [MACHINE_SCOPES.decide],
      entry: 'functions/api/decide-request.ts',
      summary:
        "Approve, reject or return the request at its current stage; only the stage's role in the request's area may decide.",
      tags: ['requests'],
      // The decision: request, event and pending signal in one transaction, notices in the outbox; which
      // regencies sign through BSrE (their signing stage is approved through approveWithSignature).
      needs: [...SIGNALLED_CHANGE, 'signing:regencies'],
      params: requestIdParams,
      body: decisionBody,
      responses: {
        200: { description: 'Decision recorded', schema: requestView },
        202: {
          description:
            'Decision recorded; the workflow continues shortly (its signal failed and is sent again): do not decide again',
          schema: requestView,
        },
        400: errorAnswer('Invalid decision'),
        403: errorAnswer('Not the role or area of the current stage'),
        404: errorAnswer('No such request'),
        409: errorAnswer('The request is not waiting for this decision'),
      },
    }) as const satisfies RouteDefinition,
);

/**
 * The approval at which a regency's signing service (BSrE) signs the letter with the approver's own
 * certificate: their NIK and passphrase go to BSrE, the signed letter is stored, then the approval is recorded.
 */
export const approveWithSignature = pure(
  () =>
    ({
      id: 'approveWithSignature',
      method: 'POST',
      path: '/v1/requests/{id}/signed-approval',
      access: DECIDERS,
      rows: 'request-decision',
      entry: 'functions/api/approve-with-signature.ts',
      summary:
        "Approve the stage that signs the letter, having BSrE sign it with the approver's certificate (regencies that sign through BSrE).",
      tags: ['requests'],
      // BSrE may take seconds per attempt, and is tried three times before the stage is left waiting.
      timeoutSeconds: 29,
      needs: [
        ...SIGNALLED_CHANGE,
        // The village (letterhead, regency), the letter's number (COUNTER#, a lost race's number voided).
        { table: ['GetItem'], partitions: ['VILLAGE#'] },
        { table: ['PutItem', 'UpdateItem'], partitions: ['COUNTER#'] },
        'documents:write',
        'emblems:read',
        'signing:service',
      ],
      params: requestIdParams,
      body: signedApprovalBody,
      responses: {
        200: { description: 'Letter signed and approval recorded', schema: requestView },
        202: {
          description:
            'Letter signed and approval recorded; the workflow continues shortly (its signal failed and is sent again): do not approve again',
          schema: requestView,
        },
        400: errorAnswer('Invalid NIK or passphrase, or BSrE refused the signature (try again)'),
        403: errorAnswer('Not the role or area of the current stage'),
        404: errorAnswer('No such request'),
        409: errorAnswer('Not the signing stage, or the regency does not sign through BSrE'),
        503: errorAnswer('BSrE cannot sign now: nothing was approved, the stage keeps waiting (Retry-After)'),
      },
    }) as const satisfies RouteDefinition,
);

export const getRequestDocument = pure(
  () =>
    ({
      id: 'getRequestDocument',
      method: 'GET',
      path: '/v1/requests/{id}/document',
      access: ['citizen', ...DECIDERS],
      rows: 'request',
      entry: 'functions/api/get-request-document.ts',
      summary: 'A short-lived download link for the issued document.',
      tags: ['documents'],
      needs: [
        TABLE_NEEDS.requestReads,
        // The letter's record.
        { table: ['GetItem'], partitions: ['DOC#'] },
        TABLE_NEEDS.auditedRead,
        'documents:read',
      ],
      params: requestIdParams,
      responses: {
        200: { description: 'Download link', schema: documentLink },
        404: errorAnswer('No such request'),
        409: errorAnswer('Not issued yet'),
      },
    }) as const satisfies RouteDefinition,
);

/**
 * The public verification routes run on their own reserved concurrency (each): at most this many at once,
 * whatever anyone sends, so a flood of checks cannot take the account's concurrency from submissions,
 * decisions and the workflow (and the capacity is theirs even when the rest of the account is busy).
 */
export const VERIFY_RESERVED_CONCURRENCY = 5;

export const verifyDocument = pure(
  () =>
    ({
      id: 'verifyDocument',
      method: 'GET',
      path: '/v1/verify/{documentId}',
      access: 'public',
      rows: 'none',
      entry: 'functions/api/verify-document.ts',
      summary:
        'Public verification of an issued document (what its QR code opens): valid, revoked or superseded, and whether its signature verifies.',
      tags: ['documents'],
      // documentRegistry().get (DOC#), the village and its own services (VILLAGE#); GetItem only. The per-address
      // rate counters (verification.ts VERIFY_LOOKUPS_PER_CLIENT): UpdateItem on RATE#, no other write.
      needs: [
        { table: ['GetItem'], partitions: ['DOC#', 'VILLAGE#'] },
        TABLE_NEEDS.rateCounts,
        'documents:verify',
      ],
      reservedConcurrency: VERIFY_RESERVED_CONCURRENCY,
      params: documentIdParams,
      responses: {
        200: { description: 'The document as issued', schema: verification },
        404: errorAnswer('Unknown document'),
        429: errorAnswer('Too many checks from this client: wait for Retry-After seconds'),
      },
    }) as const satisfies RouteDefinition,
);

export const requestUpload = pure(
  () =>
    ({
      id: 'requestUpload',
      method: 'POST',
      path: '/v1/uploads',
      // The village secretary uploads a legal product's draft text, the village head the signed one; the
      // regency's poverty unit the evidence of a welfare case it resolved for a late dinas.
      access: [
        'citizen',
        'operator',
        'agency_officer',
        'village_secretary',
        'village_head',
        'poverty_unit_officer',
      ],
      rows: 'none',
      machineScopes: [MACHINE_SCOPES.upload],
      entry: 'functions/api/request-upload.ts',
      summary:
        'A presigned POST for one attachment (PDF, JPEG or PNG, at most 5 MB). Send the form fields, then the file as `file`; attach it by its uploadId when submitting.',
      tags: ['attachments'],
      needs: [
        // The village and its own programmes: a ticket names a service the village offers.
        { table: ['GetItem'], partitions: ['VILLAGE#'] },
        'documents:write',
      ],
      body: uploadBody,
      responses: {
        201: { description: 'Upload ticket', schema: uploadTicket },
        400: errorAnswer('Unknown village, service or requirement, forbidden type or too large'),
      },
    }) as const satisfies RouteDefinition,
);

export const resubmitRequest = pure(
  () =>
    ({
      id: 'resubmitRequest',
      method: 'POST',
      path: '/v1/requests/{id}/resubmission',
      access: ['citizen', 'operator'],
      rows: 'request-correction',
      entry: 'functions/api/resubmit-request.ts',
      summary:
        'The applicant corrects their returned request (a counter submission: an operator of the village); the same workflow continues where it was returned.',
      tags: ['requests'],
      // The corrected request, its event and pending signal, lookup items for NIKs new in its data
      // (PERSON#<hash>), notices in the outbox.
      needs: [...SIGNALLED_CHANGE, { table: ['PutItem'], partitions: ['PERSON#'] }],
      params: requestIdParams,
      body: resubmissionBody,
      responses: {
        200: { description: 'Corrected and resubmitted', schema: requestView },
        202: {
          description:
            'Corrected; the workflow continues shortly (its signal failed and is sent again): do not resubmit',
          schema: requestView,
        },
        400: errorAnswer('Invalid data or attachments'),
        403: errorAnswer("A citizen's own (self-service) application: only its applicant corrects it"),
        404: errorAnswer('No such request (or not yours)'),
        409: errorAnswer('The request is not waiting for a correction'),
      },
    }) as const satisfies RouteDefinition,
);

export const getAttachment = pure(
  () =>
    ({
      id: 'getAttachment',
      method: 'GET',
      path: '/v1/requests/{id}/attachments/{attachmentId}',
      access: ['citizen', ...DECIDERS],
      rows: 'request',
      machineScopes: [MACHINE_SCOPES.readRequests],
      entry: 'functions/api/get-attachment.ts',
      summary: 'A short-lived link to one attached file.',
      tags: ['attachments'],
      needs: [TABLE_NEEDS.requestReads, TABLE_NEEDS.auditedRead, 'documents:read'],
      params: attachmentParams,
      responses: {
        200: { description: 'Download link', schema: downloadLink },
        404: errorAnswer('No such request or attachment'),
      },
    }) as const satisfies RouteDefinition,
);

export const putVillageService = pure(
  () =>
    ({
      id: 'putVillageService',
      method: 'PUT',
      path: '/v1/villages/{code}/services/{serviceCode}',
      access: ['village_head', 'regency_admin'],
      rows: 'village-services',
      entry: 'functions/api/put-village-service.ts',
      summary:
        "Adds or replaces one of a village's own services (sport, adat, religion programmes…), live at once, without a deploy.",
      tags: ['catalog'],
      needs: [
        // The village's programme (VILLAGE#…SERVICE#) and its audit entry.
        { table: ['GetItem', 'PutItem'], partitions: ['VILLAGE#'] },
      ],
      params: villageServiceParams,
      body: z
        .record(z.string(), z.unknown())
        .check(
          z.describe('A service definition (see the Service schema: fields, requirements, stages, letter)'),
        ),
      responses: {
        200: { description: 'The service as stored', schema: serviceSummary },
        400: errorAnswer('Invalid service definition'),
        403: errorAnswer('Not your village'),
      },
    }) as const satisfies RouteDefinition,
);

export const getOpenApi = pure(
  () =>
    ({
      id: 'getOpenApi',
      method: 'GET',
      path: '/openapi.json',
      access: 'public',
      rows: 'none',
      entry: 'functions/api/get-openapi.ts',
      summary: 'This API, as OpenAPI 3.1.',
      tags: ['meta'],
      needs: [],
      responses: { 200: { description: 'OpenAPI document', contentType: 'application/json' } },
    }) as const satisfies RouteDefinition,
);

// --- Notifications (issue 3, item 7) ---------------------------------------------------------------------
export const listRequestNotifications = pure(
  () =>
    ({
      id: 'listRequestNotifications',
      method: 'GET',
      path: '/v1/requests/{id}/notifications',
      access: ['citizen', ...DECIDERS],
      rows: 'request',
      entry: 'functions/api/list-notifications.ts',
      summary:
        "What was sent about a request, newest first, with delivery status: the applicant sees their own messages, staff of the request's area also the reminders to deciders. Addresses are masked.",
      tags: ['requests'],
      needs: [TABLE_NEEDS.requestReads, TABLE_NEEDS.auditedRead],
      params: requestIdParams,
      responses: {
        200: { description: "The request's notifications", schema: notificationList },
        404: errorAnswer('No such request (or not yours)'),
      },
    }) as const satisfies RouteDefinition,
);
// --- end notifications ----------------------------------------------------------------------------------

// --- Verifiable documents (issue 3, item 5): verify an uploaded PDF; staff revoke or reissue ---------------

export const verifyDocumentUpload = pure(
  () =>
    ({
      id: 'verifyDocumentUpload',
      method: 'POST',
      path: '/v1/verify',
      access: 'public',
      rows: 'none',
      entry: 'functions/api/verify-document-upload.ts',
      summary:
        'Public: is this PDF the letter that was issued? Send the file itself as the body (Content-Type: application/pdf, at most 2 MB): valid, revoked, superseded, tampered or unknown.',
      tags: ['documents'],
      // As verifyDocument, and findByHash (DOCHASH#); rate counters VERIFY_UPLOADS_PER_CLIENT.
      needs: [
        { table: ['GetItem'], partitions: ['DOC#', 'DOCHASH#', 'VILLAGE#'] },
        TABLE_NEEDS.rateCounts,
        'documents:verify',
      ],
      reservedConcurrency: VERIFY_RESERVED_CONCURRENCY,
      rawBody: {
        contentTypes: ['application/pdf', 'application/octet-stream'],
        description: 'The PDF file itself (not JSON), at most 2 MB',
      },
      responses: {
        200: { description: 'What the file is', schema: uploadVerification },
        400: errorAnswer('Empty, or not a PDF'),
        413: errorAnswer('Larger than 2 MB'),
        429: errorAnswer('Too many checks from this client: wait for Retry-After seconds'),
      },
    }) as const satisfies RouteDefinition,
);

export const revokeDocument = pure(
  () =>
    ({
      id: 'revokeDocument',
      method: 'POST',
      path: '/v1/documents/{documentId}/revocation',
      access: ['village_head', 'village_secretary'],
      rows: 'document',
      entry: 'functions/api/revoke-document.ts',
      summary:
        "Revokes an issued letter, with a reason shown on the public verification page; only the village head or secretary of the letter's village.",
      tags: ['documents'],
      needs: [
        // The letter (DOC#) and its request (REQ#); the revocation on the letter, its event and audit entries.
        { table: ['GetItem', 'UpdateItem', 'PutItem'], partitions: ['DOC#'] },
        { table: ['Query', 'PutItem'], partitions: ['REQ#'] },
      ],
      params: documentIdParams,
      body: documentReasonBody,
      responses: {
        200: { description: 'The revoked document', schema: documentRecordView },
        400: errorAnswer('Missing reason'),
        403: errorAnswer('Not the village head or secretary of this village'),
        404: errorAnswer('Unknown document'),
        409: errorAnswer('Already revoked or superseded'),
      },
    }) as const satisfies RouteDefinition,
);

export const reissueDocument = pure(
  () =>
    ({
      id: 'reissueDocument',
      method: 'POST',
      path: '/v1/documents/{documentId}/reissue',
      access: ['village_head', 'village_secretary'],
      rows: 'document',
      entry: 'functions/api/reissue-document.ts',
      summary:
        "Reissues a letter under a new number and document id; the old one becomes superseded. Only the village head or secretary of the letter's village.",
      tags: ['documents'],
      needs: [
        // The letter replaced, its request and events, the village (letterhead, signer), the request's service
        // as it was submitted.
        { table: ['GetItem'], partitions: ['DOC#', 'VILLAGE#'] },
        { table: ['Query'], partitions: ['REQ#'] },
        TABLE_NEEDS.serviceVersions,
        // The new letter, its hash record, the old letter marked replaced, the request's event, and the next
        // letter number (COUNTER#, with void numbers) in one transaction.
        { table: ['PutItem', 'UpdateItem'], partitions: ['DOC#', 'DOCHASH#', 'REQ#', 'COUNTER#'] },
        // The certificates its PAdES signature carries: read, or issued once (signer-certificates.ts).
        { table: ['GetItem', 'PutItem'], partitions: ['CERT#'] },
        'documents:write',
        'documents:sign',
        // The regency's emblem on the letterhead, as at first issue.
        'emblems:read',
      ],
      params: documentIdParams,
      body: documentReasonBody,
      responses: {
        201: { description: 'The new document', schema: documentRecordView },
        400: errorAnswer('Missing reason'),
        403: errorAnswer('Not the village head or secretary of this village'),
        404: errorAnswer('Unknown document'),
        409: errorAnswer("Superseded already, or not the request's current document"),
      },
    }) as const satisfies RouteDefinition,
);

const DOCUMENT_ROUTES = pure(() => [verifyDocumentUpload, revokeDocument, reissueDocument] as const);
// --- end verifiable documents ------------------------------------------------------------------------------

/** The API v1 route table: the one source for the stack, the local gateway and OpenAPI. */
export const ROUTES: readonly RouteDefinition[] = pure(() => [
  listServices,
  listOfficeServices,
  listVillages,
  submitRequest,
  listRequests,
  getRequest,
  decideRequest,
  approveWithSignature,
  getRequestDocument,
  verifyDocument,
  requestUpload,
  resubmitRequest,
  getAttachment,
  putVillageService,
  getOpenApi,
  // Web front end (issue 5): staff inbox and dashboard, village board, a citizen's own requests.
  ...CONSOLE_ROUTES,
  listRequestNotifications, // notifications (issue 3, item 7)
  // Verifiable documents (issue 3, item 5): upload verification, revocation, reissue.
  ...DOCUMENT_ROUTES,
  ...TENANT_ROUTES, // villages as tenants (issue 4): onboarding a village and its staff
  ...PRIVACY_ROUTES, // privacy (issue 4): data-subject exports for the data-protection officer
  ...LEGAL_ROUTES, // legal products (issue 12): drafts through the approval chain, the public register, JDIHN
  ...WEBSITE_ROUTES, // the village website (issue 12): news and agenda, drafted and published
  ...CITIZEN_ROUTES, // citizen channels (issue 4, item 5): NIK linking, tracking without an account
  ...BUDGET_ROUTES, // the village budget (issue 12, item 2): APBDes, realisation, the art. 72 report
  ...WELFARE_ROUTES, // household welfare data (issue 13, item 1): the DTSEN desil ranking
  ...SCHOOLING_ROUTES, // children back to school (issue 13, item 3): the out-of-school list
  ...MARKET_ROUTES, // the UMKM market (issue 13, item 4): products checked by the operator, public search
  ...CASE_ROUTES, // cases to the UPT (issue 13, item 2): welfare cases through the generic approval workflow
]);
