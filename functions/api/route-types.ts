import type * as z from 'zod/mini';
import type { MachineScope, RouteAccess } from '../core/identity/policy.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type { RouteAccess };

/**
 * The row-level rule the route's use case applies to the record it names (policy.ts), declared here so the
 * access matrix test can derive, from this table alone, who must be allowed and who refused:
 * - none: no record in the path; public, or scoped to the caller (their uploads, their own requests)
 * - request: the `{id}` request's applicant, or staff of its area (agency officers: when their agency takes part)
 * - request-decision: the role (and agency) the request's current stage waits for, in its area
 * - request-correction: the applicant of a self-service request; for a counter (assisted) submission, an
 *   operator of the request's village. Others who may see the request: 403; everyone else: 404
 * - submission: citizens apply to any village; operators at their own village's counter only
 * - village: staff whose area covers the village named by the path, query or body
 * - village-services: the village head of that village, or the regency admin over it
 * - village-onboarding: the regency admin over the village
 * - regency: the regency admin of the path's `{regencyCode}`
 * - document: the village head or secretary of the document's village
 * - personal-data: the data-protection officer of the area
 * - village-welfare: the route's roles, within the path's village (household surveys: enumerators and the
 *   operator record; they, the village secretary and head read)
 * - village-budget: the operator, village secretary or village head of the path's village, or the regency
 *   admin over it (BUDGET_KEEPERS)
 * - product-seller: the citizen who listed the `{id}` market product; everyone else: 404
 */
export type RowRule =
  | 'none'
  | 'request'
  | 'request-decision'
  | 'request-correction'
  | 'submission'
  | 'village'
  | 'village-services'
  | 'village-onboarding'
  | 'regency'
  | 'document'
  | 'personal-data'
  | 'village-budget'
  | 'village-welfare'
  | 'product-seller'
  /** A welfare case is reported in a village: its reporters (core/cases/cases.ts), a citizen for their own household. */
  | 'case-report'
  /** A welfare case: those who work on it (policy.worksOnCase), nobody else (404). */
  | 'case'
  /** A welfare case's current stage: its decider (403 for others who work on it, 404 for the rest). */
  | 'case-decision'
  /** The route's roles whose area covers the path's district (a sub-district's case dashboard). */
  | 'district-area'
  /** The route's roles whose area covers the path's regency (a regency's case dashboard). */
  | 'regency-area';

/**
 * One API route. This table is the single source for the CDK HTTP API (routes, authorizer, one Lambda per
 * route), the local gateway and the OpenAPI document.
 */
export interface RouteDefinition {
  /** Stable id: names the Lambda construct and the OpenAPI operationId. */
  readonly id: string;
  readonly method: HttpMethod;
  /** API Gateway path syntax, e.g. /v1/requests/{id}. */
  readonly path: string;
  readonly access: RouteAccess;
  /** Agencies' systems (client credentials) holding one of these scopes may call the route too. */
  readonly machineScopes?: readonly MachineScope[];
  readonly rows: RowRule;
  /**
   * 'no-store': never cached, even when public and successful — for public routes whose answer is about a
   * person (tracking a request by its code).
   * 'immutable': cached for a year — for public files whose address changes with their content (photos).
   * @default - public routes' 200 answers may be cached for 60 s; every other answer is no-store
   */
  readonly cache?: 'no-store' | 'immutable';
  /**
   * Reserved concurrency of the route's function: a cap (and a guarantee) for public routes anyone can call
   * in bulk, so they cannot starve the others.
   * @default - none: the function shares the account's unreserved concurrency
   */
  readonly reservedConcurrency?: number;
  /**
   * The function's time limit, for a route that waits on a slow outside service (under the HTTP API's 30 s).
   * @default 10
   */
  readonly timeoutSeconds?: number;
  /** @default 512 (MB) */
  readonly memorySize?: number;
  /**
   * Files (relative to the repository root) the function reads from beside its bundle at run time, copied
   * there when it is bundled: what esbuild cannot inline, such as a WebAssembly module.
   */
  readonly bundledFiles?: readonly string[];
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly summary: string;
  readonly tags: readonly string[];
  /** What the handler needs from the stack (least privilege grants). */
  readonly needs: readonly ResourceNeed[];
  readonly params?: z.ZodMiniType;
  readonly query?: z.ZodMiniType;
  readonly body?: z.ZodMiniType;
  /** The body is a file, not JSON: the accepted content types (the handler gets the bytes as `rawBody`). */
  readonly rawBody?: { readonly contentTypes: readonly string[]; readonly description: string };
  /** Extra request headers the route reads (documented in OpenAPI). */
  readonly headers?: readonly {
    readonly name: string;
    readonly description: string;
    readonly required: boolean;
  }[];
  readonly responses: Readonly<
    Record<
      number,
      { readonly description: string; readonly schema?: z.ZodMiniType; readonly contentType?: string }
    >
  >;
}

