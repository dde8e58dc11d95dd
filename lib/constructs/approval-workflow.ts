import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Errors,
  Fail,
  IntegrationPattern,
  JitterType,
  JsonPath,
  LogLevel,
  Pass,
  Result,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke, type LambdaInvokeProps } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { WORKFLOW_TASKS, type WorkflowTaskName } from '../../functions/workflow/tasks.js';
import { ServiceFunction, type ServiceResources } from './service-function.js';
import { WorkflowTraceSampling } from './trace-sampling.js';

export interface ApprovalWorkflowProps {
  /** What the task functions may be granted (by their `needs`); the state machine itself is added here. */
  readonly resources: Omit<ServiceResources, 'stateMachine'>;
  /** Base URL of the web front end: issued letters carry a QR code to `${publicBaseUrl}/verify.html#<documentId>`. */
  readonly publicBaseUrl: string;
  /**
   * Longest a request may stay in the workflow, across all stages and escalations.
   * @default Duration.days(30)
   */
  readonly timeout?: Duration;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/** Transient failures of the Lambda service itself (not of our code): always worth retrying. */
const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.Unknown',
];
/** The error name handlers throw for failures that may pass on retry (throttling, a registry timeout). */
const TRANSIENT_ERROR = 'TransientError';
const RETRY = {
  interval: Duration.seconds(2),
  backoffRate: 2,
  maxAttempts: 5,
  jitterStrategy: JitterType.FULL,
};

/**
 * Per task: how long the state waits for the function, and the function's own size and timeout (always
 * shorter than the task's, so the function reports its own timeout instead of being abandoned).
 * AwaitDecision has no fixed task timeout: it waits for a person, up to the stage's deadline.
 */
const TASKS: Record<WorkflowTaskName, { taskTimeout?: Duration; timeout?: Duration; memorySize?: number }> = {
  StartReview: { taskTimeout: Duration.seconds(30) },
  // Lists the stage's deciders in the user pool (every page of a role's group, cached per container) and
  // writes and sends one reminder each: more than the default 10 s allows on a cold container.
  AwaitDecision: { timeout: Duration.seconds(30) },
  RunChecks: { taskTimeout: Duration.seconds(60) },
  EscalateStage: { taskTimeout: Duration.seconds(30) },
  IssueDocument: { taskTimeout: Duration.seconds(60), timeout: Duration.seconds(30), memorySize: 1024 },
  RecordFailure: { taskTimeout: Duration.seconds(30) },
};

/**
 * The one generic approval workflow (Step Functions Standard), driven by the service catalog through the
 * task handlers: StartReview → RouteRequest ⇄ AwaitDecision (one human task per stage, escalated at its
 * deadline) → IssueDocument. State names are a contract: the local runtime and the handlers use them.
 *
 * Cost: a three-stage request takes about 9 billed transitions (StartReview, 4× RouteRequest,
 * 3× AwaitDecision, IssueDocument); there is deliberately no trailing Succeed state.
 */
