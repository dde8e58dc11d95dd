import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handler } from '../../../functions/identity/pre-token-generation.js';
import {
  decideStaffMfa,
  isStaff,
  MFA_SETUP_REQUIRED_CLAIM,
  tokenOverrides,
} from '../../../functions/identity/staff-mfa.js';

describe('decideStaffMfa', () => {
  it('lets citizens and people without groups through without looking at MFA', () => {
    expect(decideStaffMfa(['citizen'], undefined)).toEqual({ kind: 'allow' });
    expect(decideStaffMfa([], undefined)).toEqual({ kind: 'allow' });
    expect(decideStaffMfa(undefined, undefined)).toEqual({ kind: 'allow' });
  });

  it('lets staff with TOTP through', () => {
    expect(decideStaffMfa(['operator'], ['SOFTWARE_TOKEN_MFA'])).toEqual({ kind: 'allow' });
    expect(decideStaffMfa(['citizen', 'village_head'], ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'])).toEqual({
      kind: 'allow',
    });
  });

  it('requires TOTP setup from staff of any role without it, SMS not counting', () => {
    for (const role of ['operator', 'regency_admin', 'agency_officer', 'data_protection_officer']) {
      expect(decideStaffMfa([role], undefined), role).toEqual({ kind: 'require-setup' });
      expect(decideStaffMfa([role], []), role).toEqual({ kind: 'require-setup' });
      expect(decideStaffMfa([role], ['SMS_MFA']), role).toEqual({ kind: 'require-setup' });
    }
  });

  it('treats an unknown group as staff: fail closed', () => {
    expect(isStaff(['some-new-group'])).toBe(true);
    expect(decideStaffMfa(['some-new-group'], [])).toEqual({ kind: 'require-setup' });
  });
});

describe('tokenOverrides', () => {
  it('changes nothing when allowed', () => {
    expect(tokenOverrides({ kind: 'allow' })).toEqual({});
  });

  it('removes the groups and adds the setup claim to both tokens when setup is required', () => {
    expect(tokenOverrides({ kind: 'require-setup' })).toEqual({
      groupOverrideDetails: { groupsToOverride: [] },
      idTokenGeneration: { claimsToAddOrOverride: { [MFA_SETUP_REQUIRED_CLAIM]: 'true' } },
      accessTokenGeneration: { claimsToAddOrOverride: { [MFA_SETUP_REQUIRED_CLAIM]: 'true' } },
    });
  });
});

describe('pre token generation handler', () => {
  const event = (groups: string[]): PreTokenGenerationV2TriggerEvent => ({
    version: '2',
    region: 'ap-southeast-3',
    userPoolId: 'ap-southeast-3_Example',
    userName: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'webclient' },
    triggerSource: 'TokenGeneration_Authentication',
    request: {
      userAttributes: {
        sub: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
        email: 'siti.aminah@example.com',
        phone_number: '+6281234567890',
        'custom:area': '35.10.12.2001',
      },
      groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [] },
    },
    response: { claimsAndScopeOverrideDetails: {} },
  });
  const send = () => vi.spyOn(CognitoIdentityProviderClient.prototype, 'send');
  /** Everything the function logs (Powertools writes info to stdout, errors to stderr). */
  const logged = () => {
    const lines: string[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk) => {
        lines.push(String(chunk));
        return true;
      });
    }
    return lines;
  };

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('makes no Cognito call for citizens and leaves their token alone', async () => {
    // Prepare
    const lookup = send();
    // Act
    const result = await handler(event(['citizen']));
    // Assess
    expect(lookup).not.toHaveBeenCalled();
    expect(result.response.claimsAndScopeOverrideDetails).toEqual({});
  });

  it('looks up the staff member by pool and user name and withholds groups without TOTP', async () => {
    // Prepare
    const lookup = send().mockResolvedValue({ UserMFASettingList: [] } as never);
    const lines = logged();
    // Act
    const result = await handler(event(['operator']));
    // Assess
    const [command] = lookup.mock.calls[0] ?? [];
    expect((command as { input: unknown }).input).toEqual({
      UserPoolId: 'ap-southeast-3_Example',
      Username: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    });
    expect(result.response.claimsAndScopeOverrideDetails.groupOverrideDetails).toEqual({
      groupsToOverride: [],
    });
    expect(result.response.claimsAndScopeOverrideDetails.idTokenGeneration?.claimsToAddOrOverride).toEqual({
      [MFA_SETUP_REQUIRED_CLAIM]: 'true',
    });
    const output = lines.join('');
    expect(output).toContain('require-setup');
    expect(output).not.toMatch(/siti|\+62812|35\.10\.12/);
  });

  it('keeps the groups of staff with TOTP', async () => {
    // Prepare
    send().mockResolvedValue({ UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] } as never);
    logged();
    // Act
    const result = await handler(event(['village_head']));
    // Assess
    expect(result.response.claimsAndScopeOverrideDetails).toEqual({});
  });

  it('fails the sign-in when the MFA settings cannot be read, logging no personal data', async () => {
    // Prepare
    send().mockRejectedValue(
      Object.assign(new Error('User siti.aminah@example.com not found'), { name: 'UserNotFoundException' }),
    );
    const lines = logged();
    // Act / Assess
    await expect(handler(event(['operator']))).rejects.toThrow(/MFA settings/);
    const output = lines.join('');
    expect(output).toContain('UserNotFoundException');
    expect(output).not.toContain('siti');
  });
});
