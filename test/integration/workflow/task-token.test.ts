import { GetExecutionHistoryCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    // Wait until the workflow has taken the signal and stopped again: waiting, or ended.
    const history = await eventually('the workflow to take the forged signal and stop', async () => {
      const { events = [] } = await sfn.send(
        new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }),
      );
      const entered = events.flatMap((event) => event.stateEnteredEventDetails?.name ?? []);
      const ended = events.some(
        (event) => event.type?.startsWith('Execution') && event.type !== 'ExecutionStarted',
      );
      return ended || entered.filter((name) => name.includes('Await')).length > 1 ? events : undefined;
    });
    sfn.destroy();
    const after = await eventually('the request to settle again', async () => {
      const { body } = await citizen.get<RequestState>(`/v1/requests/${submitted.id}`);
      return ['SUBMITTED', 'CHECKING'].includes(body.status) ? undefined : body;
    });
    const items = (await tableItems(runtime)).map((item) => unmarshall(item as never));
    expect(items.some((item) => String(item.pk).startsWith('DOC#'))).toBe(false);
    expect(after.status).not.toBe('ISSUED');
    expect(after.status).not.toBe('APPROVED');
    expect(after.events.map((event) => event.type)).not.toContain('DECISION_APPROVE');
    // IssueDocument acts on the record, which no authorized decision approved: it refuses, and the
    // request ends FAILED, visibly, for the village to take up again (not silently approved).
    expect(after.status).toBe('FAILED');
    const states = history.flatMap((event) => event.stateEnteredEventDetails?.name ?? []);
    console.info(
      `after a forged signal: ${after.status}; states ${states.join(' → ')}; events ${after.events.map((e) => e.type).join(', ')}`,
    );
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
