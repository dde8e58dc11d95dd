import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * SDK clients, created once per module load (reused across Lambda invocations). Endpoints come from the
 * SDK's own AWS_ENDPOINT_URL_<SERVICE> variables, so locally they point at DynamoDB Local, s3rver and the
 * local Step Functions without any code path of their own. s3rver needs path-style addressing.
 */
let documentClient: DynamoDBDocumentClient | undefined;
let s3Client: S3Client | undefined;
let sfnClient: SFNClient | undefined;

export const dynamo = (): DynamoDBDocumentClient => {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
};

export const s3 = (): S3Client => {
  s3Client ??= new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });
  return s3Client;
};

export const sfn = (): SFNClient => {
  sfnClient ??= new SFNClient({});
  return sfnClient;
};
