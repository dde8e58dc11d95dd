import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import type { DemoUser } from '../../config/demo-users.js';
import { ROLES } from '../../functions/core/identity/roles.js';
import { demoSubject } from './issuer.js';

/**
 * The local stand-in for the Cognito user pool's admin API: a small server speaking the AWS JSON 1.1
 * protocol (`POST /`, `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`), so the staff adapter
 * (functions/adapters/cognito-staff-directory.ts) runs unchanged through @aws-sdk/client-cognito-identity-provider
 * with AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER pointed here. Operations: AdminCreateUser,
 * AdminAddUserToGroup, AdminGetUser, AdminListGroupsForUser, ListUsers and ListUsersInGroup (the
 * workflow's staff contacts); anything else is refused as Cognito refuses an unknown operation. The local
 * issuer (`POST /local/token`) signs in any user of this store, demo or created through the API, with
 * claims from its groups and attributes.
 *
 * Users are kept in `<dataDir>/cognito/users.json` (written to a temporary file and renamed, so a crash never
 * leaves half a file) and seeded with the demo users (config/demo-users.ts) on every start.
 *
 * Local-only rules, which differ from AWS:
 * - Passwords: every account's password is the demo password (DEMO_PASSWORD, config/demo-users.ts). A
 *   created account's temporary password is the demo password too; nothing is e-mailed or texted (the
 *   invitation is only recorded on the user, `invitations`), and the first sign-in does not ask for a new
 *   password (in AWS the account stays FORCE_CHANGE_PASSWORD until the person sets their own).
 * - No request signatures are checked (any credentials are accepted), and there is no MFA.
 * - The pool is configured as the stack should be for staff usernames: sign-in by username, with e-mail and
 *   phone as aliases; `custom:area` and `custom:agency` are its custom attributes.
 */
export interface LocalCognitoUser {
  readonly username: string;
  readonly sub: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly groups: readonly string[];
  readonly status: 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD';
  readonly enabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Where the temporary password would have been sent (locally nothing is sent). */
  readonly invitations?: readonly { readonly mediums: readonly string[]; readonly at: string }[];
  /** Seeded from config/demo-users.ts (refreshed from it on every start). */
  readonly demo?: boolean;
}

export interface LocalCognito {
  readonly endpoint: string;
  readonly userPoolId: string;
  /** A user by username (case-insensitive, as in a Cognito pool), or undefined. */
  user(username: string): LocalCognitoUser | undefined;
  users(): readonly LocalCognitoUser[];
  stop(): Promise<void>;
}

export interface LocalCognitoOptions {
  /** Where users.json lives. */
  readonly dataDir: string;
  readonly userPoolId: string;
  readonly port: number;
  readonly demoUsers: readonly DemoUser[];
}

