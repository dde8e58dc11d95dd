import { ENTRY_METADATA_KEY } from '../../constructs/service-function.js';
import { type AslDefinition, allStates, isPlainObject } from './asl.js';
import {
  type CloudFormationResource,
  type CloudFormationTemplate,
  type Environment,
  resolveIntrinsics,
  resourceArn,
} from './cloudformation.js';

/**
 * How a Task state calls its Lambda function, as CDK's LambdaInvoke writes it:
 * - payloadResponseOnly: `Resource` is the function ARN; the result is the function's return value.
 * - requestResponse: `arn:aws:states:::lambda:invoke`; the result is the Invoke response ({ Payload, ... }).
 * - waitForTaskToken: `arn:aws:states:::lambda:invoke.waitForTaskToken`; the function is invoked with
 *   `Parameters.Payload`, and the result is what SendTaskSuccess sends back for the task token.
 */
export type LambdaIntegration = 'payloadResponseOnly' | 'requestResponse' | 'waitForTaskToken';

export interface TaskBinding {
  /** The handler module, relative to the repository root (the function's `DesaDigital:Entry`). */
  readonly entry: string;
  readonly waitForTaskToken: boolean;
  readonly integration: LambdaIntegration;
  /** Logical id of the AWS::Lambda::Function the task invokes. */
  readonly functionLogicalId: string;
}

export interface ResolvedStateMachine {
  readonly definition: AslDefinition;
  /** By Task state name (state names are unique across a whole state machine, nested states included). */
  readonly tasks: Record<string, TaskBinding>;
  readonly stateMachineArn: string;
}

export interface ResolveOptions {
  readonly region: string;
  /** @default LOCAL_ACCOUNT_ID */
  readonly accountId?: string;
}

export const LOCAL_ACCOUNT_ID = '000000000000';

export class StateMachineResolutionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateMachineResolutionError';
  }
}

/**
 * Reads the one state machine of a synthesized stack: its definition with every intrinsic resolved as AWS
 * would, and for each Task state the handler module of the Lambda function it invokes. Running exactly what
 * CDK synthesized is what keeps the local runtime from drifting from the cloud.
 */
export function resolveStateMachine(
  template: CloudFormationTemplate,
  options: ResolveOptions,
): ResolvedStateMachine {
  const env: Environment = {
    region: options.region,
    accountId: options.accountId ?? LOCAL_ACCOUNT_ID,
    partition: 'aws',
  };
  const machines = Object.entries(template.Resources).filter(
    ([, resource]) => resource.Type === 'AWS::StepFunctions::StateMachine',
  );
  const [machine, ...others] = machines;
  if (!machine || others.length > 0) {
    throw new StateMachineResolutionError(
      `Expected exactly one AWS::StepFunctions::StateMachine in the template, found ${machines.length}`,
    );
  }
  const [logicalId, resource] = machine;
  const definition = readDefinition(template, resource, env);
  const tasks = Object.fromEntries(
    allStates(definition)
      .filter(([, state]) => state.Type === 'Task')
      .map(([name, state]) => [name, bindTask(template, name, state)]),
  );
  return { definition, tasks, stateMachineArn: resourceArn(template, logicalId, env) };
}

function readDefinition(
  template: CloudFormationTemplate,
  resource: CloudFormationResource,
  env: Environment,
): AslDefinition {
  const { DefinitionString, Definition, DefinitionSubstitutions } = resource.Properties ?? {};
  let text: string;
  if (DefinitionString !== undefined) text = String(resolveIntrinsics(template, DefinitionString, env));
  else if (Definition !== undefined) text = JSON.stringify(resolveIntrinsics(template, Definition, env));
  else throw new StateMachineResolutionError('The state machine has no DefinitionString or Definition');

  // DefinitionSubstitutions replace `${key}` in the definition text, as Step Functions does on deployment.
  const substitutions = (resolveIntrinsics(template, DefinitionSubstitutions ?? {}, env) ?? {}) as object;
  for (const [key, value] of Object.entries(substitutions))
    text = text.replaceAll(`\${${key}}`, String(value));

  const definition: unknown = JSON.parse(text);
  if (
    !isPlainObject(definition) ||
    typeof definition.StartAt !== 'string' ||
    !isPlainObject(definition.States)
  ) {
    throw new StateMachineResolutionError('The state machine definition has no StartAt or States');
  }
  return definition as unknown as AslDefinition;
}

function bindTask(
  template: CloudFormationTemplate,
  stateName: string,
  state: Record<string, unknown>,
): TaskBinding {
  const resource = String(state.Resource);
  const [integration, functionName] = lambdaOf(stateName, resource, state.Parameters);
  const functionLogicalId = findFunction(template, functionName);
  if (!functionLogicalId) {
    throw new StateMachineResolutionError(
      `Task "${stateName}" invokes "${functionName}", which is not an AWS::Lambda::Function of the template`,
    );
  }
  const entry = template.Resources[functionLogicalId]?.Metadata?.[ENTRY_METADATA_KEY];
  if (typeof entry !== 'string' || entry === '') {
    throw new StateMachineResolutionError(
      `Task "${stateName}" invokes Lambda "${functionLogicalId}", which has no "${ENTRY_METADATA_KEY}" metadata: ` +
        'the local runtime cannot tell which handler module to run (create the function with ServiceFunction)',
    );
  }
  return { entry, integration, waitForTaskToken: integration === 'waitForTaskToken', functionLogicalId };
}

function lambdaOf(stateName: string, resource: string, parameters: unknown): [LambdaIntegration, string] {
  const functionArn = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(resource);
  if (functionArn?.[1]) return ['payloadResponseOnly', functionArn[1]];

  const invoke = /^arn:[^:]+:states:::lambda:invoke(\.waitForTaskToken)?$/.exec(resource);
  if (!invoke) {
    throw new StateMachineResolutionError(
      `Task "${stateName}" uses "${resource}": the local runtime only runs Lambda tasks`,
    );
  }
  const name = isPlainObject(parameters) ? parameters.FunctionName : undefined;
  if (typeof name !== 'string') {
    throw new StateMachineResolutionError(
      `Task "${stateName}" needs a static Parameters.FunctionName (a dynamic FunctionName.$ cannot be mapped to a handler)`,
    );
  }
  return [invoke[1] ? 'waitForTaskToken' : 'requestResponse', functionNameOf(name)];
}

/** `arn:…:function:Name[:qualifier]`, `Name[:qualifier]` → `Name`. */
function functionNameOf(functionName: string): string {
  const afterFunction = functionName.split(':function:')[1] ?? functionName;
  return afterFunction.split(':')[0] ?? afterFunction;
}

/** Locally a function's name is its logical id, unless the template gives it a FunctionName. */
function findFunction(template: CloudFormationTemplate, name: string): string | undefined {
  const isFunction = (resource: CloudFormationResource | undefined) =>
    resource?.Type === 'AWS::Lambda::Function';
  if (isFunction(template.Resources[name])) return name;
  return Object.entries(template.Resources).find(
    ([, resource]) => isFunction(resource) && resource.Properties?.FunctionName === name,
  )?.[0];
}
