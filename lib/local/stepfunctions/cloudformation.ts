/**
 * Just enough of CloudFormation to read a synthesized stack locally: resolve the intrinsic functions CDK
 * writes into a state machine definition, with the values AWS would give them in one account and region.
 */

export interface CloudFormationResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

export interface CloudFormationTemplate {
  readonly Resources: Record<string, CloudFormationResource>;
}

export interface Environment {
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
}

export class UnsupportedIntrinsicError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedIntrinsicError';
  }
}

/** The ARN AWS gives a resource. Physical names are CloudFormation-generated in AWS; locally, the logical id. */
export function resourceArn(template: CloudFormationTemplate, logicalId: string, env: Environment): string {
  const resource = template.Resources[logicalId];
  if (!resource) throw new UnsupportedIntrinsicError(`Unknown resource "${logicalId}" in the template`);
  const { partition, region, accountId } = env;
  switch (resource.Type) {
    case 'AWS::Lambda::Function':
      return `arn:${partition}:lambda:${region}:${accountId}:function:${logicalId}`;
    case 'AWS::StepFunctions::StateMachine':
      return `arn:${partition}:states:${region}:${accountId}:stateMachine:${logicalId}`;
    case 'AWS::DynamoDB::Table':
      return `arn:${partition}:dynamodb:${region}:${accountId}:table/${logicalId}`;
    default: {
      const service = resource.Type.split('::')[1]?.toLowerCase() ?? 'unknown';
      return `arn:${partition}:${service}:${region}:${accountId}:${logicalId}`;
    }
  }
}

/** `Ref` of a resource: the ARN for the types whose Ref is their ARN, else the (local) physical name. */
function ref(template: CloudFormationTemplate, name: string, env: Environment): string {
  const pseudo: Record<string, string> = {
    'AWS::Partition': env.partition,
    'AWS::Region': env.region,
    'AWS::AccountId': env.accountId,
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': 'local',
  };
  const value = pseudo[name];
  if (value !== undefined) return value;
  const type = template.Resources[name]?.Type;
  if (type === 'AWS::StepFunctions::StateMachine' || type === 'AWS::SNS::Topic') {
    return resourceArn(template, name, env);
  }
  if (type === undefined) throw new UnsupportedIntrinsicError(`Ref to unknown "${name}"`);
  return name;
}

function getAtt(template: CloudFormationTemplate, args: unknown, env: Environment): string {
  const [logicalId, attribute] = typeof args === 'string' ? args.split('.') : (args as unknown[]);
  if (typeof logicalId !== 'string' || attribute !== 'Arn') {
    throw new UnsupportedIntrinsicError(
      `Fn::GetAtt ${JSON.stringify(args)}: only the Arn attribute is supported`,
    );
  }
  return resourceArn(template, logicalId, env);
}

/** `Fn::Sub` with `${Name}` and `${Name.Arn}` placeholders (the form with a variables map included). */
function sub(template: CloudFormationTemplate, args: unknown, env: Environment): string {
  const [text, variables] =
    typeof args === 'string' ? [args, {}] : (args as [string, Record<string, unknown>]);
  const substituted = text.replace(/\$\{([^}!][^}]*)\}/g, (_, name: string) => {
    if (name in variables) return String(resolveIntrinsics(template, variables[name], env));
    return name.includes('.') ? getAtt(template, name, env) : ref(template, name, env);
  });
  return substituted.replaceAll('${!', '${'); // `${!Literal}` is CloudFormation's escape for a literal `${`
}

/** Replaces every intrinsic function in `value` (recursively) by the value it stands for. */
export function resolveIntrinsics(
  template: CloudFormationTemplate,
  value: unknown,
  env: Environment,
): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveIntrinsics(template, item, env));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const [key, args] = entries[0] ?? [];
  if (entries.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::'))) {
    switch (key) {
      case 'Ref':
        return ref(template, String(args), env);
      case 'Fn::GetAtt':
        return getAtt(template, args, env);
      case 'Fn::Sub':
        return sub(template, args, env);
      case 'Fn::Join': {
        const [separator, parts] = args as [string, unknown[]];
        return parts.map((part) => resolveIntrinsics(template, part, env)).join(separator);
      }
      default:
        throw new UnsupportedIntrinsicError(`${key} is not supported by the local runtime`);
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveIntrinsics(template, v, env)]));
}