export class ApprovalWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  /** The state machine's TimeoutSeconds: an execution that reaches it ends TIMED_OUT, without RecordFailure. */
  readonly timeout: Duration;
  readonly functions: Readonly<Record<WorkflowTaskName, ServiceFunction>>;
  /** 5 % of executions traced, no reservoir (trace-sampling.ts); the task functions follow each decision. */
  readonly traceSampling: WorkflowTraceSampling;

  constructor(scope: Construct, id: string, props: ApprovalWorkflowProps) {
    super(scope, id);

    const handlers = new Construct(this, 'Handlers');
    const functionOf = (name: WorkflowTaskName) =>
      new ServiceFunction(handlers, name, {
        entry: WORKFLOW_TASKS[name].entry,
        needs: WORKFLOW_TASKS[name].needs,
        timeout: TASKS[name].timeout,
        memorySize: TASKS[name].memorySize,
        logRetention: props.logRetention,
      }).bind(props.resources);
    this.functions = {
      StartReview: functionOf('StartReview'),
      AwaitDecision: functionOf('AwaitDecision'),
      RunChecks: functionOf('RunChecks'),
      EscalateStage: functionOf('EscalateStage'),
      IssueDocument: functionOf('IssueDocument'),
      RecordFailure: functionOf('RecordFailure'),
    };
    this.functions.IssueDocument.function.addEnvironment('PUBLIC_BASE_URL', props.publicBaseUrl);

    // Failure path: record why on the request (so it never hangs in a non-final status), then fail the
    // execution with the original error. RecordFailure's own output is discarded to keep `$.error`.
    const failed = new Fail(this, 'Failed', { errorPath: '$.error.Error', causePath: '$.error.Cause' });
    const recordFailure = this.invoke('RecordFailure', { resultPath: JsonPath.DISCARD })
      .addCatch(failed, { errors: [Errors.ALL], resultPath: '$.recordFailureError' })
      .next(failed);
    const onErrorRecord = <T extends LambdaInvoke>(task: T): T => {
      task.addCatch(recordFailure, { errors: [Errors.ALL], resultPath: '$.error' });
      return task;
    };

    const routeRequest = new Choice(this, 'RouteRequest');
    const startReview = onErrorRecord(this.invoke('StartReview')).next(routeRequest);

    // The human task: the function opens the stage (notifies, stores the token); the decision API resumes
    // it with SendTaskSuccess and a WorkflowStep, which becomes this state's output.
    const awaitDecision = this.invoke('AwaitDecision', {
      payloadResponseOnly: false,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        requestId: JsonPath.stringAt('$.requestId'),
        stage: JsonPath.objectAt('$.stage'),
        taskToken: JsonPath.taskToken,
      }),
      taskTimeout: Timeout.at('$.stage.deadlineSeconds'),
    });
    // The stage's deadline passed: escalate (the handler decides how) and route again. Must precede the
    // States.ALL catch: Step Functions uses the first matching catcher.
    const escalateStage = onErrorRecord(this.invoke('EscalateStage')).next(routeRequest);
    awaitDecision.addCatch(escalateStage, { errors: [Errors.TIMEOUT], resultPath: '$.timeout' });
    onErrorRecord(awaitDecision).next(routeRequest);

    // Registry checks (population, BPJS): a mismatch returns the request; either way, route again.
    const runChecks = onErrorRecord(this.invoke('RunChecks')).next(routeRequest);

    const issueDocument = onErrorRecord(
      this.invoke('IssueDocument', {
        payload: TaskInput.fromObject({ requestId: JsonPath.stringAt('$.requestId') }),
      }),
    );

    // A step without a known outcome is a bug in a handler: record it rather than leave the request hanging.
    // The presence check comes first because a Choice rule on a missing path is a runtime error.
    const unknownOutcome = new Pass(this, 'UnknownOutcome', {
      result: Result.fromObject({
        Error: 'UnknownOutcome',
        Cause: 'The workflow step returned no known outcome',
      }),
      resultPath: '$.error',
    }).next(recordFailure);
    const outcomeIs = (outcome: string) => Condition.stringEquals('$.outcome', outcome);
    routeRequest
      .when(Condition.isNotPresent('$.outcome'), unknownOutcome)
      .when(outcomeIs('await'), awaitDecision)
      .when(outcomeIs('check'), runChecks)
      .when(outcomeIs('approved'), issueDocument)
      .when(outcomeIs('closed'), new Succeed(this, 'Closed'))
      .otherwise(unknownOutcome);

    this.timeout = props.timeout ?? Duration.days(30);
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD, // human tasks wait for days: only Standard can
      definitionBody: DefinitionBody.fromChainable(startReview),
      timeout: this.timeout,
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, 'Logs', {
          retention: props.logRetention ?? RetentionDays.ONE_MONTH,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        level: LogLevel.ALL,
        includeExecutionData: false, // inputs and outputs carry NIKs and personal data: keep them out of logs
      },
    });
    this.traceSampling = new WorkflowTraceSampling(this, 'TraceSampling', {
      stateMachine: this.stateMachine,
    });
  }

  /** A Lambda task with the house retry policy: Lambda service errors and TransientError, with full jitter. */
  private invoke(name: WorkflowTaskName, props: Partial<LambdaInvokeProps> = {}): LambdaInvoke {
    const timeout = TASKS[name].taskTimeout;
    const task = new LambdaInvoke(this, name, {
      lambdaFunction: this.functions[name].function,
      // The bare function ARN as Resource; the state's output is the function's return value.
      payloadResponseOnly: true,
      retryOnServiceExceptions: false, // replaced by the explicit, jittered retry below
      ...(timeout ? { taskTimeout: Timeout.duration(timeout) } : {}),
      ...props,
    });
    task.addRetry({ errors: LAMBDA_SERVICE_ERRORS, ...RETRY });
    task.addRetry({ errors: [TRANSIENT_ERROR], ...RETRY });
    return task;
  }
}
