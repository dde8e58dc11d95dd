import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type ServiceCatalog,
  type ServiceVersionStore,
  serviceCatalog,
  type VillageServiceStore,
} from '../core/catalog/service-catalog.js';
import type { ServiceDefinition } from '../core/catalog/types.js';
import type { AuditEntry } from '../core/privacy/audit.js';
import { once } from './clients.js';
import { putAudited } from './dynamo-audit.js';
import { dynamo, writtenIf } from './dynamo-client.js';
import { fromItem } from './dynamo-request-store.js';
import { requiredEnv } from './env.js';
import { keys } from './keys.js';

/** A village's own services, stored beside the village (pk VILLAGE#<code>, sk SERVICE#<code>). */
export class DynamoVillageServices implements VillageServiceStore {
  constructor(private readonly tableName: string) {}

  async get(villageCode: string, serviceCode: string): Promise<ServiceDefinition | undefined> {
    const result = await dynamo().send(
      new GetCommand({ TableName: this.tableName, Key: keys.villageService(villageCode, serviceCode) }),
    );
    return result.Item ? fromItem<{ definition: ServiceDefinition }>(result.Item).definition : undefined;
  }

  async list(villageCode: string): Promise<ServiceDefinition[]> {
    const { pk, sk } = keys.villageService(villageCode, '');
    const result = await dynamo().send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': sk },
      }),
    );
    return (result.Items ?? []).map((item) => fromItem<{ definition: ServiceDefinition }>(item).definition);
  }

  async put(villageCode: string, service: ServiceDefinition, audit: AuditEntry): Promise<void> {
    const item = {
      ...keys.villageService(villageCode, service.code),
      definition: service,
      updatedAt: audit.at,
    };
    await putAudited(this.tableName, [{ TableName: this.tableName, Item: item }], audit);
  }
}

/** The versions requests were submitted under (pk SERVICEVERSION#<code>#<version>, sk META). */
export class DynamoServiceVersions implements ServiceVersionStore {
  constructor(private readonly tableName: string) {}

  async get(serviceCode: string, version: string): Promise<ServiceDefinition | undefined> {
    const result = await dynamo().send(
      // Consistent: a village may edit its programme moments after a submission stored the version.
      new GetCommand({
        TableName: this.tableName,
        Key: keys.serviceVersion(serviceCode, version),
        ConsistentRead: true,
      }),
    );
    return result.Item ? fromItem<{ definition: ServiceDefinition }>(result.Item).definition : undefined;
  }

  /** One conditional write per container and version (found already stored or not, it is there after). */
  async put(service: ServiceDefinition, version: string): Promise<void> {
    const client = dynamo();
    const kept = stored.get(client) ?? new Set<string>();
    const key = keys.serviceVersion(service.code, version);
    if (kept.has(key.pk)) return;
    await writtenIf(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...key, definition: service },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    stored.set(client, kept.add(key.pk));
  }
}

/** Versions this container has seen stored, per client: a test that restarts the local runtime gets a new table. */
const stored = new WeakMap<object, Set<string>>();

export const villageServices = once(() => new DynamoVillageServices(requiredEnv('TABLE_NAME')));
export const catalog = once(
  (): ServiceCatalog =>
    serviceCatalog(villageServices(), new DynamoServiceVersions(requiredEnv('TABLE_NAME'))),
);
