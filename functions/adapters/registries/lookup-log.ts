import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { maskNik } from '../../core/identity/nik.js';
import type {
  BpjsRegistry,
  Clock,
  DesilRegistry,
  LookupContext,
  PersonQuery,
  PopulationRegistry,
  RegistryResult,
} from '../../core/shared/ports.js';
import type { LocalizedText } from '../../core/shared/text.js';
import { dynamo } from '../dynamo-client.js';
import { systemClock } from '../env.js';
import { keys } from '../keys.js';
import { digitsOnly } from './matching.js';

/**
 * One line of the registry access log: who looked up whom, why, and what the registry said. "Whom" is the
 * NIK masked to its region digits plus the village asked about; the request the lookup belongs to names the
 * applicant, so the log itself never holds a full NIK (nor a family-card number, name or birth date).
 */
export interface LookupLogEntry {
  readonly requestId: string;
  readonly at: string;
  readonly by: string;
  readonly purpose: string;
  readonly registry: RegistryResult['registry'];
  /** 'error' when the registry could not answer (the lookup failed; nothing was disclosed). */
  readonly outcome: RegistryResult['outcome'] | 'error';
  readonly nikMasked: string;
  readonly villageCode: string;
  readonly reasons: readonly LocalizedText[];
}

export interface LookupLog {
  record(entry: LookupLogEntry): Promise<void>;
}

/** A registry adapter that says which registry it is (so a failed lookup can be logged too). */
export interface NamedRegistry extends PopulationRegistry, BpjsRegistry, DesilRegistry {
  readonly registry: RegistryResult['registry'];
}

/**
 * Wraps a registry so that no lookup skips the log. The log is written after the registry answers and
 * before the answer is returned: if the log cannot be written the lookup fails (and is retried by the
 * workflow), so no answer is ever used without its log line. A lookup that fails is logged as 'error'.
 * The NIK is masked here, before any log implementation sees it; NIK-like numbers in the free-text fields
 * (`by`, `purpose`) are masked too.
 */
export function withLookupLog(
  registry: NamedRegistry,
  log: LookupLog,
  clock: Clock = systemClock,
): PopulationRegistry & BpjsRegistry & DesilRegistry {
  return {
    async check(query: PersonQuery, context: LookupContext): Promise<RegistryResult> {
      const entry = {
        requestId: context.requestId,
        at: clock.now().toISOString(),
        by: maskNikLike(context.by),
        purpose: maskNikLike(context.purpose),
        registry: registry.registry,
        nikMasked: maskNik(digitsOnly(query.nik)),
        villageCode: query.villageCode,
      };
      let result: RegistryResult;
      try {
        result = await registry.check(query, context);
      } catch (error) {
        // The registry's own failure is what the caller must see; a log failure on top changes nothing.
        await log.record({ ...entry, outcome: 'error', reasons: [] }).catch(() => undefined);
        throw error;
      }
      await log.record({ ...entry, outcome: result.outcome, reasons: result.reasons });
      return result;
    },
  };
}

/** Any run of 16 or more digits in free text is masked like a NIK. */
export const maskNikLike = (value: string): string => value.replace(/\d{16,}/g, (digits) => maskNik(digits));

/**
 * The access log in the single table, next to the request it served: pk REQ#<requestId>,
 * sk REGLOG#<at>#<registry>#<n> (keys.registryLookup). `n` tells apart lookups logged in the same
 * millisecond; a put never overwrites an earlier line (the condition), it takes the next `n` instead.
 */
export class DynamoLookupLog implements LookupLog {
  private sequence = 0;

  constructor(private readonly tableName: string) {}

  async record(entry: LookupLogEntry): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      this.sequence = (this.sequence % 9999) + 1;
      try {
        await dynamo().send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...keys.registryLookup(entry.requestId, entry.at, entry.registry, this.sequence),
              ...entry,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return;
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException' || attempt >= 3) throw error;
      }
    }
  }
}
