import {
  DescribeExecutionCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { type NextStep, WORKFLOW_ENDINGS } from '../core/approvals/approvals.js';
import type { ExecutionStatus, Workflow, WorkflowSignal } from '../core/shared/ports.js';
import { cachedClient, once } from './clients.js';
import { requiredEnv } from './env.js';

const sfn = cachedClient('AWS_ENDPOINT_URL_SFN', () => new SFNClient({}));

export const workflow = once(() => new StepFunctionsWorkflow(requiredEnv('STATE_MACHINE_ARN')));

/**
 * Step Functions' answers to SendTaskSuccess when no task waits for the token any more: it completed (the
 * signal went through before), timed out, or its execution ended. Sending again cannot help.
 */
const TOKEN_GONE = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/** The approval workflow in Step Functions; executions are named after the request, so starting twice is safe. */
export class StepFunctionsWorkflow implements Workflow {
  constructor(private readonly stateMachineArn: string) {}

  async start(requestId: string, first: NextStep): Promise<void> {
    try {
      await sfn().send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: requestId,
          input: JSON.stringify({ requestId, ...first }),
        }),
      );
    } catch (error) {
      // Same name, same input: AWS answers with the running execution; a finished one is also fine.
      if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
    }
  }

  async resume(taskToken: string, step: WorkflowSignal): Promise<'sent' | 'gone'> {
    const ending = step.outcome === 'approved' || step.outcome === 'closed' ? step.outcome : undefined;
    try {
      // A final step ends the wait with a named error the state machine catches: no Choice to route it.
      if (ending) {
        const cause = `request ${String(step.requestId)} ${ending}`;
        await sfn().send(new SendTaskFailureCommand({ taskToken, error: WORKFLOW_ENDINGS[ending], cause }));
      } else {
        await sfn().send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(step) }));
      }
      return 'sent';
    } catch (error) {
      if (TOKEN_GONE.has((error as Error).name)) return 'gone';
      throw error;
    }
  }

  async executionStatus(requestId: string): Promise<ExecutionStatus | undefined> {
    try {
      const execution = await sfn().send(
        new DescribeExecutionCommand({ executionArn: this.executionArn(requestId) }),
      );
      return execution.status;
    } catch (error) {
      if ((error as Error).name === 'ExecutionDoesNotExist') return undefined;
      throw error;
    }
  }

  /** arn:…:stateMachine:<machine> → arn:…:execution:<machine>:<execution name>. */
  private executionArn(name: string): string {
    return `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  }
}
