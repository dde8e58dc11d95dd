import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { cachedClient } from '../adapters/clients.js';
import { redactingLogger } from '../adapters/log-redaction.js';
import { decideStaffMfa, isStaff, tokenOverrides } from './staff-mfa.js';

const logger = redactingLogger('desa-digital-identity');
const cognito = cachedClient(
  'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER',
  () => new CognitoIdentityProviderClient({}),
);

/**
 * Cognito pre token generation trigger (event version 2): staff without TOTP get tokens without groups and
 * with `mfa_setup_required` (see staff-mfa.ts). Citizens cost no Cognito call.
 *
 * Logs carry the trigger source, whether the user is staff and the decision, never the event: its user
 * attributes hold phone numbers, e-mail addresses and possibly a NIK. A failed lookup fails the sign-in
 * (Cognito shows an error and the user tries again): staff never get their groups unchecked.
 */
export async function handler(
  event: PreTokenGenerationV2TriggerEvent,
): Promise<PreTokenGenerationV2TriggerEvent> {
  const groups = event.request.groupConfiguration?.groupsToOverride ?? [];
  if (!isStaff(groups)) return event;

  let mfaMethods: readonly string[] | undefined;
  try {
    const user = await cognito().send(
      new AdminGetUserCommand({ UserPoolId: event.userPoolId, Username: event.userName }),
    );
    mfaMethods = user.UserMFASettingList;
  } catch (error) {
    logger.error('MFA settings lookup failed', {
      triggerSource: event.triggerSource,
      error: { name: (error as Error).name },
    });
    throw new Error('Could not check the MFA settings of a staff account');
  }

  const decision = decideStaffMfa(groups, mfaMethods);
  logger.info('Staff token', { triggerSource: event.triggerSource, decision: decision.kind });
  event.response.claimsAndScopeOverrideDetails = tokenOverrides(decision);
  return event;
}
