import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../../config/demo-users.js';
import {
  CognitoStaffContacts,
  CognitoStaffDirectory,
} from '../../../functions/adapters/cognito-staff-directory.js';
import { type LocalCognito, startLocalCognito } from '../../../lib/local/cognito-idp.js';
import { freePort } from '../../../lib/local/net.js';

const POOL = 'ap-southeast-3_StaffContacts';
const SAWOO = '35.02.05.2008';

/**
 * The Cognito adapter of the staff contacts port, through the real SDK client, against the local Cognito
 * stand-in (ListUsersInGroup over the AWS JSON 1.1 protocol).
 */
describe('staff contacts from the user pool', () => {
  let cognito: LocalCognito;
  let dir: string;
  let client: CognitoIdentityProviderClient;
  const saved = { ...process.env };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'desa-staff-contacts-'));
    cognito = await startLocalCognito({ dataDir: dir, userPoolId: POOL, port: 0, demoUsers: DEMO_USERS });
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
      AWS_REGION: 'ap-southeast-3',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    client = new CognitoIdentityProviderClient({ endpoint: cognito.endpoint });
  });
  afterAll(async () => {
    process.env = saved;
    client?.destroy();
    await cognito?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("lists a role's members with their verified contacts, areas and agency", async () => {
    // Act
    const officers = await new CognitoStaffContacts(POOL).staffWithRole('agency_officer');
    // Assess
    expect(officers.map((member) => member.username).sort()).toEqual([
      'dindik.banyuwangi',
      'dinkes.banyuwangi',
      'dinsos.banyuwangi',
      'dukcapil.banyuwangi',
      'dukcapil.ponorogo',
      'kesmas.banyuwangi',
      'kesmas.ponorogo',
    ]);
    expect(officers.find((member) => member.username === 'kesmas.banyuwangi')).toEqual({
      username: 'kesmas.banyuwangi',
      name: 'dr. Ratna Kesmas',
      email: 'kesmas.banyuwangi@desa.example',
      roles: ['agency_officer'],
      areas: ['35.10'],
      agency: 'kesmas',
    });
  });

  it('reads every page of a large group and leaves out addresses nobody verified', async () => {
    // Prepare: 70 more operators of Sawoo (more than one page of 60), one of them with unverified contacts
    const directory = new CognitoStaffDirectory(POOL);
    for (let n = 1; n <= 70; n++) {
      const username = `operator${n}.sawoo`;
      await directory.create({
        username,
        name: `Operator ${n}`,
        email: `${username}@desa.example`,
        role: 'operator',
        area: SAWOO,
      });
      await directory.addToGroup(username, 'operator');
    }
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: POOL,
        Username: 'unverified.sawoo',
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'name', Value: 'Belum Terverifikasi' },
          { Name: 'email', Value: 'unverified.sawoo@desa.example' },
          { Name: 'phone_number', Value: '+6281100000299' },
          { Name: 'custom:area', Value: `${SAWOO}, 35.02.05.2009` },
        ],
      }),
    );
    await directory.addToGroup('unverified.sawoo', 'operator');
    // Act
    const operators = await new CognitoStaffContacts(POOL).staffWithRole('operator');
    // Assess
    expect(operators).toHaveLength(2 + 70 + 1);
    expect(new Set(operators.map((member) => member.username)).size).toBe(operators.length);
    expect(operators.find((member) => member.username === 'operator70.sawoo')?.email).toBe(
      'operator70.sawoo@desa.example',
    );
    expect(operators.find((member) => member.username === 'unverified.sawoo')).toEqual({
      username: 'unverified.sawoo',
      name: 'Belum Terverifikasi',
      roles: ['operator'],
      areas: [SAWOO, '35.02.05.2009'],
    });
  });

  it('reuses a listing for a few minutes, then lists again', async () => {
    // Prepare
    let now = 1_000_000;
    const contacts = new CognitoStaffContacts(POOL, { ttlMs: 5 * 60_000, now: () => now });
    const first = await contacts.staffWithRole('village_head');
    const directory = new CognitoStaffDirectory(POOL);
    await directory.create({
      username: 'kades.baru',
      name: 'Kades Baru',
      phone: '+6281100000301',
      role: 'village_head',
      area: '35.02.05.2009',
    });
    await directory.addToGroup('kades.baru', 'village_head');
    // Act
    now += 4 * 60_000;
    const cached = await contacts.staffWithRole('village_head');
    now += 2 * 60_000;
    const fresh = await contacts.staffWithRole('village_head');
    // Assess
    expect(cached).toBe(first);
    expect(fresh.map((member) => member.username)).toContain('kades.baru');
    expect(fresh.find((member) => member.username === 'kades.baru')?.phone).toBe('+6281100000301');
  });

  it('does not keep a failed listing: the next call lists again', async () => {
    // Prepare: the pool's endpoint is down at first
    const port = await freePort();
    process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = `http://127.0.0.1:${port}`;
    const contacts = new CognitoStaffContacts(POOL);
    await expect(contacts.staffWithRole('operator')).rejects.toThrow();
    const revived = await startLocalCognito({
      dataDir: join(dir, 'revived'),
      userPoolId: POOL,
      port,
      demoUsers: DEMO_USERS,
    });
    try {
      // Act
      const operators = await contacts.staffWithRole('operator');
      // Assess
      expect(operators.map((member) => member.username).sort()).toEqual(['operator.sawoo', 'operator.tampo']);
    } finally {
      await revived.stop();
      process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = cognito.endpoint;
    }
  });
});
