import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeExecutionCommand, SendTaskSuccessCommand, TaskTimedOut } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import type { ExecutionRecord } from '../../../lib/local/stepfunctions/store.js';
import { editDefinitionText, workflowTemplate } from './fixtures/workflow-template.js';
import { FakeHandlers, failureOf, input, newDataDir, startHarness } from './harness.js';

const waitingOn = (execution: ExecutionRecord) => execution.waiting.length > 0;

async function storedExecution(dataDir: string, name: string): Promise<ExecutionRecord | undefined> {
  const stored = JSON.parse(await readFile(join(dataDir, 'executions.json'), 'utf8')) as {
    executions: ExecutionRecord[];
  };
  return stored.executions.find((execution) => execution.name === name);
}

describe('local Step Functions across a restart', () => {
  it('persists the waiting point and, after a restart, re-enters the task with a fresh token', async () => {
    // Prepare: an execution waits for a decision when the runtime stops.
    const handlers = new FakeHandlers();
    const dataDir = await newDataDir();
    const before = await startHarness({ handlers, dataDir });
    await before.sfn.startExecution({ name: 'req-restart', input: JSON.stringify(input('req-restart')) });
    const [oldWaiting] = (await before.sfn.waitFor('req-restart', waitingOn)).waiting;
    await before.stop();
    const persisted = await storedExecution(dataDir, 'req-restart');

    // Act
    const after = await startHarness({ handlers, dataDir });
    try {
      const resumed = await after.sfn.resume();
      const [newWaiting] = (await after.sfn.waitFor('req-restart', waitingOn)).waiting;
      const stale = await failureOf(
        after.client.send(new SendTaskSuccessCommand({ taskToken: oldWaiting?.token, output: '{}' })),
      );
      await after.client.send(
        new SendTaskSuccessCommand({
          taskToken: newWaiting?.token,
          output: JSON.stringify({ approvedBy: 'camat' }),
        }),
      );
      await after.sfn.waitFor('req-restart', (execution) => execution.status !== 'RUNNING');
      const execution = await after.client.send(
        new DescribeExecutionCommand({ executionArn: after.sfn.executionArn('req-restart') }),
      );

      // Assess
      expect(persisted).toMatchObject({
        status: 'RUNNING',
        resumePoint: {
          state: 'AwaitDecision',
          input: { ...input('req-restart'), check: { eligible: true } },
        },
        waiting: [{ state: 'AwaitDecision', token: oldWaiting?.token }],
      });
      expect(resumed).toEqual(['req-restart']);
      expect(handlers.reviewsOf('req-restart').map((review) => review.taskToken)).toEqual([
        oldWaiting?.token,
        newWaiting?.token,
      ]);
      expect(newWaiting?.token).not.toBe(oldWaiting?.token);
      expect(stale).toBeInstanceOf(TaskTimedOut);
      expect(execution.status).toBe('SUCCEEDED');
      expect(JSON.parse(execution.output ?? '{}')).toMatchObject({
        decision: { approvedBy: 'camat' },
        issued: { documentId: 'doc-req-restart' },
      });
      // AWS would not have entered AwaitDecision twice: the resumed entry is not billed again.
      expect(after.sfn.describe('req-restart')?.transitions).toBe(4);
    } finally {
      await after.stop();
    }
  });

  it('keeps finished executions: a restarted runtime still describes them and refuses their names', async () => {
    const dataDir = await newDataDir();
    const before = await startHarness({ handlers: new FakeHandlers(), dataDir });
    const body = JSON.stringify(input('req-done', { eligible: false }));
    await before.sfn.startExecution({ name: 'req-done', input: body });
    await before.sfn.waitFor('req-done', (execution) => execution.status === 'SUCCEEDED');
    await before.stop();

    const after = await startHarness({ handlers: new FakeHandlers(), dataDir });
    try {
      expect(await after.sfn.resume()).toEqual([]);
      expect(after.sfn.describe('req-done')).toMatchObject({ status: 'SUCCEEDED' });
      await expect(after.sfn.startExecution({ name: 'req-done', input: body })).rejects.toMatchObject({
        type: 'ExecutionAlreadyExists',
      });
    } finally {
      await after.stop();
    }
  });

  it('times out an execution whose TimeoutSeconds passed while the runtime was stopped, as AWS would have', async () => {
    // Prepare: a 2-second execution timeout; the runtime stops while the execution waits, for longer than that
    const template = workflowTemplate();
    editDefinitionText(template, (text) =>
      text.replace('{"StartAt":"CheckRequest",', '{"StartAt":"CheckRequest","TimeoutSeconds":2,'),
    );
    const dataDir = await newDataDir();
    const before = await startHarness({ handlers: new FakeHandlers(), dataDir, template });
    await before.sfn.startExecution({ name: 'req-late', input: JSON.stringify(input('req-late')) });
    await before.sfn.waitFor('req-late', waitingOn);
    await before.stop();
    const startDate = (await storedExecution(dataDir, 'req-late'))?.startDate ?? '';
    await sleep(Math.max(0, Date.parse(startDate) + 2_000 - Date.now()) + 100);

    // Act
    const after = await startHarness({ handlers: new FakeHandlers(), dataDir, template });
    try {
      const resumed = await after.sfn.resume();

      // Assess: not run again with its whole time; ended as its timeout says
      expect(resumed).toEqual([]);
      expect(after.sfn.describe('req-late')).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    } finally {
      await after.stop();
    }
  });

  it('fails an execution whose resume state is no longer in the definition, with a warning', async () => {
    const handlers = new FakeHandlers();
    const dataDir = await newDataDir();
    const before = await startHarness({ handlers, dataDir });
    await before.sfn.startExecution({ name: 'req-renamed', input: JSON.stringify(input('req-renamed')) });
    await before.sfn.waitFor('req-renamed', waitingOn);
    await before.stop();
    const template = workflowTemplate();
    editDefinitionText(template, (text) => text.replaceAll('AwaitDecision', 'AwaitStageDecision'));

    const after = await startHarness({ handlers, dataDir, template });
    try {
      await after.sfn.resume();

      expect(after.sfn.describe('req-renamed')).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
      expect(after.warnings.join('\n')).toContain('"AwaitDecision" is no longer in the definition');
    } finally {
      await after.stop();
    }
  });
});
