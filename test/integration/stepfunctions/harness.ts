import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { CloudFormationTemplate } from '../../../lib/local/stepfunctions/cloudformation.js';
import { resolveStateMachine } from '../../../lib/local/stepfunctions/definition.js';
import { LocalStepFunctions } from '../../../lib/local/stepfunctions/server.js';
import { ENTRIES, workflowTemplate } from './fixtures/workflow-template.js';

export const REGION = 'ap-southeast-3';

/** The error name a task handler throws for a failure worth retrying. */
export class TransientError extends Error {
  override name = 'TransientError';
}

export interface WorkflowInput {
  readonly requestId: string;
  readonly stage: { readonly index: number; readonly deadlineSeconds: number };
  /** CheckRequest answers `eligible: false` when false. */
  readonly eligible?: boolean;
  /** CheckRequest throws TransientError this many times first. */
  readonly failTimes?: number;
}

export interface ReviewEvent {
  readonly taskToken: string;
  readonly requestId: string;
  readonly stage: WorkflowInput['stage'];
  readonly executionId: string;
}

/** In-test stand-ins for the handler modules, recording how they were called. */
export class FakeHandlers {
  readonly reviews: ReviewEvent[] = [];
  readonly checkAttempts = new Map<string, number>();

  readonly invoke = async (entry: string, event: unknown): Promise<unknown> => {
    switch (entry) {
      case ENTRIES.check: {
        const input = event as WorkflowInput;
        const attempts = (this.checkAttempts.get(input.requestId) ?? 0) + 1;
        this.checkAttempts.set(input.requestId, attempts);
        if (attempts <= (input.failTimes ?? 0)) throw new TransientError('registry busy');
        return { eligible: input.eligible !== false };
      }
      case ENTRIES.review:
        this.reviews.push(event as ReviewEvent);
        return { opened: true };
      case ENTRIES.issue:
        return { documentId: `doc-${(event as WorkflowInput).requestId}` };
      default:
        throw new Error(`No fake handler for ${entry}`);
    }
  };

  reviewsOf(requestId: string): ReviewEvent[] {
    return this.reviews.filter((review) => review.requestId === requestId);
  }
}

export interface Harness {
  readonly sfn: LocalStepFunctions;
  readonly client: SFNClient;
  readonly dataDir: string;
  readonly warnings: string[];
  stop(): Promise<void>;
}

export const newDataDir = () => mkdtemp(join(tmpdir(), 'local-sfn-'));

/** Resolves the template, starts the server on a free port and connects a real SFN client to it. */
export async function startHarness(options: {
  readonly handlers: FakeHandlers;
  readonly template?: CloudFormationTemplate;
  readonly dataDir?: string;
}): Promise<Harness> {
  const dataDir = options.dataDir ?? (await newDataDir());
  const warnings: string[] = [];
  const resolved = resolveStateMachine(options.template ?? workflowTemplate(), { region: REGION });
  const sfn = new LocalStepFunctions({
    ...resolved,
    invoke: options.handlers.invoke,
    dataDir,
    retryIntervalMs: 10,
    logger: { warn: (message: string) => warnings.push(message) },
  });
  const { port } = await sfn.start(0);
  const client = new SFNClient({
    region: REGION,
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    sfn,
    client,
    dataDir,
    warnings,
    stop: async () => {
      client.destroy();
      await sfn.stop();
    },
  };
}

/** The error a promise rejects with (undefined if it resolves), caught at once so no rejection goes unhandled. */
export const failureOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

export const input = (requestId: string, extra: Partial<WorkflowInput> = {}): WorkflowInput => ({
  requestId,
  stage: { index: 1, deadlineSeconds: 3600 },
  ...extra,
});
