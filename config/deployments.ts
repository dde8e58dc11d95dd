/** A regency (kabupaten) served by a deployment, by its Kemendagri code (e.g. 35.10). */
export interface Regency {
  readonly code: string;
  readonly name: string;
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
}

export const DEPLOYMENTS: readonly Deployment[] = [
  {
    id: 'jatim',
    region: 'ap-southeast-3', // Jakarta: closest region to East Java, keeps population data in Indonesia
    regencies: [
      { code: '35.10', name: 'Banyuwangi' },
      { code: '35.02', name: 'Ponorogo' },
    ],
  },
];
