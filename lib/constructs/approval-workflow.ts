import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  Errors,
  Fail,
  IntegrationPattern,
  JitterType,
  JsonPath,
  LogLevel,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke, type LambdaInvokeProps } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { WORKFLOW_ENDINGS } from '../../functions/core/approvals/approvals.js';
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
  // Runs the registry checks on the way, lists the stage's deciders in the user pool (every page of a role's
  // group, cached per container) and writes and sends one reminder each: more than the default 10 s allows.
  AwaitDecision: { timeout: Duration.seconds(30) },
  EscalateStage: { taskTimeout: Duration.seconds(30) },
  IssueDocument: { taskTimeout: Duration.seconds(60), timeout: Duration.seconds(30), memorySize: 1024 },
  RecordFailure: { taskTimeout: Duration.seconds(30) },
};

/**
 * The one generic approval workflow (Step Functions Standard), driven by the service catalog through the
 * task handlers: AwaitDecision ⟲ (one human task per stage; its function runs the automated steps on the
 * way and opens the stage; a decision resumes it with the next step, and it loops to itself) until a final
 * decision ends the wait with the error `Approval.Complete` (caught into IssueDocument) or `Approval.Closed`
 * (caught into Closed). A stage's deadline times the task out into EscalateStage, which loops back.
 * State names are a contract: the local runtime and the handlers use them.
 *
 * Cost: N + 1 billed transitions for N human stages straight through (N× AwaitDecision, IssueDocument; no
 * Choice, no trailing Succeed); a return adds one (the correction's stage), an escalation two.
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
      AwaitDecision: functionOf('AwaitDecision'),
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

    // The human task: the function runs the automated steps, opens the stage (notifies, stores the token);
    // the decision API resumes it with SendTaskSuccess and the next WorkflowStep, which becomes this state's
    // output and the next stage's input. Its timer is the stage's deadline, armed on entering the state.
    const awaitDecision = this.invoke('AwaitDecision', {
      payloadResponseOnly: false,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        requestId: JsonPath.stringAt('$.requestId'),
        stage: JsonPath.objectAt('$.stage'),
        taskToken: JsonPath.taskToken,
        enteredAt: JsonPath.stringAt('$$.State.EnteredTime'),
      }),
      taskTimeout: Timeout.at('$.stage.deadlineSeconds'),
    });
    const issueDocument = onErrorRecord(
      this.invoke('IssueDocument', {
        payload: TaskInput.fromObject({ requestId: JsonPath.stringAt('$.requestId') }),
      }),
    );
    // A request that needs no one any more ends the wait (or the escalation) with a named error: caught
    // into IssueDocument or Closed. Every catcher comes before onErrorRecord's States.ALL: Step Functions
    // uses the first that matches.
    const closed = new Succeed(this, 'Closed');
    const onEnding = <T extends LambdaInvoke>(task: T): T =>
      task
        .addCatch(issueDocument, { errors: [WORKFLOW_ENDINGS.approved], resultPath: JsonPath.DISCARD })
        .addCatch(closed, { errors: [WORKFLOW_ENDINGS.closed], resultPath: JsonPath.DISCARD }) as T;
    // The deadline passed: the record says what is due (escalate, re-arm, or move on); then await again.
    const escalateStage = onErrorRecord(onEnding(this.invoke('EscalateStage'))).next(awaitDecision);
    awaitDecision.addCatch(escalateStage, { errors: [Errors.TIMEOUT], resultPath: '$.timeout' });
    onEnding(awaitDecision);
    onErrorRecord(awaitDecision).next(awaitDecision);

    this.timeout = props.timeout ?? Duration.days(30);
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD, // human tasks wait for days: only Standard can
      definitionBody: DefinitionBody.fromChainable(awaitDecision),
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
