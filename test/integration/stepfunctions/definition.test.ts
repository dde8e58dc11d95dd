import { describe, expect, it } from 'vitest';
import {
  MAX_TIMER_SECONDS,
  prepareForLocalRun,
  TIMEOUT_FIELD,
} from '../../../lib/local/stepfunctions/asl.js';
import type { CloudFormationTemplate } from '../../../lib/local/stepfunctions/cloudformation.js';
import { resolveStateMachine } from '../../../lib/local/stepfunctions/definition.js';
import { ENTRIES, workflowTemplate } from './fixtures/workflow-template.js';
import { REGION } from './harness.js';

const withEntry = (entry: string) => ({
  Type: 'AWS::Lambda::Function',
  Properties: {},
  Metadata: { 'DesaDigital:Entry': entry },
});

describe('resolveStateMachine', () => {
  it('resolves the intrinsics of the synthesized definition as AWS would in the given account and region', () => {
    const { definition, stateMachineArn } = resolveStateMachine(workflowTemplate(), {
      region: REGION,
      accountId: '123456789012',
    });

    expect(stateMachineArn).toBe(
      'arn:aws:states:ap-southeast-3:123456789012:stateMachine:WorkflowStateMachine193EF7C1',
    );
    expect(definition.States.CheckRequest).toMatchObject({
      Resource: 'arn:aws:lambda:ap-southeast-3:123456789012:function:CheckRequestFnA1B2C3D4',
    });
    expect(definition.States.AwaitDecision).toMatchObject({
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'arn:aws:lambda:ap-southeast-3:123456789012:function:OpenStageFnE5F6A7B8' },
    });
  });

  it('maps every Task state to the handler module of the function it invokes', () => {
    const { tasks } = resolveStateMachine(workflowTemplate(), { region: REGION });

    expect(tasks).toEqual({
      CheckRequest: {
        entry: ENTRIES.check,
        integration: 'payloadResponseOnly',
        waitForTaskToken: false,
        functionLogicalId: 'CheckRequestFnA1B2C3D4',
      },
      AwaitDecision: {
        entry: ENTRIES.review,
        integration: 'waitForTaskToken',
        waitForTaskToken: true,
        functionLogicalId: 'OpenStageFnE5F6A7B8',
      },
      IssueDocument: {
        entry: ENTRIES.issue,
        integration: 'requestResponse',
        waitForTaskToken: false,
        functionLogicalId: 'IssueDocumentFnC9D0E1F2',
      },
    });
  });

  it('finds the Task states inside Parallel branches and Map processors', () => {
    const template: CloudFormationTemplate = {
      Resources: {
        BranchFn: withEntry('functions/workflow/branch.ts'),
        ItemFn: withEntry('functions/workflow/item.ts'),
        Machine: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            Definition: {
              StartAt: 'Both',
              States: {
                Both: {
                  Type: 'Parallel',
                  End: true,
                  Branches: [
                    {
                      StartAt: 'Branch',
                      States: {
                        Branch: { Type: 'Task', Resource: { 'Fn::GetAtt': ['BranchFn', 'Arn'] }, End: true },
                      },
                    },
                    {
                      StartAt: 'Each',
                      States: {
                        Each: {
                          Type: 'Map',
                          End: true,
                          ItemProcessor: {
                            StartAt: 'Item',
                            States: {
                              Item: {
                                Type: 'Task',
                                // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
                                Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:states:::lambda:invoke' },
                                Parameters: { FunctionName: { Ref: 'ItemFn' }, 'Payload.$': '$' },
                                End: true,
                              },
                            },
                          },
                        },
                      },
                    },
                  ],
                },
              },
            },
          },
        },
      },
    };

    const { tasks } = resolveStateMachine(template, { region: REGION });

    expect(Object.fromEntries(Object.entries(tasks).map(([state, task]) => [state, task.entry]))).toEqual({
      Branch: 'functions/workflow/branch.ts',
      Item: 'functions/workflow/item.ts',
    });
  });

  it('refuses a Task whose function has no DesaDigital:Entry metadata, naming both', () => {
    const template = workflowTemplate();
    const { Metadata: _, ...withoutMetadata } = template.Resources.OpenStageFnE5F6A7B8 ?? { Type: '' };
    const edited = { Resources: { ...template.Resources, OpenStageFnE5F6A7B8: withoutMetadata } };

    expect(() => resolveStateMachine(edited, { region: REGION })).toThrow(
      /Task "AwaitDecision" invokes Lambda "OpenStageFnE5F6A7B8", which has no "DesaDigital:Entry" metadata/,
    );
  });

  it('refuses a template without exactly one state machine, and tasks that are not Lambda tasks', () => {
    const noMachine = { Resources: { Fn: withEntry('x.ts') } };
    const dynamoTask: CloudFormationTemplate = {
      Resources: {
        Machine: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            DefinitionString:
              '{"StartAt":"Put","States":{"Put":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","End":true}}}',
          },
        },
      },
    };

    expect(() => resolveStateMachine(noMachine, { region: REGION })).toThrow(/exactly one/);
    expect(() => resolveStateMachine(dynamoTask, { region: REGION })).toThrow(/only runs Lambda tasks/);
  });
});

describe('prepareForLocalRun', () => {
  it('evaluates TimeoutSecondsPath on the state input and keeps every timer within what Node can set', () => {
    const { definition } = resolveStateMachine(workflowTemplate(), { region: REGION });
    const thirtyDays = 30 * 24 * 3600;

    const prepared = prepareForLocalRun({ ...definition, TimeoutSeconds: thirtyDays });

    expect(prepared.TimeoutSeconds).toBe(MAX_TIMER_SECONDS);
    expect(prepared.States.AwaitDecision).toMatchObject({
      TimeoutSecondsPath: `$.${TIMEOUT_FIELD}`,
      Parameters: { [`${TIMEOUT_FIELD}.$`]: '$.stage.deadlineSeconds' },
    });
    expect(prepared.States.CheckRequest).toMatchObject({ TimeoutSeconds: MAX_TIMER_SECONDS }); // library default: 60 s
    expect(definition.States.AwaitDecision).toMatchObject({ TimeoutSecondsPath: '$.stage.deadlineSeconds' });
  });
});