/** Attributes of the pool's schema: the standard ones the stack uses and its custom attributes. */
const STANDARD_ATTRIBUTES = new Set([
  'name',
  'email',
  'email_verified',
  'phone_number',
  'phone_number_verified',
  'preferred_username',
  'locale',
  'zoneinfo',
]);
const CUSTOM_ATTRIBUTES = new Set(['custom:area', 'custom:agency']);
/** ListUsers filters only on these (Cognito refuses custom attributes in a filter). */
const FILTERABLE = new Set([
  'username',
  'email',
  'phone_number',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'cognito:user_status',
  'status',
  'sub',
]);
const USERNAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;
const E164 = /^\+[1-9]\d{1,14}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startLocalCognito(options: LocalCognitoOptions): Promise<LocalCognito> {
  const store = await UserStore.open(join(options.dataDir, 'users.json'));
  await store.seed(options.demoUsers);
  const server = createServer((req, res) => {
    handle(store, options.userPoolId, req, res).catch((error: unknown) => {
      console.error('[local cognito]', error);
      reply(res, 500, { __type: 'InternalErrorException', message: 'Internal error' });
    });
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}`);
    });
  });
  return {
    endpoint,
    userPoolId: options.userPoolId,
    user: (username) => store.get(username),
    users: () => store.all(),
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await store.flushed();
    },
  };
}

async function handle(store: UserStore, userPoolId: string, req: IncomingMessage, res: ServerResponse) {
  const target = String(req.headers['x-amz-target'] ?? '');
  const [prefix, operation = ''] = target.split('.');
  if (req.method !== 'POST' || prefix !== 'AWSCognitoIdentityProviderService') {
    return reply(res, 400, {
      __type: 'UnknownOperationException',
      message: `Unknown operation ${target || '(none)'}`,
    });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    return reply(res, 400, { __type: 'SerializationException', message: 'Invalid JSON' });
  }
  try {
    const run = OPERATIONS[operation];
    if (!run) throw new CognitoError('UnknownOperationException', `Unknown operation ${operation}`);
    if (input.UserPoolId !== userPoolId) {
      throw new CognitoError(
        'ResourceNotFoundException',
        `User pool ${String(input.UserPoolId)} does not exist.`,
      );
    }
    return reply(res, 200, await run(store, input));
  } catch (error) {
    if (error instanceof CognitoError) return reply(res, 400, { __type: error.type, message: error.message });
    throw error;
  }
}

function reply(res: ServerResponse, status: number, body: unknown) {
  const type = status >= 400 ? (body as { __type?: string }).__type : undefined;
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': randomUUID(),
    ...(type ? { 'x-amzn-errortype': type } : {}),
  });
  res.end(JSON.stringify(body));
}

type Operation = (store: UserStore, input: Record<string, unknown>) => Promise<unknown>;

const OPERATIONS: Readonly<Record<string, Operation>> = {
  async AdminCreateUser(store, input) {
    const username = requiredUsername(input);
    const attributes = attributesOf(input.UserAttributes);
    if (input.MessageAction !== undefined && input.MessageAction !== 'SUPPRESS') {
      // RESEND re-sends the invitation of an existing FORCE_CHANGE_PASSWORD account.
      const existing = store.get(username);
      if (input.MessageAction !== 'RESEND' || !existing) {
        throw new CognitoError('InvalidParameterException', 'MessageAction is not valid for this user.');
      }
      return { User: userType(existing) };
    }
    const mediums = Array.isArray(input.DesiredDeliveryMediums)
      ? input.DesiredDeliveryMediums.map(String)
      : ['SMS'];
    for (const medium of mediums) {
      const needs = medium === 'EMAIL' ? 'email' : 'phone_number';
      if (!['EMAIL', 'SMS'].includes(medium)) {
        throw new CognitoError('InvalidParameterException', `Invalid delivery medium ${medium}.`);
      }
      if (input.MessageAction !== 'SUPPRESS' && !attributes[needs]) {
        throw new CognitoError(
          'InvalidParameterException',
          `User has no attribute matching desired delivery mediums (${medium}).`,
        );
      }
    }
    const now = new Date().toISOString();
    const user = await store.create({
      username,
      sub: randomUUID(),
      attributes,
      groups: [],
      status: 'FORCE_CHANGE_PASSWORD',
      enabled: true,
      createdAt: now,
      updatedAt: now,
      ...(input.MessageAction === 'SUPPRESS' ? {} : { invitations: [{ mediums, at: now }] }),
    });
    return { User: userType(user) };
  },

  async AdminAddUserToGroup(store, input) {
    const username = requiredUsername(input);
    const group = String(input.GroupName ?? '');
    if (!(ROLES as readonly string[]).includes(group)) {
      throw new CognitoError('ResourceNotFoundException', 'Group not found.');
    }
    await store.update(username, (user) =>
      user.groups.includes(group) ? user : { ...user, groups: [...user.groups, group] },
    );
    return {};
  },

  async AdminGetUser(store, input) {
    const user = existing(store, requiredUsername(input));
    const { Attributes, ...rest } = userType(user);
    return { ...rest, UserAttributes: Attributes };
  },

  async AdminListGroupsForUser(store, input) {
    const user = existing(store, requiredUsername(input));
    const now = Date.parse(user.createdAt) / 1000;
    return {
      Groups: user.groups.map((group) => ({
        GroupName: group,
        UserPoolId: input.UserPoolId,
        Description: `Desa Digital role ${group}`,
        CreationDate: now,
        LastModifiedDate: now,
      })),
    };
  },

  /** A group's members, in pages of up to 60 (NextToken: the offset, opaque to callers as in Cognito). */
  async ListUsersInGroup(store, input) {
    const group = String(input.GroupName ?? '');
    if (!(ROLES as readonly string[]).includes(group)) {
      throw new CognitoError('ResourceNotFoundException', 'Group not found.');
    }
    const limit = input.Limit === undefined ? 60 : Number(input.Limit);
    if (!Number.isInteger(limit) || limit < 0 || limit > 60) {
      throw new CognitoError('InvalidParameterException', 'Limit must be between 0 and 60.');
    }
    const members = store.all().filter((user) => user.groups.includes(group));
    const start = input.NextToken ? Number.parseInt(String(input.NextToken), 10) : 0;
    if (!Number.isInteger(start) || start < 0) {
      throw new CognitoError('InvalidParameterException', 'Invalid pagination token.');
    }
    return {
      Users: members.slice(start, start + limit).map(userType),
      ...(start + limit < members.length ? { NextToken: String(start + limit) } : {}),
    };
  },

  async ListUsers(store, input) {
    const matches = filterOf(input.Filter);
    const limit = input.Limit === undefined ? 60 : Number(input.Limit);
    if (!Number.isInteger(limit) || limit < 0 || limit > 60) {
      throw new CognitoError('InvalidParameterException', 'Limit must be between 0 and 60.');
    }
    const all = store.all().filter(matches);
    const start = input.PaginationToken ? Number.parseInt(String(input.PaginationToken), 10) : 0;
    if (!Number.isInteger(start) || start < 0) {
      throw new CognitoError('InvalidParameterException', 'Invalid pagination token.');
    }
    const page = all.slice(start, start + limit);
    const wanted = Array.isArray(input.AttributesToGet) ? input.AttributesToGet.map(String) : undefined;
    return {
      Users: page.map((user) => {
        const type = userType(user);
        return wanted
          ? { ...type, Attributes: type.Attributes.filter((attribute) => wanted.includes(attribute.Name)) }
          : type;
      }),
      ...(start + limit < all.length ? { PaginationToken: String(start + limit) } : {}),
    };
  },
};

function requiredUsername(input: Record<string, unknown>): string {
  const username = input.Username;
  if (typeof username !== 'string' || !USERNAME.test(username)) {
    throw new CognitoError(
      'InvalidParameterException',
      "1 validation error detected: Value at 'username' failed to satisfy constraint",
    );
  }
  return username;
}

function existing(store: UserStore, username: string): LocalCognitoUser {
  const user = store.get(username);
  if (!user) throw new CognitoError('UserNotFoundException', 'User does not exist.');
  return user;
}

function attributesOf(value: unknown): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const item of Array.isArray(value) ? value : []) {
    const name = String((item as { Name?: unknown }).Name ?? '');
    const attributeValue = String((item as { Value?: unknown }).Value ?? '');
    if (!STANDARD_ATTRIBUTES.has(name) && !CUSTOM_ATTRIBUTES.has(name)) {
      throw new CognitoError(
        'InvalidParameterException',
        `Attributes did not conform to the schema: Type for attribute {${name}} could not be determined`,
      );
    }
    if (name === 'phone_number' && !E164.test(attributeValue)) {
      throw new CognitoError('InvalidParameterException', 'Invalid phone number format.');
    }
    if (name === 'email' && !EMAIL.test(attributeValue)) {
      throw new CognitoError('InvalidParameterException', 'Invalid email address format.');
    }
    attributes[name] = attributeValue;
  }
  return attributes;
}

/** Cognito's UserType: timestamps in epoch seconds, `sub` among the attributes. */
function userType(user: LocalCognitoUser) {
  return {
    Username: user.username,
    Attributes: [
      { Name: 'sub', Value: user.sub },
      ...Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value })),
    ],
    UserCreateDate: Date.parse(user.createdAt) / 1000,
    UserLastModifiedDate: Date.parse(user.updatedAt) / 1000,
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

/** ListUsers' filter: `attribute = "value"` (exact) or `attribute ^= "value"` (prefix). */
function filterOf(filter: unknown): (user: LocalCognitoUser) => boolean {
  if (filter === undefined || filter === '') return () => true;
  const match = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(String(filter));
  if (!match?.[1] || !match[2] || match[3] === undefined) {
    throw new CognitoError('InvalidParameterException', 'Error while parsing filter.');
  }
  const [, attribute, operator, value] = match;
  if (!FILTERABLE.has(attribute)) {
    throw new CognitoError('InvalidParameterException', `Cannot filter on ${attribute}.`);
  }
  const read = (user: LocalCognitoUser) =>
    attribute === 'username'
      ? user.username
      : attribute === 'sub'
        ? user.sub
        : attribute === 'cognito:user_status'
          ? user.status
          : attribute === 'status'
            ? user.enabled
              ? 'Enabled'
              : 'Disabled'
            : user.attributes[attribute];
  return (user) => {
    const actual = read(user);
    if (actual === undefined) return false;
    return operator === '=' ? actual === value : actual.startsWith(value);
  };
}

/**
 * The users, in memory and in one JSON file. Every change is made in memory at once (so two concurrent
 * creations of one username cannot both succeed) and then written, one write after the other.
 */
class UserStore {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly byName: Map<string, LocalCognitoUser>,
  ) {}

  static async open(file: string): Promise<UserStore> {
    let users: LocalCognitoUser[] = [];
    try {
      users = (JSON.parse(await readFile(file, 'utf8')) as { users: LocalCognitoUser[] }).users;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return new UserStore(file, new Map(users.map((user) => [key(user.username), user])));
  }

  get(username: string): LocalCognitoUser | undefined {
    return this.byName.get(key(username));
  }

  all(): LocalCognitoUser[] {
    return [...this.byName.values()];
  }

  /** The demo accounts as config/demo-users.ts defines them now (keeping their sub and creation date). */
  async seed(demoUsers: readonly DemoUser[]): Promise<void> {
    const now = new Date().toISOString();
    for (const demo of demoUsers) {
      const known = this.get(demo.username);
      if (known && !known.demo) continue; // an account created through the API keeps its name
      this.byName.set(key(demo.username), {
        username: demo.username,
        sub: known?.sub ?? demoSubject(demo.username),
        attributes: {
          name: demo.name,
          // Demo contacts count as verified, as an admin-created account's are (cognito-staff-directory.ts).
          ...(demo.email ? { email: demo.email, email_verified: 'true' } : {}),
          ...(demo.phone ? { phone_number: demo.phone, phone_number_verified: 'true' } : {}),
          ...(demo.areas.length > 0 ? { 'custom:area': demo.areas.join(',') } : {}),
          ...(demo.agency ? { 'custom:agency': demo.agency } : {}),
        },
        groups: [demo.role],
        status: 'CONFIRMED',
        enabled: true,
        createdAt: known?.createdAt ?? now,
        updatedAt: now,
        demo: true,
      });
    }
    await this.persist();
  }

  async create(user: LocalCognitoUser): Promise<LocalCognitoUser> {
    if (this.byName.has(key(user.username))) {
      throw new CognitoError('UsernameExistsException', 'User account already exists');
    }
    this.byName.set(key(user.username), user);
    await this.persist();
    return user;
  }

  async update(username: string, change: (user: LocalCognitoUser) => LocalCognitoUser): Promise<void> {
    const user = this.get(username);
    if (!user) throw new CognitoError('UserNotFoundException', 'User does not exist.');
    const changed = change(user);
    if (changed === user) return;
    this.byName.set(key(username), { ...changed, updatedAt: new Date().toISOString() });
    await this.persist();
  }

  /** Resolves once every change so far is on disk. */
  flushed(): Promise<void> {
    return this.writing;
  }

  private persist(): Promise<void> {
    const snapshot = JSON.stringify({ users: this.all() }, null, 2);
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        await mkdir(dirname(this.file), { recursive: true });
        const temporary = `${this.file}.${process.pid}.${randomUUID()}.tmp`;
        await writeFile(temporary, snapshot, { mode: 0o600 });
        await rename(temporary, this.file);
      });
    return this.writing;
  }
}

/** Usernames are case-insensitive in a Cognito pool (the stack's default). */
const key = (username: string) => username.toLowerCase();
