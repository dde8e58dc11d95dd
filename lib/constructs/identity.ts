import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  UserPoolOperation,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { agencyScope, MACHINE_SCOPES } from '../../functions/core/identity/policy.js';
import { ROLES } from '../../functions/core/identity/roles.js';
import { ServiceFunction } from './service-function.js';

/** The resource server agencies' systems get access tokens for; its scopes are `desa-digital/<name>`. */
export const RESOURCE_SERVER_ID = 'desa-digital';

/** The pre token generation trigger's handler module (relative to the repository root). */
export const PRE_TOKEN_GENERATION_ENTRY = 'functions/identity/pre-token-generation.ts';

/** One agency's system acting for one area (a regency code): one app client, one agency scope. */
export interface AgencySystem {
  /** The agency code (dukcapil, kesmas, …), as in the service catalog's agency stages. */
  readonly agency: string;
  readonly area: string;
}

export interface IdentityProps {
  /**
   * Prefix of the pool's Cognito domain (`https://<prefix>.auth.<region>.amazoncognito.com`), whose
   * `/oauth2/token` endpoint agencies' systems get access tokens from. Unique per region across all AWS
   * accounts; lowercase letters, digits and hyphens, without "aws", "amazon" or "cognito".
   */
  readonly domainPrefix: string;
  /**
   * Agencies' systems that call the API with OAuth client credentials.
   * @default - none
   */
  readonly agencySystems?: readonly AgencySystem[];
  /**
   * Whether the user pool (everyone's account) survives leaving the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /** Of the pre token generation function's logs. @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/** An agency system's app client. */
export interface AgencyClient extends AgencySystem {
  readonly client: UserPoolClient;
  /** The agency scope the client may ask for: `desa-digital/agency:<agency>:<area>`. */
  readonly scope: string;
}

/** Descriptions of the machine scopes (policy.MACHINE_SCOPES), shown in the Cognito console. */
const MACHINE_SCOPE_DESCRIPTIONS: Record<keyof typeof MACHINE_SCOPES, string> = {
  readRequests: 'Read the requests of the agency area in which the agency takes part',
  decide: 'Decide the agency stage of a request',
  upload: 'Upload files (results, attachments) for a request',
};

/**
 * Who the callers are: one Cognito user pool (the API's JWT authorizer accepts one issuer).
 * - Citizens register themselves with a phone number or an e-mail address, verified by a one-time code.
 * - Staff are created by administrators (AdminCreateUser) and must use TOTP: MFA is optional pool-wide
 *   (citizens need no authenticator app), so a pre token generation trigger withholds the groups of staff
 *   who have not set TOTP up (functions/identity/staff-mfa.ts).
 * - One group per role (the `cognito:groups` claim); `custom:area` (village, district or regency code) and
 *   `custom:agency` scope staff and are never writable by the web client.
 * - Agencies' systems: a resource server with the machine scopes and one scope per agency and area, and one
 *   confidential app client per agency system (client credentials only), served at the pool's domain.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  /** The web front end's public client (SRP sign-in). */
  readonly client: UserPoolClient;
  readonly resourceServer: UserPoolResourceServer;
  readonly domain: UserPoolDomain;
  /** One confidential client per agency system. */
  readonly agencyClients: readonly AgencyClient[];
  /** The staff MFA rule (pre token generation, event version 2). */
  readonly preTokenGeneration: ServiceFunction;
  /** The JWT issuer (`iss` claim) of the pool's tokens, for the API's JWT authorizer. */
  readonly issuerUrl: string;
  /** The OAuth token endpoint agencies' systems call (client credentials grant). */
  readonly tokenUrl: string;
  /**
   * Every app client id whose tokens the API accepts: `aud` of ID tokens (web client), `client_id` of access
   * tokens (API Gateway checks `client_id` when an access token has no `aud`).
   */
  readonly audiences: readonly string[];

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: true,
      // Many villagers have a phone number but no email address: either one signs in.
      // Staff accounts have usernames (operator.tampo) chosen by the regency admin; citizens sign in with
      // their phone or e-mail. Fixed when the pool is created: changing it replaces the pool.
      signInAliases: { username: true, email: true, phone: true },
      autoVerify: { email: true, phone: true },
      keepOriginal: { email: true, phone: true }, // a changed address counts only once verified
      standardAttributes: { fullname: { required: true, mutable: true } },
      customAttributes: {
        area: new StringAttribute({ mutable: true, maxLen: 64 }),
        agency: new StringAttribute({ mutable: true, maxLen: 32 }),
      },
      // Optional pool-wide so citizens need no authenticator app; staff are held to TOTP by the trigger below.
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      accountRecovery: AccountRecovery.EMAIL_AND_PHONE_WITHOUT_MFA,
      // Essentials, not Plus (threat protection): it allows the version 2 pre token trigger (groups and
      // access-token claims), at a fraction of Plus's price per user.
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    });

    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role, // the role name is the claim value the API checks
        description: `Desa Digital role ${role}`,
      });
    }

    this.preTokenGeneration = this.staffMfaTrigger(props.logRetention);

    const profile = { email: true, phoneNumber: true, fullname: true } as const;
    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false, // a public client: the browser cannot keep a secret
      authFlows: { userSrp: true, userPassword: false },
      disableOAuth: true, // the web app signs in with SRP; no hosted UI or callback URLs yet
      preventUserExistenceErrors: true,
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ ...profile, emailVerified: true, phoneNumberVerified: true })
        .withCustomAttributes('area', 'agency'),
      // Users must never set their own area or agency: they decide which requests staff may see.
      writeAttributes: new ClientAttributes().withStandardAttributes(profile),
    });

    // Machine to machine: the resource server's scopes are the policy's, so stack and code cannot disagree.
    const systems = props.agencySystems ?? [];
    const machineScopes = Object.entries(MACHINE_SCOPES).map(([key, scopeValue]) => ({
      name: scopeName(scopeValue),
      description: MACHINE_SCOPE_DESCRIPTIONS[key as keyof typeof MACHINE_SCOPES],
    }));
    const agencyScopes = systems.map((system) => ({
      name: scopeName(agencyScope(system.agency, system.area)),
      description: `Act for agency ${system.agency} in area ${system.area}`,
    }));
    const duplicate = agencyScopes.find(
      (candidate, index) => agencyScopes.findIndex((other) => other.name === candidate.name) !== index,
    );
    if (duplicate) throw new Error(`Agency system configured twice: ${duplicate.name}`);
    const serverScopes = new Map(
      [...machineScopes, ...agencyScopes].map(({ name, description }) => [
        name,
        new ResourceServerScope({ scopeName: name, scopeDescription: description }),
      ]),
    );
    this.resourceServer = this.userPool.addResourceServer('ResourceServer', {
      identifier: RESOURCE_SERVER_ID,
      userPoolResourceServerName: 'Desa Digital API',
      scopes: [...serverScopes.values()],
    });
    const oauthScope = (name: string) =>
      OAuthScope.resourceServer(this.resourceServer, serverScopes.get(name) as ResourceServerScope);

    // The token endpoint (/oauth2/token) exists only once the pool has a domain.
    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    this.tokenUrl = `${this.domain.baseUrl()}/oauth2/token`;

    this.agencyClients = systems.map((system) => {
      const ownScope = scopeName(agencyScope(system.agency, system.area));
      const client = this.userPool.addClient(`AgencyClient-${system.agency}-${system.area}`, {
        userPoolClientName: `agency-${system.agency}-${system.area}`,
        generateSecret: true, // a server: it keeps the secret, and client credentials need one
        // No user sign-in through this client: only refresh (which client credentials never hand out).
        authFlows: { userSrp: false, userPassword: false },
        oAuth: {
          flows: { clientCredentials: true },
          scopes: [...machineScopes.map((machine) => machine.name), ownScope].map(oauthScope),
        },
        // Agencies cache the token until it expires: Cognito bills machine tokens per request.
        accessTokenValidity: Duration.hours(1),
        preventUserExistenceErrors: true,
        enableTokenRevocation: true,
      });
      return { ...system, client, scope: agencyScope(system.agency, system.area) };
    });

    this.issuerUrl = `https://cognito-idp.${this.userPool.stack.region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.audiences = [
      this.client.userPoolClientId,
      ...this.agencyClients.map((agency) => agency.client.userPoolClientId),
    ];
  }

  /**
   * The staff MFA rule: a pre token generation trigger (version 2, so it can change groups and claims) that
   * reads the user's MFA settings. Its permission is a separate policy on the function's role: the pool
   * depends on the function, and the function on its role's default policy, so a grant there naming the
   * pool's ARN would be a dependency cycle. A separate policy is created after the pool, names this pool
   * only, and is in place before anyone can sign in.
   */
  private staffMfaTrigger(logRetention: RetentionDays | undefined): ServiceFunction {
    const trigger = new ServiceFunction(this, 'PreTokenGeneration', {
      entry: PRE_TOKEN_GENERATION_ENTRY,
      // Cognito waits 5 seconds for a trigger, then fails the sign-in.
      timeout: Duration.seconds(5),
      memorySize: 256,
      serviceName: 'desa-digital-identity',
      description: 'Cognito pre token generation: staff without TOTP get no groups',
      logRetention,
    });
    new Policy(this, 'PreTokenGenerationReadsMfa', {
      roles: [trigger.role],
      statements: [
        new PolicyStatement({
          actions: ['cognito-idp:AdminGetUser'],
          resources: [this.userPool.userPoolArn],
        }),
      ],
    });
    this.userPool.addTrigger(
      UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      trigger.function,
      LambdaVersion.V2_0,
    );
    return trigger;
  }
}

/** `desa-digital/<name>` → `<name>`: the resource server's own name for one of its scopes. */
function scopeName(fullScope: string): string {
  const prefix = `${RESOURCE_SERVER_ID}/`;
  if (!fullScope.startsWith(prefix)) {
    throw new Error(`Scope ${fullScope} is not a scope of resource server ${RESOURCE_SERVER_ID}`);
  }
  return fullScope.slice(prefix.length);
}
