import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../functions/core/roles.js';

export interface IdentityProps {
  /**
   * Whether the user pool (everyone's account) survives leaving the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Who the callers are: a Cognito user pool where citizens register themselves and staff are created by
 * admins, one group per role (the `cognito:groups` claim), and the `custom:area` attribute (village,
 * district, regency or agency code) that scopes staff.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The JWT issuer (`iss` claim) of the pool's tokens, for the API's JWT authorizer. */
  readonly issuerUrl: string;

  constructor(scope: Construct, id: string, props: IdentityProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: true,
      // Many villagers have a phone number but no email address: either one signs in.
      signInAliases: { email: true, phone: true },
      autoVerify: { email: true, phone: true },
      keepOriginal: { email: true, phone: true }, // a changed address counts only once verified
      standardAttributes: { fullname: { required: true, mutable: true } },
      customAttributes: { area: new StringAttribute({ mutable: true, maxLen: 64 }) },
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
      // Essentials, not Plus (threat protection): it allows access-token customisation should the area claim
      // ever be needed in access tokens, at a fraction of Plus's price per user.
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

    const profile = { email: true, phoneNumber: true, fullname: true } as const;
    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false, // a public client: the browser cannot keep a secret
      authFlows: { userSrp: true, userPassword: false },
      disableOAuth: true, // the web app signs in with SRP; no hosted UI or callback URLs yet
      preventUserExistenceErrors: true,
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ ...profile, emailVerified: true, phoneNumberVerified: true })
        .withCustomAttributes('area'),
      // Users must never set their own area: it decides which villages' requests staff may see.
      writeAttributes: new ClientAttributes().withStandardAttributes(profile),
    });

    this.issuerUrl = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
