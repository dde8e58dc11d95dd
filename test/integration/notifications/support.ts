import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ensureLocalPseudonymKey } from '../../../functions/adapters/pseudonym-key.js';
import { Data } from '../../../lib/constructs/data.js';
import { ensureTableFromTemplate, startDynamoDbLocal } from '../../../lib/local/dynamodb.js';
import { onFreePort } from '../../../lib/local/net.js';
import type { SynthesizedTemplate } from '../../../lib/local/runtime.js';

export const TABLE_NAME = 'desa-digital-notifications-test';

/**
 * DynamoDB Local with the table exactly as the stack declares it, and the environment the adapters read. No
 * gateway, no workflow: only what the outbox needs. The table comes from synthesizing the Data construct
 * alone (the stack's only source of the table's keys and indexes), so these tests do not depend on every
 * other construct of the stack synthesizing.
 */
function tableTemplate(): SynthesizedTemplate {
  const stack = new Stack(new App(), 'NotificationsTest');
  new Data(stack, 'Data');
  return Template.fromStack(stack).toJSON() as SynthesizedTemplate;
}

export async function startTable(): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'desa-digital-notify-'));
  const dynamo = await onFreePort((port) => startDynamoDbLocal(join(dir, 'dynamodb'), port));
  await ensureTableFromTemplate(dynamo.endpoint, tableTemplate(), TABLE_NAME);
  Object.assign(process.env, {
    AWS_REGION: 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    TABLE_NAME,
    POWERTOOLS_DEV: 'true',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    // Applicants' messages are counted per destination under a keyed pseudonym: a local key file, as the
    // local runtime has.
    PSEUDONYM_KEY_FILE: join(dir, 'pseudonym.key'),
  });
  await ensureLocalPseudonymKey(join(dir, 'pseudonym.key'));
  return {
    endpoint: dynamo.endpoint,
    stop: async () => {
      await dynamo.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface SnsCall {
  readonly params: Record<string, string>;
}
export interface SesCall {
  readonly body: Record<string, unknown>;
}
type Reply = { readonly status: number; readonly body: string; readonly contentType: string };

/**
 * A tiny stand-in for SNS and SES v2 that speaks their wire protocols, so the real adapters run through the
 * real SDK clients: SNS's query protocol (form-encoded POST /, Action=Publish, XML answers) and SESv2's REST
 * JSON (POST /v2/email/outbound-emails). It records every call and answers with queued replies (then OK).
 * What it does not do: check signatures, phone numbers, identities or the SES sandbox.
 */
export class FakeMessaging {
  readonly sns: SnsCall[] = [];
  readonly ses: SesCall[] = [];
  private readonly snsReplies: Reply[] = [];
  private readonly sesReplies: Reply[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const reply = this.handle(req, raw);
        res.writeHead(reply.status, { 'content-type': reply.contentType });
        res.end(reply.body);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  /** The next SNS Publish is refused with this query-protocol error. */
  refuseNextSms(code: string, status = 400): void {
    this.snsReplies.push({
      status,
      contentType: 'text/xml',
      body: `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${code}</Code><Message>refused by the fake</Message></Error><RequestId>fake-request</RequestId></ErrorResponse>`,
    });
  }

  /** Forgets the calls and any refusal a test queued but did not use. */
  reset(): void {
    this.sns.length = 0;
    this.ses.length = 0;
    this.snsReplies.length = 0;
    this.sesReplies.length = 0;
  }

  private handle(req: IncomingMessage, raw: string): Reply {
    if (req.method === 'POST' && req.url === '/v2/email/outbound-emails') {
      this.ses.push({ body: JSON.parse(raw) as Record<string, unknown> });
      return (
        this.sesReplies.shift() ?? {
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ MessageId: `ses-${this.ses.length}` }),
        }
      );
    }
    const params = Object.fromEntries(new URLSearchParams(raw));
    if (req.method === 'POST' && req.url === '/' && params.Action === 'Publish') {
      this.sns.push({ params });
      return (
        this.snsReplies.shift() ?? {
          status: 200,
          contentType: 'text/xml',
          body: `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>sns-${this.sns.length}</MessageId></PublishResult><ResponseMetadata><RequestId>fake-request</RequestId></ResponseMetadata></PublishResponse>`,
        }
      );
    }
    return { status: 404, contentType: 'text/plain', body: `no fake for ${req.method} ${req.url}` };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
