import type { AgencyCode } from '../functions/core/catalog/types.js';

/** A regency (kabupaten) served by a deployment, by its Kemendagri code (e.g. 35.10). */
export interface Regency {
  readonly code: string;
  readonly name: string;
  /**
   * The regency's agencies whose own systems call the API (OAuth client credentials). Each gets one Cognito
   * app client with a secret, allowed the machine scopes and its own scope `agency:<agency>:<regency code>`;
   * hand the client id and secret to the agency's IT staff (Cognito console or DescribeUserPoolClient).
   * @default - none: the regency's agency officers use the console only
   */
  readonly agencies?: readonly AgencyCode[];
  /**
   * The regency signs its letters with BSrE (BSSN's certified electronic signatures): each letter is signed
   * with its approver's own certificate, who types their NIK and passphrase when approving (never stored).
   * Create the secret first (docs/deploy.md "Signing with BSrE").
   * @default - letters are signed with the platform's key under the regency's own certificate authority
   */
  readonly bsre?: SigningServiceSetting;
}

/** A regency's BSrE connection. */
export interface SigningServiceSetting {
  /** BSrE's API base URL, e.g. https://esign-api.example.go.id (the regency's agreement with BSSN names it). */
  readonly baseUrl: string;
  /**
   * ARN of the Secrets Manager secret holding the regency's client credentials, {"username","password"}
   * (the full ARN, with the suffix Secrets Manager adds: the grant names exactly that secret).
   */
  readonly credentialsSecretArn: string;
  /**
   * BSrE's root certificate (PEM), which letters' embedded signatures chain to: verification trusts it
   * beside the deployment's own authority.
   */
  readonly rootCertificate: string;
}

/**
 * One deployment: one CDK stack in one AWS region serving one or more regencies. Villages are data inside
 * the deployment (onboarding a village never needs a redeploy), so they are not listed here.
 */
export interface Deployment {
  /** Short, stable id: names the stack (`DesaDigital-<id>`) and is selected with `-c deployment=<id>`. */
  readonly id: string;
  readonly region: string;
  readonly regencies: readonly Regency[];
  /**
   * Origins the web front end is served from (CORS of the HTTP API).
   * @default - any origin; the API takes bearer tokens, never cookies, so `*` leaks no credentials
   */
  readonly allowedOrigins?: readonly string[];
  /**
   * Steady-state requests per second the API accepts before throttling (burst: twice this).
   * @default 100
   */
  readonly apiRateLimit?: number;
  /**
   * The address e-mails to applicants come from: a verified SES identity (the address or its domain) in the
   * deployment's region. SMS needs no setting here (SNS, out of the SMS sandbox, with a spend limit).
   * @default - no e-mail delivery: e-mail notifications are recorded in the outbox as undeliverable
   */
  readonly notificationSender?: string;
  /**
   * Who hears the stack's alarms (docs/runbook.md): an e-mail subscription to the deployment's alarm topic,
   * confirmed once from the message AWS sends. More subscribers (SMS, chat) can be added to the topic by hand.
   * @default - no subscriber: the alarms still show on the dashboard and in the CloudWatch console
   */
  readonly alarmEmail?: string;
  /**
   * How many days the daily AWS Backup copies of the table and the documents bucket are kept in the
   * deployment's vault (docs/deploy.md states their cost; docs/runbook.md "Restoring data" how to use them).
   * The table's point-in-time recovery reaches back 35 days whatever this says.
   * @default 35
   */
  readonly backupRetentionDays?: number;
  /**
   * How a deploy moves each API route to its function's new version (docs/deploy.md, "Updating and rolling
   * back"): CodeDeploy shifts the route's `live` alias 10 % for 5 minutes then the rest ('canary'), 10 % a
   * minute ('linear'), or at once ('all-at-once'); errors on the alias meanwhile roll it back.
   * @default 'canary'
   */
  readonly apiDeployment?: ApiDeployment;
  /**
   * The share of the account's open Step Functions executions quota (Standard: 1,000,000 per account and
   * region) at which the open-executions alarm goes off (docs/runbook.md#open-executions). Lower it when other
   * workloads of the account run Step Functions too; raise the quota (Service Quotas) rather than this.
   * @default 0.8
   */
  readonly openExecutionsAlarmShare?: number;
  /**
   * How many requests still open past their service's target time one village may hold before the alarm
   * goes off (docs/runbook.md#requests-open-late).
   * @default 10
   */
  readonly lateRequestsPerVillageAlarm?: number;
  /**
   * AWS WAF in front of the web distribution (portal, console and the API under /v1/*) and the Cognito user
   * pool: AWS's common and known-bad-input rules and rate limits per client address (docs/deploy.md "Edge
   * protection" states the monthly cost, about US$18 plus US$0.60 per million requests). Switched on by
   * being present; the distribution's web ACL lives in a small us-east-1 stack of its own.
   * @default - no WAF: the API's stage throttling, per-route limits and CloudFront's Shield Standard only
   */
  readonly edgeProtection?: EdgeProtectionSetting;
}

/** WAF's rate limits per client address per five minutes, by kind (defaults: lib/constructs/edge-protection.ts). */
export interface EdgeProtectionSetting {
  readonly limits?: Partial<Record<'tracking' | 'verify' | 'uploads' | 'signIn' | 'overall', number>>;
}

/** How a new version of an API function takes traffic (see Deployment.apiDeployment). */
export type ApiDeployment = 'canary' | 'linear' | 'all-at-once';

/** One agency's system in one area: what an agency app client (and its agency scope) is for. */
export interface AgencySystemConfig {
  readonly agency: AgencyCode;
  /** The area it acts for: a regency code. */
  readonly area: string;
}

/** Every agency system of a deployment, regency by regency. */
export const agencySystemsOf = (deployment: Deployment): readonly AgencySystemConfig[] =>
  deployment.regencies.flatMap((regency) =>
    (regency.agencies ?? []).map((agency) => ({ agency, area: regency.code })),
  );

/** The regencies that sign through BSrE, by regency code. */
export const signingServicesOf = (deployment: Deployment): Readonly<Record<string, SigningServiceSetting>> =>
  Object.fromEntries(
    deployment.regencies.flatMap((regency) => (regency.bsre ? [[regency.code, regency.bsre] as const] : [])),
  );

export const DEPLOYMENTS: readonly Deployment[] = [
  {
    id: 'jatim',
    region: 'ap-southeast-3', // Jakarta: closest region to East Java, keeps population data in Indonesia
    regencies: [
      { code: '35.10', name: 'Banyuwangi', agencies: ['kesmas', 'dukcapil'] },
      { code: '35.02', name: 'Ponorogo', agencies: ['kesmas', 'dukcapil'] },
    ],
  },
];
