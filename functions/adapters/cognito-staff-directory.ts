import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  type AttributeType,
  CognitoIdentityProviderClient,
  type DeliveryMediumType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ExistingStaffAccount, StaffAccount, StaffCreation, StaffDirectory } from '../core/staff.js';
import { cachedClient, once } from './clients.js';
import { requiredEnv } from './env.js';

/** Locally AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER points at lib/local/cognito-idp.ts. */
const cognito = cachedClient(
  'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER',
  () => new CognitoIdentityProviderClient({}),
);

export const cognitoStaffDirectory = once(() => new CognitoStaffDirectory(requiredEnv('USER_POOL_ID')));

/**
 * Staff accounts in the Cognito user pool. AdminCreateUser makes Cognito generate a temporary password and
 * send it (e-mail and/or SMS); the person sets their own at first sign-in. The addresses an admin gives are
 * marked verified: the temporary password only reaches someone who holds them, and staff must be able to
 * recover their account through them.
 */
export class CognitoStaffDirectory implements StaffDirectory {
  constructor(private readonly userPoolId: string) {}

  async create(account: StaffAccount): Promise<StaffCreation> {
    const mediums: DeliveryMediumType[] = [
      ...(account.email ? (['EMAIL'] as const) : []),
      ...(account.phone ? (['SMS'] as const) : []),
    ];
    try {
      await cognito().send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: account.username,
          UserAttributes: [
            { Name: 'name', Value: account.name },
            ...(account.email
              ? [
                  { Name: 'email', Value: account.email },
                  { Name: 'email_verified', Value: 'true' },
                ]
              : []),
            ...(account.phone
              ? [
                  { Name: 'phone_number', Value: account.phone },
                  { Name: 'phone_number_verified', Value: 'true' },
                ]
              : []),
            { Name: 'custom:area', Value: account.area },
          ],
          DesiredDeliveryMediums: mediums,
        }),
      );
      return { outcome: 'created' };
    } catch (error) {
      if ((error as Error).name !== 'UsernameExistsException') throw error;
      return { outcome: 'exists', existing: await this.existing(account.username) };
    }
  }

  async addToGroup(username: string, role: string): Promise<void> {
    await cognito().send(
      new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: role }),
    );
  }

  private async existing(username: string): Promise<ExistingStaffAccount> {
    const [user, groups] = await Promise.all([
      cognito().send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: username })),
      this.groups(username),
    ]);
    const attribute = attributeReader(user.UserAttributes);
    return {
      username: user.Username ?? username,
      name: attribute('name'),
      email: attribute('email'),
      phone: attribute('phone_number'),
      area: attribute('custom:area'),
      agency: attribute('custom:agency'),
      groups,
    };
  }

  private async groups(username: string): Promise<string[]> {
    const groups: string[] = [];
    let next: string | undefined;
    do {
      const page = await cognito().send(
        new AdminListGroupsForUserCommand({
          UserPoolId: this.userPoolId,
          Username: username,
          ...(next ? { NextToken: next } : {}),
        }),
      );
      groups.push(...(page.Groups ?? []).flatMap((group) => (group.GroupName ? [group.GroupName] : [])));
      next = page.NextToken;
    } while (next);
    return groups;
  }
}

const attributeReader =
  (attributes: readonly AttributeType[] = []) =>
  (name: string): string | undefined =>
    attributes.find((attribute) => attribute.Name === name)?.Value;
