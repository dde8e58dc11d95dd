import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  type AttributeType,
  CognitoIdentityProviderClient,
  type DeliveryMediumType,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { StaffRole } from '../core/identity/roles.js';
import type {
  ExistingStaffAccount,
  StaffAccount,
  StaffContacts,
  StaffCreation,
  StaffDirectory,
  StaffMember,
} from '../core/identity/staff.js';
import { cachedClient, once } from './clients.js';
import { requiredEnv } from './env.js';

/** Locally AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER points at lib/local/cognito-idp.ts. */
const cognito = cachedClient(
  'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER',
  () => new CognitoIdentityProviderClient({}),
);

export const cognitoStaffDirectory = once(() => new CognitoStaffDirectory(requiredEnv('USER_POOL_ID')));

/** The workflow's read side: one per container, so its cache lives as long as the container. */
export const cognitoStaffContacts = once(() => new CognitoStaffContacts(requiredEnv('USER_POOL_ID')));

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

export interface CognitoStaffContactsOptions {
  /**
   * How long a role's member list is reused. Staff change rarely (an account is created when a village is
   * onboarded or someone joins), while a busy regency opens many stages a minute: the cost of the cache is
   * that a new account, a changed phone number or a removed account reaches reminders up to this late.
   * @default 5 minutes
   */
  readonly ttlMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

const DEFAULT_TTL_MS = 5 * 60_000;
/** ListUsersInGroup's largest page. */
const PAGE_SIZE = 60;

/**
 * Staff contacts from the user pool, by group (ListUsersInGroup, every page), cached per Lambda container
 * for a few minutes (see CognitoStaffContactsOptions.ttlMs). Concurrent callers share one listing; a
 * failed listing is not cached. Disabled accounts are left out, and so are addresses Cognito does not mark
 * verified (`email_verified` / `phone_number_verified` must be "true").
 *
 * Cognito cannot filter a group's members by a custom attribute (`custom:area`), so a role is listed for
 * the whole pool and the caller keeps the members a stage concerns. ListUsersInGroup shares Cognito's
 * "user list" request-rate quota with ListUsers; the cache keeps a workflow container at one listing per
 * role every few minutes.
 */
export class CognitoStaffContacts implements StaffContacts {
  private readonly cache = new Map<
    string,
    { readonly at: number; readonly members: Promise<StaffMember[]> }
  >();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly userPoolId: string,
    options: CognitoStaffContactsOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  staffWithRole(role: StaffRole): Promise<readonly StaffMember[]> {
    // Keyed by endpoint too: tests restart the local user pool within one process.
    const key = `${process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER ?? ''}|${role}`;
    const now = this.now();
    const cached = this.cache.get(key);
    if (cached && now - cached.at < this.ttlMs) return cached.members;
    const members = this.list(role);
    this.cache.set(key, { at: now, members });
    members.catch(() => {
      if (this.cache.get(key)?.members === members) this.cache.delete(key);
    });
    return members;
  }

  private async list(role: StaffRole): Promise<StaffMember[]> {
    const members: StaffMember[] = [];
    let next: string | undefined;
    do {
      const page = await cognito().send(
        new ListUsersInGroupCommand({
          UserPoolId: this.userPoolId,
          GroupName: role,
          Limit: PAGE_SIZE,
          ...(next ? { NextToken: next } : {}),
        }),
      );
      members.push(...(page.Users ?? []).flatMap((user) => memberOf(user, role)));
      next = page.NextToken;
    } while (next);
    return members;
  }
}

/** A group member as a StaffMember: [] when disabled or nameless (Cognito always names a user). */
function memberOf(user: UserType, role: StaffRole): StaffMember[] {
  if (!user.Username || user.Enabled === false) return [];
  const attribute = attributeReader(user.Attributes);
  const verified = (name: 'email' | 'phone_number') =>
    attribute(`${name}_verified`) === 'true' ? attribute(name) : undefined;
  const name = attribute('name');
  const email = verified('email');
  const phone = verified('phone_number');
  const agency = attribute('custom:agency');
  return [
    {
      username: user.Username,
      ...(name ? { name } : {}),
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
      roles: [role],
      areas: (attribute('custom:area') ?? '')
        .split(',')
        .map((area) => area.trim())
        .filter((area) => area !== ''),
      ...(agency ? { agency } : {}),
    },
  ];
}
