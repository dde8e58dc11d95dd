import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editDefinitionText, workflowTemplate } from './fixtures/workflow-template.js';
import { FakeHandlers, failureOf, type Harness, input, startHarness } from './harness.js';

describe('local Step Functions, through @aws-sdk/client-sfn', () => {
  let handlers: FakeHandlers;
  let local: Harness;

  beforeEach(async () => {
    handlers = new FakeHandlers();
    local = await startHarness({ handlers });
  });
  afterEach(() => local.stop());

  const start = (name: string, executionInput: object) =>
    local.client.send(
      new StartExecutionCommand({
        stateMachineArn: local.sfn.stateMachineArn,
        name,
        input: JSON.stringify(executionInput),
      }),
    );
  const waitingTask = async (name: string) => {
    const record = await local.sfn.waitFor(name, (execution) => execution.waiting.length > 0);
    const [waiting] = record.waiting;
    if (!waiting) throw new Error('no waiting task');
    return waiting;
  };
  const finished = (name: string) => local.sfn.waitFor(name, (execution) => execution.status !== 'RUNNING');
  const outputOf = async (executionArn: string) => {
    const execution = await local.client.send(new DescribeExecutionCommand({ executionArn }));
    return { status: execution.status, output: JSON.parse(execution.output ?? 'null') };
  };

  it('invokes the human task with a token and completes the execution when SendTaskSuccess arrives', async () => {
    // Prepare
    const { executionArn } = await start('req-approve', input('req-approve'));

    // Act
    const waiting = await waitingTask('req-approve');
    const [review] = handlers.reviewsOf('req-approve');
    await local.client.send(
      new SendTaskSuccessCommand({
        taskToken: waiting.token,
        output: JSON.stringify({ approvedBy: 'kades' }),
      }),
    );
    await finished('req-approve');

    // Assess
    expect(waiting.state).toBe('AwaitDecision');
    expect(review).toMatchObject({
      taskToken: waiting.token,
      requestId: 'req-approve',
      executionId: executionArn,
    });
    expect(await outputOf(executionArn ?? '')).toEqual({
      status: 'SUCCEEDED',
      output: {
        ...input('req-approve'),
        check: { eligible: true },
        decision: { approvedBy: 'kades' },
        issued: { documentId: 'doc-req-approve' },
      },
    });
    expect(local.sfn.describe('req-approve')?.transitions).toBe(4); // Check, IsEligible, AwaitDecision, Issue
  });

  it('follows the Catch for the error that SendTaskFailure reports', async () => {
    const { executionArn } = await start('req-reject', input('req-reject'));
    const waiting = await waitingTask('req-reject');

    await local.client.send(
      new SendTaskFailureCommand({
        taskToken: waiting.token,
        error: 'Rejected',
        cause: 'Missing family card',
      }),
    );
    await finished('req-reject');

    const { status, output } = await outputOf(executionArn ?? '');
    expect(status).toBe('SUCCEEDED');
    expect(output).toMatchObject({
      outcome: 'rejected',
      rejection: { Error: 'Rejected', Cause: 'Missing family card' },
    });
  });

  it('times the human task out after the TimeoutSecondsPath of its state input and takes the States.Timeout path', async () => {
    const { executionArn } = await start(
      'req-late',
      input('req-late', { stage: { index: 1, deadlineSeconds: 1 } }),
    );
    const waiting = await waitingTask('req-late');

    await finished('req-late');

    const { output } = await outputOf(executionArn ?? '');
    expect(output).toMatchObject({ outcome: 'escalated', timeout: { Error: 'States.Timeout' } });
    await expect(
      local.client.send(new SendTaskSuccessCommand({ taskToken: waiting.token, output: '{}' })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('answers a repeated StartExecution with the same execution, and a different input with ExecutionAlreadyExists', async () => {
    const first = await start('req-twice', input('req-twice'));

    const again = await start('req-twice', input('req-twice'));
    const conflicting = await failureOf(start('req-twice', input('req-twice', { eligible: false })));

    expect(again).toMatchObject({ executionArn: first.executionArn, startDate: first.startDate });
    expect(conflicting).toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('rejects a token whose task is over with TaskTimedOut and a forged one with InvalidToken', async () => {
    await start('req-stale', input('req-stale'));
    const waiting = await waitingTask('req-stale');
    await local.client.send(new SendTaskSuccessCommand({ taskToken: waiting.token, output: '{}' }));

    const stale = await failureOf(
      local.client.send(new SendTaskSuccessCommand({ taskToken: waiting.token, output: '{}' })),
    );
    const forged = await failureOf(
      local.client.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' })),
    );

    expect(stale).toBeInstanceOf(TaskTimedOut);
    expect(forged).toBeInstanceOf(InvalidToken);
  });

  it('retries a task that throws TransientError, with the shortened local pause', async () => {
    await start('req-flaky', input('req-flaky', { failTimes: 2 }));

    const waiting = await waitingTask('req-flaky');

    expect(waiting.state).toBe('AwaitDecision');
    expect(handlers.checkAttempts.get('req-flaky')).toBe(3);
    expect(local.sfn.describe('req-flaky')?.transitions).toBe(5); // Check + 2 retries, IsEligible, AwaitDecision
  });

  it('stops an execution: ABORTED, and its task token is dead', async () => {
    const { executionArn } = await start('req-stop', input('req-stop'));
    const waiting = await waitingTask('req-stop');

    await local.client.send(
      new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: 'by the applicant' }),
    );

    expect(await outputOf(executionArn ?? '')).toMatchObject({ status: 'ABORTED' });
    await expect(
      local.client.send(new SendTaskSuccessCommand({ taskToken: waiting.token, output: '{}' })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('lists executions by status and tells an unknown execution with ExecutionDoesNotExist', async () => {
    await start('req-list-returned', input('req-list-returned', { eligible: false }));
    await start('req-list-waiting', input('req-list-waiting'));
    await finished('req-list-returned');
    await waitingTask('req-list-waiting');

    const running = await local.client.send(
      new ListExecutionsCommand({ stateMachineArn: local.sfn.stateMachineArn, statusFilter: 'RUNNING' }),
    );
    const unknown = await failureOf(
      local.client.send(
        new DescribeExecutionCommand({ executionArn: local.sfn.executionArn('no-such-execution') }),
      ),
    );

    expect(running.executions?.map((execution) => execution.name)).toEqual(['req-list-waiting']);
    expect(unknown).toBeInstanceOf(ExecutionDoesNotExist);
  });

  it('records an execution history of the states it went through', async () => {
    const { executionArn } = await start('req-history', input('req-history', { eligible: false }));
    await finished('req-history');

    const { events = [] } = await local.client.send(new GetExecutionHistoryCommand({ executionArn }));

    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events[1]?.stateEnteredEventDetails?.name).toBe('CheckRequest');
  });
});

describe('local Step Functions, definition', () => {
  it('runs the definition it is given: an edited Choice takes the other branch', async () => {
    // Prepare: the same input runs against the fixture as synthesized and with the Choice inverted.
    const template = workflowTemplate();
    editDefinitionText(template, (text) => text.replace('"BooleanEquals":true', '"BooleanEquals":false'));
    const original = await startHarness({ handlers: new FakeHandlers() });
    const edited = await startHarness({ handlers: new FakeHandlers(), template });

    try {
      // Act
      await original.sfn.startExecution({ name: 'same', input: JSON.stringify(input('same')) });
      await edited.sfn.startExecution({ name: 'same', input: JSON.stringify(input('same')) });
      const waiting = await original.sfn.waitFor('same', (execution) => execution.waiting.length > 0);
      const returned = await edited.sfn.waitFor('same', (execution) => execution.status !== 'RUNNING');

      // Assess
      expect(waiting.waiting[0]?.state).toBe('AwaitDecision');
      expect(returned.status).toBe('SUCCEEDED');
      expect(JSON.parse(returned.output ?? '{}')).toMatchObject({ outcome: 'returned' });
    } finally {
      await original.stop();
      await edited.stop();
    }
  });
});