/**
 * The single table's partition key prefixes (functions/adapters/keys.ts): what `dynamodb:LeadingKeys` can
 * tell apart. Audit entries live in their record's partition (REQ#, VILLAGE#, STAFF#, PERSON#, DOC#, SITE#).
 */
export const TABLE_PARTITIONS = [
  'REQ#',
  'VILLAGE#',
  'SERVICEVERSION#',
  'STAFF#',
  'PERSON#',
  'DOC#',
  'DOCHASH#',
  'COUNTER#',
  'IDEM#',
  'TRACK#',
  'USER#',
  'NIKLINK#',
  'NIKACT#',
  'RATE#',
  'DIGEST#',
  'LAW#',
  'LAWREG#',
  'LAWNO#',
  'CERT#',
  'BUDGET#',
  'SITE#',
  'SITESTALE#',
  'DESIL#',
  'SURVEY#',
  'MARKET#',
  'CASE#',
] as const;

export type TablePartition = (typeof TABLE_PARTITIONS)[number];

/** The single table's secondary indexes (lib/constructs/data.ts TABLE_INDEXES). */
export type TableIndex = 'gsi1' | 'gsi2' | 'gsi3' | 'gsi4' | 'gsi5';

/**
 * Item-level DynamoDB actions a function may be granted. TransactWriteItems is authorized per item, as the
 * PutItem/UpdateItem/DeleteItem/ConditionCheckItem it contains (TransactGetItems as GetItem).
 */
export type TableAction =
  | 'GetItem'
  | 'Query'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'ConditionCheckItem';

/**
 * Least privilege on the table, declared next to the route or task that needs it:
 * - `{ table, partitions }`: these actions on items whose partition key starts with one of the prefixes
 *   (`dynamodb:LeadingKeys`); within a partition IAM cannot tell one sort key (item kind) from another.
 * - `{ table: ['Query'], indexes }`: queries of these secondary indexes. LeadingKeys names the table's
 *   partition key, not an index's, so an index query cannot be narrowed to some index partitions: whoever
 *   may query gsi2 for the village directory may query any village's requests there too.
 */
export type TableNeed =
  | { readonly table: readonly TableAction[]; readonly partitions: readonly TablePartition[] }
  | { readonly table: readonly ['Query']; readonly indexes: readonly TableIndex[] };

/** TableNeeds that many functions share, named once with the reason for them. */
export const TABLE_NEEDS = {
  /** An audited read (audit.ts auditRead): the entry is written in the request's partition before the answer. */
  auditedRead: { table: ['PutItem'], partitions: ['REQ#'] },
  /** Rate-limit windows, counted and refunded (dynamo-rate-limit.ts); notifiers count messages per destination. */
  rateCounts: { table: ['UpdateItem'], partitions: ['RATE#'] },
  /**
   * A request and what decides who may see it (visible-request.ts): the request and its events (REQ#), its
   * service (a village's own programme, VILLAGE#, or the version it was submitted under, SERVICEVERSION#),
   * the caller's linked NIK (USER#, for counter submissions).
   */
  requestReads: {
    table: ['GetItem', 'Query'],
    partitions: ['REQ#', 'VILLAGE#', 'SERVICEVERSION#', 'USER#'],
  },
  /** The definition of a request's service as it was submitted (ServiceCatalog.definitionOf): one GetItem. */
  serviceVersions: { table: ['GetItem'], partitions: ['SERVICEVERSION#'] },
  /**
   * A submission stores the version of its service's definition, once (a conditional PutItem); a replayed
   * submission reads it back (ServiceCatalog.keepVersion, definitionOf).
   */
  submittedServiceVersion: { table: ['GetItem', 'PutItem'], partitions: ['SERVICEVERSION#'] },
  /**
   * Everything written in a request's partition: the request itself, its events, audit entries, registry
   * look-ups, and notifications in the outbox with their delivery state.
   */
  requestWrites: { table: ['PutItem', 'UpdateItem'], partitions: ['REQ#'] },
  /** A village website render's transparency sections: its adopted budget and its latest legal products. */
  siteTransparency: { table: ['Query'], partitions: ['BUDGET#', 'LAWREG#'] },
  /** Marking a village's site stale after a change it shows (core/website/stale-sites.ts): one update. */
  siteStale: { table: ['UpdateItem'], partitions: ['SITESTALE#'] },
} as const satisfies Record<string, TableNeed>;

/** libwebp's decoder (@jsquash/webp), for the sellers' WebP photos. */
export const WEBP_DECODER_WASM = 'node_modules/@jsquash/webp/codec/dec/webp_dec.wasm';

