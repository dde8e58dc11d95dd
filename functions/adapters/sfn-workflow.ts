import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Workflow } from '../core/ports.js';
import { cachedClient, once } from './clients.js';
import { requiredEnv } from './env.js';

const sfn = cachedClient('AWS_ENDPOINT_URL_SFN', () => new SFNClient({}));

export const workflow = once(() => new StepFunctionsWorkflow(requiredEnv('STATE_MACHINE_ARN')));

/** The approval workflow in Step Functions; executions are named after the request, so starting twice is safe. */
export class StepFunctionsWorkflow implements Workflow {
  constructor(private readonly stateMachineArn: string) {}

  async start(requestId: string): Promise<void> {
    try {
      await sfn().send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: requestId,
          input: JSON.stringify({ requestId }),
        }),
      );
    } catch (error) {
      // Same name, same input: AWS answers with the running execution; a finished one is also fine.
      if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
    }
  }

  async resume(taskToken: string, step: unknown): Promise<void> {
    await sfn().send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(step) }));
  }
}
