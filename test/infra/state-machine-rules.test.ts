import { beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOW_ENDINGS } from '../../functions/core/approvals/approvals.js';
import { synthesizeTemplate } from '../../lib/app.js';
import { type AslState, allStates } from '../../lib/local/stepfunctions/asl.js';
import type { CloudFormationTemplate } from '../../lib/local/stepfunctions/cloudformation.js';
import { resolveStateMachine } from '../../lib/local/stepfunctions/definition.js';

type Retrier = {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  BackoffRate?: number;
  MaxAttempts?: number;
  JitterStrategy?: string;
};
type Catcher = { ErrorEquals: string[]; Next: string };

/** Lambda's own transient failures: a Lambda task must retry each of them. */
const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

const isLambdaTask = (state: AslState) =>
  state.Type === 'Task' &&
  /^arn:[^:]+:(lambda:[^:]*:[^:]*:function:|states:::lambda:invoke)/.test(String(state.Resource));
const isHumanTask = (state: AslState) =>
  state.Type === 'Task' && String(state.Resource).endsWith('.waitForTaskToken');
const retriersOf = (state: AslState) => (state.Retry ?? []) as Retrier[];
const catchersOf = (state: AslState) => (state.Catch ?? []) as Catcher[];

/**
 * Rules every state of the synthesized approval workflow must keep, checked generically so that states added
 * later are held to them without touching this file: nothing waits forever, nothing fails silently, and a
 * transient failure is retried with backoff and jitter.
 */
describe('the synthesized state machine', () => {
  let definition: { TimeoutSeconds?: number; States: object };
  let states: [string, AslState][];

  beforeAll(() => {
    // Prepare: the definition exactly as deployed (intrinsics resolved), every state including nested ones
    const template = synthesizeTemplate() as unknown as CloudFormationTemplate;
    definition = resolveStateMachine(template, { region: 'ap-southeast-3' }).definition;
    states = allStates(definition);
  });

  const tasks = () => states.filter(([, state]) => state.Type === 'Task');

  it('has a global timeout on the execution', () => {
    expect(definition.TimeoutSeconds).toBeGreaterThan(0);
  });

  it('bounds every task with a timeout, static or from its input', () => {
    expect(tasks().length).toBeGreaterThan(0);
    for (const [name, state] of tasks()) {
      const bounded =
        (typeof state.TimeoutSeconds === 'number' && state.TimeoutSeconds > 0) ||
        typeof state.TimeoutSecondsPath === 'string';
      expect(bounded, `${name} has no TimeoutSeconds or TimeoutSecondsPath`).toBe(true);
    }
  });

  it('gives every human task a deadline and a path for when it passes', () => {
    const human = tasks().filter(([, state]) => isHumanTask(state));
    expect(human.length).toBeGreaterThan(0);
    for (const [name, state] of human) {
      expect(state.TimeoutSecondsPath ?? state.TimeoutSeconds, `${name} has no deadline`).toBeDefined();
      const onDeadline = catchersOf(state).find((catcher) => catcher.ErrorEquals.includes('States.Timeout'));
      expect(onDeadline, `${name} does not catch States.Timeout`).toBeDefined();
    }
  });

  it('retries Lambda service errors in every Lambda task, with exponential backoff and full jitter', () => {
    const lambda = tasks().filter(([, state]) => isLambdaTask(state));
    expect(lambda.length).toBeGreaterThan(0);
    for (const [name, state] of lambda) {
      const retried = retriersOf(state).flatMap((retrier) => retrier.ErrorEquals);
      for (const error of LAMBDA_SERVICE_ERRORS) {
        expect(
          retried.includes(error) || retried.includes('States.ALL'),
          `${name} does not retry ${error}`,
        ).toBe(true);
      }
      for (const retrier of retriersOf(state)) {
        const what = `${name} retrying ${retrier.ErrorEquals.join(', ')}`;
        expect(retrier.BackoffRate ?? 2, what).toBeGreaterThan(1);
        expect(retrier.IntervalSeconds ?? 1, what).toBeGreaterThanOrEqual(1);
        expect(retrier.MaxAttempts ?? 3, what).toBeGreaterThanOrEqual(2);
        expect(retrier.JitterStrategy, what).toBe('FULL');
      }
    }
  });

  it('catches every error of every task, Parallel and Map state, and each catcher leads to a real state', () => {
    const failing = states.filter(([, state]) => ['Task', 'Parallel', 'Map'].includes(state.Type));
    const names = new Set(states.map(([name]) => name));
    for (const [name, state] of failing) {
      const catchers = catchersOf(state);
      expect(catchers.at(-1)?.ErrorEquals, `${name} has no final catch-all (States.ALL)`).toEqual([
        'States.ALL',
      ]);
      for (const catcher of catchers)
        expect(names.has(catcher.Next), `${name} catches into ${catcher.Next}`).toBe(true);
    }
  });

  it('lists States.ALL only alone and last, in every Retry and Catch (as Step Functions requires)', () => {
    for (const [name, state] of states) {
      for (const list of [retriersOf(state), catchersOf(state)]) {
        list.forEach((entry, index) => {
          if (!entry.ErrorEquals.includes('States.ALL')) return;
          expect(entry.ErrorEquals, name).toEqual(['States.ALL']);
          expect(index, name).toBe(list.length - 1);
        });
      }
    }
  });

  it('catches an error by name only where a handler or the decision API ends a task with that name', () => {
    // Our own names (not States.* or Lambda.*): the endings of the human task, and TransientError (retried).
    const ours = (names: string[]) => names.filter((error) => !/^(States|Lambda)\./.test(error));
    const known = new Set<string>([...Object.values(WORKFLOW_ENDINGS), 'TransientError']);
    for (const [name, state] of states) {
      for (const error of ours(catchersOf(state).flatMap((catcher) => catcher.ErrorEquals)))
        expect(known.has(error), `${name} catches ${error}, which nothing ends a task with`).toBe(true);
    }
  });

  it('reaches an end from every state: the letter issued, the request closed, or the failure recorded', () => {
    const byName = new Map(states);
    const successors = (state: AslState): string[] => [
      ...(typeof state.Next === 'string' ? [state.Next] : []),
      ...catchersOf(state).map((catcher) => catcher.Next),
      ...((state.Choices ?? []) as { Next: string }[]).map((choice) => choice.Next),
      ...(typeof state.Default === 'string' ? [state.Default] : []),
    ];
    const ends = (state: AslState) => state.End === true || ['Succeed', 'Fail'].includes(state.Type);
    for (const [name] of states) {
      const seen = new Set<string>();
      const queue = [name];
      let reachesEnd = false;
      while (queue.length > 0 && !reachesEnd) {
        const current = byName.get(queue.pop() ?? '');
        if (!current) continue;
        reachesEnd = ends(current);
        for (const next of successors(current)) if (!seen.has(next) && seen.add(next)) queue.push(next);
      }
      expect(reachesEnd, `${name} never reaches an end state`).toBe(true);
    }
  });
});
