import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../core/audit.js';
import {
  type CitizenProfile,
  type CitizenProfiles,
  type IdentityField,
  type IdentityOutcome,
  type IdentityVerifier,
  type LinkOutcome,
  personHash,
} from '../core/citizen-profile.js';
import type { PopulationRegistry } from '../core/ports.js';
import type { LocalizedText } from '../core/text.js';
import { once } from './clients.js';
import { putAudited } from './dynamo-audit.js';
import { dynamo } from './dynamo-client.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';
import { populationRegistry } from './registries/index.js';
import { POPULATION_REASONS } from './registries/synthetic-population.js';

export const citizenProfiles = once(() => new DynamoCitizenProfiles(requiredEnv('TABLE_NAME')));
export const identityVerifier = once(() => new RegistryIdentityVerifier(populationRegistry()));

/**
 * Profiles in the single table: pk USER#<subject> sk PROFILE holds the linked NIK (an attribute, never a
 * key); pk NIKLINK#<hash of the NIK> sk META names the one account that linked it.
 */
export class DynamoCitizenProfiles implements CitizenProfiles {
  constructor(private readonly tableName: string) {}

  async get(subject: string): Promise<CitizenProfile | undefined> {
    const result = await dynamo().send(
      new GetCommand({ TableName: this.tableName, Key: keys.profile(subject), ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    const { subject: owner, nik, name, linkedAt } = result.Item as CitizenProfile;
    return { subject: owner, nik, name, linkedAt };
  }

  async link(profile: CitizenProfile, audit: AuditEntry): Promise<LinkOutcome> {
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
      ],
      audit,
    );
    return failed === 0 ? 'nik-taken' : failed === 1 ? 'account-linked-otherwise' : 'linked';
  }
}

/**
 * Identity through the population registry port (so every lookup is logged, who and why). The registry
 * answers for a person in a village; a link has no village, so the query names none and the answer is read
 * for identity only. The synthetic registry names identity mismatches (unknown NIK, name, birth date) before
 * anything about where a person lives: a mismatch whose only reason is the village means the NIK, name and
 * birth date are one person. A deceased record cannot be linked. A real Dukcapil connector would offer an
 * identity-only verification and replace this reading.
 */
export class RegistryIdentityVerifier implements IdentityVerifier {
  constructor(private readonly population: PopulationRegistry) {}

  async verify(
    person: { readonly nik: string; readonly name: string; readonly birthDate: string },
    context: { readonly by: string; readonly purpose: string },
  ): Promise<IdentityOutcome> {
    const result = await this.population.check(
      { nik: person.nik, name: person.name, birthDate: person.birthDate, villageCode: '' },
      // The lookup log files a lookup under a request; a link has none, so it is filed under the person's hash.
      { requestId: `nik-link-${personHash(person.nik)}`, by: context.by, purpose: context.purpose },
    );
    const reasons = result.reasons;
    const has = (reason: LocalizedText) => reasons.some((candidate) => candidate.en === reason.en);
    const fields: IdentityField[] = [];
    if (has(POPULATION_REASONS.unknownNik)) fields.push('nik');
    if (has(POPULATION_REASONS.name)) fields.push('name');
    if (has(POPULATION_REASONS.birthDate)) fields.push('birthDate');
    if (fields.length > 0) return { verified: false, fields };
    if (has(POPULATION_REASONS.deceased)) return { verified: false, fields: [] };
    const onlyVillage = reasons.every((reason) => reason.en === POPULATION_REASONS.village.en);
    return result.outcome === 'match' || onlyVillage ? { verified: true } : { verified: false, fields: [] };
  }
}
