import { Names } from 'aws-cdk-lib';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { CfnSamplingRule } from 'aws-cdk-lib/aws-xray';
import { Construct } from 'constructs';

/**
 * How much of the traffic X-Ray records (issue 11, goal 4), and why this way:
 * - X-Ray bills per trace recorded ($5 per million). Its default rule records the first request of every
 *   second plus 5 % of the rest, and at a regency's volume (well under one request a second) that first-of-
 *   the-second reservoir is nearly every request: a trace per API call and per execution.
 * - Sampling rules are honoured by the services X-Ray lists as applying them: API Gateway REST APIs,
 *   AppSync, Step Functions, and SDK-instrumented compute (X-Ray developer guide, "Configuring sampling
 *   rules"). A Lambda function that starts a trace applies Lambda's own fixed rate (1 a second plus 5 %),
 *   which no rule changes, and an HTTP API does not trace at all.
 * So: every workflow execution is sampled by a rule scoped to this deployment's state machine, 5 % with no
 * reservoir (no first-of-the-second exception), and the task functions join the execution's trace, sampled
 * or not (a function with active tracing follows the decision it is handed). The API functions pass the
 * decision through instead of making one (PassThrough): the HTTP API never hands them a sampled one, so API
 * requests are not traced. Each API call is still recorded: the API's access log (request id, route, status,
 * latency, integration latency and error), Lambda's REPORT line, the functions' structured error and warning
 * logs; the workflow, where a request spends its life, keeps a sampled trace. Raising the rate (or adding
 * a rule of higher priority for one incident) changes the rule only, not the functions.
 */
export const TRACE_SAMPLING = {
  /** Fraction of workflow executions traced. */
  fixedRate: 0.05,
  /** Executions traced per second before the rate applies: none. */
  reservoirSize: 0,
  /** API requests traced: none (see above). */
  apiRequestRate: 0,
} as const;

export interface WorkflowTraceSamplingProps {
  readonly stateMachine: IStateMachine;
}

/** The sampling rule of one deployment's workflow: matches its state machine's ARN only. */
export class WorkflowTraceSampling extends Construct {
  readonly rule: CfnSamplingRule;

  constructor(scope: Construct, id: string, props: WorkflowTraceSamplingProps) {
    super(scope, id);
    this.rule = new CfnSamplingRule(this, 'Rule', {
      samplingRule: {
        // Rule names are unique per account and region and at most 32 characters.
        ruleName: Names.uniqueResourceName(this, { maxLength: 32, separator: '-' }),
        // Before the account's Default rule (10000) and after any rule an operator adds for an incident.
        priority: 9000,
        fixedRate: TRACE_SAMPLING.fixedRate,
        reservoirSize: TRACE_SAMPLING.reservoirSize,
        resourceArn: props.stateMachine.stateMachineArn,
        serviceType: 'AWS::StepFunctions::StateMachine',
        serviceName: '*',
        host: '*',
        httpMethod: '*',
        urlPath: '*',
        version: 1,
      },
    });
  }
}
