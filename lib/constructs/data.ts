import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { VILLAGE_SUMMARY_FIELDS } from '../../functions/core/villages/places.js';

/**
 * The single table's secondary indexes, by access pattern. Keys are written by the request store adapter;
 * every index is partitioned by village (or citizen), never by a key shared by all villages.
 *
 * Each index holds only what is read from it without going back to the table. AWS bills an index write for
 * every write that changes an entry's key or one of its projected attributes, sized on the entry: an index
 * that projected the whole request would be rewritten (at the request's size) on every step of the workflow.
 * The request listings (inbox, all requests, tasks, a citizen's own) show whole requests, which are two items
 * (keys.ts), so they read them by the ids in the entries' keys (one Query each, half a read unit); the
 * entries then cost a write only when they move (a new status, a stage opened or decided) and stay at the
 * minimum size.
 */
export const TABLE_INDEXES = {
  /**
   * A village's inbox by status, newest first; also the dashboard's counts, answered from the index alone:
   * the request's service, creation time and letter (its issue date), which are written once (the letter:
   * when its number is drawn, then with the ISSUED move).
   */
  gsi1: {
    partitionKey: 'gsi1pk',
    sortKey: 'gsi1sk',
    projection: ProjectionType.INCLUDE,
    include: ['serviceCode', 'createdAt', 'document'],
  },
  /**
   * All of a village's requests, newest first (keys only: no request has the fields below); also the village
   * directory, whose entries carry what the directory lists (GET /v1/villages).
   */
  gsi2: {
    partitionKey: 'gsi2pk',
    sortKey: 'gsi2sk',
    projection: ProjectionType.INCLUDE,
    include: VILLAGE_SUMMARY_FIELDS,
  },
  /** Staff pending tasks by village and role, by due time. */
  gsi3: { partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: ProjectionType.KEYS_ONLY },
  /** A citizen's own requests. */
  gsi4: { partitionKey: 'gsi4pk', sortKey: 'gsi4sk', projection: ProjectionType.KEYS_ONLY },
  /**
   * Workflow signals not yet confirmed, by village, oldest first (the reconciler re-sends them). Sparse and
   * keys only: an entry lives from a decision's write to the workflow's next write, and costs a write each way.
   */
  gsi5: { partitionKey: 'gsi5pk', sortKey: 'gsi5sk', projection: ProjectionType.KEYS_ONLY },
} as const satisfies Record<
  string,
  { partitionKey: string; sortKey: string; projection: ProjectionType; include?: readonly string[] }
>;

/** How long a replaced or deleted object's previous version stays restorable in the documents bucket. */
export const NONCURRENT_VERSION_DAYS = 365;

export interface DataProps {
  /**
   * What happens to the table and the bucket when they leave the stack. Citizens' requests and issued
   * letters are records the village must keep, so only throwaway test stacks should change this.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The stateful resources, kept apart from the stateless ones: the single DynamoDB table (requests, events,
 * documents, counters, villages) and the private documents bucket (issued letters, attachments).
 */
export class Data extends Construct {
  readonly table: TableV2;
  readonly documents: Bucket;
  /** S3 server access logs of the documents bucket: who read or wrote which letter or attachment. */
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: DataProps = {}) {
    super(scope, id);
    // S3 log delivery is authorized by a bucket policy on the log bucket (scoped to the documents bucket and
    // this account), not by the legacy log-delivery ACL: the log bucket keeps ACLs disabled. The CDK
    // feature flag is set here, for this construct's buckets, rather than app-wide.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const string = (name: string) => ({ name, type: AttributeType.STRING });

    this.table = new TableV2(this, 'Table', {
      partitionKey: string('pk'),
      sortKey: string('sk'),
      billing: Billing.onDemand(),
      // AWS managed key (aws/dynamodb): KMS encryption with CloudTrail-visible key use, no key to run or pay for.
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
      timeToLiveAttribute: 'expiresAt', // idempotency records and other short-lived items
      globalSecondaryIndexes: Object.entries(TABLE_INDEXES).map(([indexName, index]) => ({
        indexName,
        partitionKey: string(index.partitionKey),
        sortKey: string(index.sortKey),
        projectionType: index.projection,
        ...('include' in index ? { nonKeyAttributes: [...index.include] } : {}),
      })),
    });

    // Access logs name object keys (request ids) and requesters' IPs: personal data, kept 90 days.
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED, // S3 log delivery cannot write to SSE-KMS buckets
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED, // delivery is authorized by bucket policy
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy,
    });

    this.documents = new Bucket(this, 'Documents', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // SSE-S3: presigned downloads need no kms:Decrypt grant and cost no KMS requests; letters are signed
      // separately (their hash), so a customer key would add cost without adding integrity.
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      removalPolicy,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'documents/',
      lifecycleRules: [
        {
          // Issued letters are never overwritten; older versions only exist after mistakes (an overwrite, a
          // deletion), kept cheaply for a year to undo them, then gone. No expiration of current versions:
          // a letter stays as long as the bucket does.
          noncurrentVersionTransitions: [
            { storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(30) },
          ],
          noncurrentVersionExpiration: Duration.days(NONCURRENT_VERSION_DAYS),
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        {
          // Browser uploads wait under uploads/ until a submission accepts them; never-attached files go.
          prefix: 'uploads/',
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
      // The web front end uploads attachments straight to S3 with presigned POSTs.
      cors: [
        { allowedMethods: [HttpMethods.POST], allowedOrigins: ['*'], allowedHeaders: ['*'], maxAge: 3600 },
      ],
    });
  }
}