/**
 * What a function needs from the stack, granted by ServiceFunction.bind and nothing more. The table is only
 * ever granted as TableNeeds: no function may read or write the whole table.
 */
export type ResourceNeed =
  | TableNeed
  | 'documents:read'
  | 'documents:write'
  /** Read regencies' letterhead emblems, under emblems/ in the documents bucket (core/documents/emblem.ts). */
  | 'emblems:read'
  /** Replace a regency's letterhead emblem, under emblems/ in the documents bucket. */
  | 'emblems:write'
  | 'workflow:start'
  | 'workflow:signal'
  /** Read an execution's status (states:DescribeExecution on the state machine's executions). */
  | 'workflow:describe'
  /** Hand out presigned POSTs for product photos: put under uploads/market/ (the photo's ticket beside it). */
  | 'market-photos:upload'
  /** Read and delete product photo uploads, put and delete processed photos under market-photos/. */
  | 'market-photos:attach'
  /** Read processed product photos under market-photos/. */
  | 'market-photos:read'
  /** Inspect, move and delete uploaded files (accepting attachments). */
  | 'uploads:accept'
  /** Send notifications: SNS SMS and SES e-mail in AWS (the outbox write itself is TABLE_NEEDS.requestWrites). */
  | 'notify'
  /**
   * Sign letters: their hash and their PAdES signature with the platform's key, under a certificate the regency's
   * authority issues (kms:Sign, kms:GetPublicKey on both keys); env SIGNING_KEY_ID, CA_KEY_ID.
   */
  | 'documents:sign'
  /**
   * Check document signatures with the platform's public key and an embedded signature's chain with the
   * authority's (kms:GetPublicKey on both); env SIGNING_KEY_ID, CA_KEY_ID.
   */
  | 'documents:verify'
  /**
   * Have letters signed by a regency's signing service (BSrE): env BSRE_REGENCIES and SIGNING_SERVICE_ROOTS,
   * and secretsmanager:GetSecretValue on each configured regency's credentials secret.
   */
  | 'signing:service'
  /** Know which regencies sign through a signing service (env BSRE_REGENCIES only, no secret). */
  | 'signing:regencies'
  /** Create staff accounts and put them in their role's group (Cognito admin API); env USER_POOL_ID. */
  | 'staff:manage'
  /** List a role's staff and their contacts, read-only (cognito-idp:ListUsersInGroup); env USER_POOL_ID. */
  | 'staff:read'
  /**
   * Take keyed pseudonyms of NIKs and contacts (person-pseudonym.ts): kms:GenerateMac on the pseudonym key,
   * once per cold start; env PSEUDONYM_KEY_ID. The API wrapper loads the key before the handler runs; the
   * notifier loads it itself (every 'notify' function needs it: messages are counted per destination).
   */
  | 'pseudonym:key'
  /**
   * Render village websites (functions/core/website): s3:PutObject under desa/ in the sites bucket; env
   * SITES_BUCKET, and PUBLIC_BASE_URL (the CloudFront origin) for the feeds' absolute links.
   */
  | 'site:publish';

/**
 * A change a person makes to a request the workflow waits on (a decision, a correction): the request read
 * as they may see it, the change, its event and pending signal written, the workflow signalled, notices
 * sent, the files attached accepted.
 */
export const SIGNALLED_CHANGE = [
  TABLE_NEEDS.requestReads,
  TABLE_NEEDS.requestWrites,
  TABLE_NEEDS.rateCounts,
  'uploads:accept',
  'workflow:signal',
  'notify',
  'pseudonym:key',
] as const satisfies readonly ResourceNeed[];

/**
 * What submitting a request needs (core/requests/submit-request.ts), whichever route starts it: the village and
 * its own programmes (VILLAGE#); a replayed Idempotency-Key's request (REQ#) and the key itself, claimed,
 * renewed and released (IDEM#); then one transaction of the request and its first event (REQ#), its tracking
 * code (TRACK#), the key's answer and a lookup item per person it is about (PERSON#<pseudonym>); the account's
 * daily count; the attachments moved; the workflow started; the applicant told.
 */
export const SUBMISSION_NEEDS = [
  { table: ['GetItem'], partitions: ['VILLAGE#'] },
  { table: ['Query'], partitions: ['REQ#'] },
  { table: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], partitions: ['IDEM#'] },
  { table: ['PutItem'], partitions: ['TRACK#', 'PERSON#'] },
  TABLE_NEEDS.requestWrites,
  TABLE_NEEDS.rateCounts,
  TABLE_NEEDS.submittedServiceVersion,
  'uploads:accept',
  'workflow:start',
  'notify',
  'pseudonym:key',
] as const satisfies readonly ResourceNeed[];
