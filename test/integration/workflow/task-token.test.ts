import {
  GetExecutionHistoryCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOW_ENDINGS } from '../../../functions/core/approvals/approvals.js';
import { findService } from '../../../functions/core/catalog/index.js';
import { type RequestState, settled, submit } from '../../support/chain.js';
import { TAMPO } from '../../support/fixtures.js';
import {
  type ApiClient,
  eventually,
  signInAll,
  startTestRuntime,
  tableItems,
} from '../../support/runtime.js';
import { sampleApplication } from '../../support/samples.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;

/**
 * A workflow task token alone never authorizes a decision (issue 4): the token stays inside the platform
 * (never in a response), only the decision Lambdas may send it, and even a signal sent with a genuine token
 * but no authorized decision behind it cannot move the request: the workflow's tasks act on the record,
 * which only an authorized decision changes.
 */
describe('a task token on its own', () => {
  let runtime: Runtime;
  let citizen: ApiClient;
  let operator: ApiClient;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    [citizen, operator] = await signInAll(runtime, ['warga.tampo', 'operator.tampo']);
  });
  afterAll(() => runtime?.cleanup());

  it('is never shown to the people who can see the waiting request', async () => {
    const submitted = await submit(citizen, findService('SKU'), TAMPO, { ...sampleApplication('SKU') });
    await settled(citizen, submitted.id);
    const token = await taskTokenOf(submitted.id);
    for (const client of [citizen, operator]) {
      const { body } = await client.get(`/v1/requests/${submitted.id}`);
      expect(JSON.stringify(body)).not.toContain(token);
    }
  });

  it('cannot approve or issue: with a forged "approved" signal the workflow issues nothing and records the failure', async () => {
    const submitted = await submit(citizen, findService('SKU'), TAMPO, { ...sampleApplication('SKU') });
    await settled(citizen, submitted.id);
    const token = await taskTokenOf(submitted.id);
    const sfn = new SFNClient({ endpoint: runtime.env.AWS_ENDPOINT_URL_SFN });
    await sfn.send(
      new SendTaskSuccessCommand({
        taskToken: token,
        output: JSON.stringify({ requestId: submitted.id, outcome: 'approved' }),
      }),
    );
    // Wait until the workflow has taken the signal and moved past the waiting state.
    const executionArn = `${runtime.env.STATE_MACHINE_ARN?.replace(':stateMachine:', ':execution:')}:${submitted.id}`;
    // Wait until the workflow has taken the signal and ended: the signal carries no next stage to wait for.
    const history = await eventually('the workflow to take the forged signal and end', async () => {
      const { events = [] } = await sfn.send(
        new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }),
      );
      const ended = events.some(
        (event) => event.type?.startsWith('Execution') && event.type !== 'ExecutionStarted',
      );
      return ended ? events : undefined;
    });
    sfn.destroy();
    // The forged output names no stage to wait for: the execution fails at once (States.Runtime, which no
    // catcher takes), and the reconciler closes the request whose execution ended (here run by hand, as an
    // operator would, instead of waiting for the request to age past the execution timeout).
    expect(history.at(-1)?.type).toBe('ExecutionFailed');
    await runtime.reconcile({ executionTimeoutSeconds: 0 });
    const { body: after } = await citizen.get<RequestState>(`/v1/requests/${submitted.id}`);
    const items = (await tableItems(runtime)).map((item) => unmarshall(item as never));
    expect(items.some((item) => String(item.pk).startsWith('DOC#'))).toBe(false);
    expect(after.status).not.toBe('ISSUED');
    expect(after.status).not.toBe('APPROVED');
    expect(after.events.map((event) => event.type)).not.toContain('DECISION_APPROVE');
    // The request ends FAILED, visibly, for the village to take up again (not silently approved).
    expect(after.status).toBe('FAILED');
    const states = history.flatMap((event) => event.stateEnteredEventDetails?.name ?? []);
    console.info(
      `after a forged signal: ${after.status}; states ${states.join(' → ')}; events ${after.events.map((e) => e.type).join(', ')}`,
    );
  });

  it('cannot issue by ending the wait as a final approval would: IssueDocument refuses a request nobody approved', async () => {
    const submitted = await submit(citizen, findService('SKU'), TAMPO, { ...sampleApplication('SKU') });
    await settled(citizen, submitted.id);
    const sfn = new SFNClient({ endpoint: runtime.env.AWS_ENDPOINT_URL_SFN });
    await sfn.send(
      new SendTaskFailureCommand({
        taskToken: await taskTokenOf(submitted.id),
        error: WORKFLOW_ENDINGS.approved,
      }),
    );
    sfn.destroy();
    const after = await eventually('the request to be closed', async () => {
      const { body } = await citizen.get<RequestState>(`/v1/requests/${submitted.id}`);
      return body.status === 'IN_REVIEW' ? undefined : body;
    });
    expect(after.status).toBe('FAILED');
    expect(after.document).toBeUndefined();
    const items = (await tableItems(runtime)).map((item) => unmarshall(item as never));
    expect(items.some((item) => String(item.pk).startsWith('DOC#'))).toBe(false);
  });

  async function taskTokenOf(id: string): Promise<string> {
    const record = (await tableItems(runtime))
      .map((item) => unmarshall(item as never))
      .find((item) => item.pk === `REQ#${id}` && item.sk === 'META');
    const token = (record?.awaiting as { taskToken?: string } | undefined)?.taskToken;
    if (!token) throw new Error('no task token on the waiting request');
    return token;
  }
});
