import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  type CitizenProfile,
  type CitizenProfiles,
  type LinkOutcome,
  personHash,
} from '../core/identity/citizen-profile.js';
import type { NikActivation, NikActivations } from '../core/identity/nik-activation.js';
import type { AuditEntry } from '../core/privacy/audit.js';
import { once } from './clients.js';
import { auditPut, putAudited } from './dynamo-audit.js';
import { dynamo, isConditionFailure } from './dynamo-client.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

export const citizenProfiles = once(() => new DynamoCitizenProfiles(requiredEnv('TABLE_NAME')));

/**
 * Profiles in the single table: pk USER#<subject> sk PROFILE holds the linked NIK (an attribute, never a
 * key); pk NIKLINK#<hash of the NIK> sk META names the one account that linked it; pk NIKACT#<hash of the
 * NIK> sk META holds the person's activation code (its hash, under `activation`), one per person.
 */
export class DynamoCitizenProfiles implements CitizenProfiles, NikActivations {
  constructor(private readonly tableName: string) {}

  async get(subject: string): Promise<CitizenProfile | undefined> {
    const result = await dynamo().send(
      new GetCommand({ TableName: this.tableName, Key: keys.profile(subject), ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    const { subject: owner, nik, name, linkedAt } = result.Item as CitizenProfile;
    return { subject: owner, nik, name, linkedAt };
  }

  async link(profile: CitizenProfile, activation: NikActivation, audit: AuditEntry): Promise<LinkOutcome> {
    const hash = personHash(profile.nik);
    const failed = await putAudited(
      this.tableName,
      [
        {
          TableName: this.tableName,
          Item: { ...keys.nikLink(hash), subject: profile.subject, linkedAt: profile.linkedAt },
          ConditionExpression: 'attribute_not_exists(pk) OR #subject = :subject',
          ExpressionAttributeNames: { '#subject': 'subject' },
          ExpressionAttributeValues: { ':subject': profile.subject },
        },
        {
          TableName: this.tableName,
          Item: { ...keys.profile(profile.subject), ...profile, nikHash: hash },
          ConditionExpression: 'attribute_not_exists(pk) OR nikHash = :hash',
          ExpressionAttributeValues: { ':hash': hash },
        },
        {
          TableName: this.tableName,
          Item: { ...keys.nikActivation(hash), type: 'NIKACT', ...activation, usedAt: profile.linkedAt },
          // Only the very code that was checked, once: a concurrent attempt or a reissued code loses.
          ConditionExpression: 'codeHash = :code AND attribute_not_exists(usedAt)',
          ExpressionAttributeValues: { ':code': activation.codeHash },
        },
      ],
      audit,
    );
    return failed === 0
      ? 'nik-taken'
      : failed === 1
        ? 'account-linked-otherwise'
        : failed === 2
          ? 'code-spent'
          : 'linked';
  }

  async holder(person: string): Promise<string | undefined> {
    const result = await dynamo().send(
      new GetCommand({ TableName: this.tableName, Key: keys.nikLink(person), ConsistentRead: true }),
    );
    return result.Item?.subject as string | undefined;
  }

  async unlink(person: string, subject: string, audit: AuditEntry): Promise<boolean> {
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.tableName,
                Key: keys.nikLink(person),
                ConditionExpression: '#subject = :subject',
                ExpressionAttributeNames: { '#subject': 'subject' },
                ExpressionAttributeValues: { ':subject': subject },
              },
            },
            {
              Delete: {
                TableName: this.tableName,
                Key: keys.profile(subject),
                ConditionExpression: 'nikHash = :hash',
                ExpressionAttributeValues: { ':hash': person },
              },
            },
            { Put: auditPut(this.tableName, audit) },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error, 0) || isConditionFailure(error, 1)) return false;
      throw error;
    }
  }

  async activation(person: string): Promise<NikActivation | undefined> {
    const result = await dynamo().send(
      new GetCommand({ TableName: this.tableName, Key: keys.nikActivation(person), ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    const { pk: _pk, sk: _sk, type: _type, ...activation } = result.Item;
    return activation as NikActivation;
  }

  async issue(person: string, activation: NikActivation, audit: AuditEntry): Promise<void> {
    // Unconditional: a new code replaces the person's earlier one, used or not (one live code per person).
    await putAudited(
      this.tableName,
      [{ TableName: this.tableName, Item: { ...keys.nikActivation(person), type: 'NIKACT', ...activation } }],
      audit,
    );
  }
}
