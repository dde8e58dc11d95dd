import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * SDK clients, created once and reused across Lambda invocations. Endpoints come from the SDK's own
 * AWS_ENDPOINT_URL_<SERVICE> variables, so locally they point at DynamoDB Local, s3rver and the local Step
 * Functions with no code path of their own (s3rver needs path-style addressing). A client is rebuilt only
 * if its endpoint variable changes, which happens when tests restart the local runtime in one process.
 */
function cachedBy<T>(variable: string, create: () => T): () => T {
  let cached: { endpoint: string | undefined; client: T } | undefined;
  return () => {
    const endpoint = process.env[variable];
    if (!cached || cached.endpoint !== endpoint) cached = { endpoint, client: create() };
    return cached.client;
  };
}

export const dynamo = cachedBy('AWS_ENDPOINT_URL_DYNAMODB', () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
);

export const s3 = cachedBy(
  'AWS_ENDPOINT_URL_S3',
  () => new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' }),
);

export const sfn = cachedBy('AWS_ENDPOINT_URL_SFN', () => new SFNClient({}));
