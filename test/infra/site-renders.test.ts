import type { Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/api/routes.js';
import { SCHEDULED_JOBS } from '../../functions/workflow/scheduled-jobs.js';
import { WORKFLOW_TASKS } from '../../functions/workflow/tasks.js';
import { buildApp } from '../../lib/app.js';
import { ENTRY_METADATA_KEY } from '../../lib/constructs/service-function.js';
import { mergedTemplate } from '../support/templates.js';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON
type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, unknown> };

/** The scheduled village website renders in the stack: when they run, what they may do, who marks sites stale. */
describe('the site renders in the stack', () => {
  let resources: Record<string, Resource>;
  const job = SCHEDULED_JOBS.RenderSites;

  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
  const entries = () =>
    ofType('AWS::Lambda::Function').flatMap(([, fn]) => {
      const entry = fn.Metadata?.[ENTRY_METADATA_KEY];
      return typeof entry === 'string' ? [entry] : [];
    });
  const functionIdOf = (entry: string) => {
    const found = ofType('AWS::Lambda::Function').find(
      ([, fn]) => fn.Metadata?.[ENTRY_METADATA_KEY] === entry,
    );
    if (!found) throw new Error(`no function for ${entry}`);
    return found[0];
  };
  const statementsOf = (entry: string) => {
    const roleId = resources[functionIdOf(entry)]?.Properties.Role['Fn::GetAtt'][0];
    return ofType('AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
      .filter((statement) => statement.Effect === 'Allow');
  };
  /** The DynamoDB actions a function may take on the stale marks. */
  const markActions = (entry: string) =>
    statementsOf(entry)
      .filter((statement) =>
        [statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] ?? []]
          .flat()
          .includes('SITESTALE#*'),
      )
      .flatMap((statement) => [statement.Action].flat() as string[])
      .sort();

  beforeAll(() => {
    const app = buildApp({ deploymentId: 'jatim', bundling: false });
    resources = mergedTemplate(app.node.findChild('DesaDigital-jatim') as Stack).Resources;
  });

  it('runs every five minutes for the stale sites and daily after midnight WIB for all, with retries', () => {
    const functionId = functionIdOf(job.entry);
    const rules = ofType('AWS::Events::Rule')
      .filter(([, rule]) =>
        rule.Properties.Targets.some((target: { Arn: unknown }) =>
          JSON.stringify(target.Arn).includes(functionId),
        ),
      )
      .map(([, rule]) => ({
        schedule: rule.Properties.ScheduleExpression,
        state: rule.Properties.State,
        input: JSON.parse(rule.Properties.Targets[0].Input),
        retries: rule.Properties.Targets[0].RetryPolicy.MaximumRetryAttempts,
      }))
      .sort((a, b) => a.schedule.localeCompare(b.schedule));
    expect(rules).toEqual([
      { schedule: 'cron(5 17 * * ? *)', state: 'ENABLED', input: { all: true }, retries: 2 },
      { schedule: 'rate(5 minutes)', state: 'ENABLED', input: {}, retries: 2 },
    ]);
  });

  it('lets the job read, mark and clear the marks, read what a site shows and write the sites bucket only', () => {
    const statements = statementsOf(job.entry);
    const actions = statements.flatMap((statement) => [statement.Action].flat() as string[]);
    expect(markActions(job.entry)).toEqual(['dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    // The CDK put grant (PutObject and its variants, aborting uploads), on desa/* of the sites bucket only.
    const s3 = statements.filter((statement) =>
      [statement.Action].flat().some((a: string) => a.startsWith('s3:')),
    );
    expect(
      s3
        .flatMap((statement) => [statement.Action].flat())
        .every((a: string) => /^s3:(PutObject|Abort)/.test(a)),
    ).toBe(true);
    expect(JSON.stringify(s3.map((statement) => statement.Resource))).toMatch(/\/desa\/\*/);
    expect(actions.filter((action) => /^(states|sns|ses|cognito-idp|kms):/.test(action))).toEqual([]);
    const variables = resources[functionIdOf(job.entry)]?.Properties.Environment.Variables;
    expect(Object.keys(variables)).toEqual(expect.arrayContaining(['SITES_BUCKET', 'PUBLIC_BASE_URL']));
  });

  it('raises an alarm when a run fails', () => {
    const functionId = functionIdOf(job.entry);
    const alarms = ofType('AWS::CloudWatch::Alarm').filter(([, alarm]) =>
      JSON.stringify(alarm.Properties.Dimensions ?? []).includes(functionId),
    );
    expect(alarms.map(([, alarm]) => [alarm.Properties.MetricName, alarm.Properties.Threshold])).toEqual([
      ['Errors', 1],
    ]);
  });

  it('lets only the changes the site shows mark it stale (publication, earlier products, realisation), and only the job clear them', () => {
    const entryOf = (id: string) => ROUTES.find((route) => route.id === id)?.entry ?? '';
    const markers = [
      WORKFLOW_TASKS.AwaitDecision.entry,
      entryOf('enterExistingLegalProduct'),
      entryOf('putBudgetRealisation'),
    ];
    const marking = entries()
      .filter((entry) => markActions(entry).length > 0)
      .sort();
    expect(marking).toEqual([...markers, job.entry].sort());
    for (const entry of markers) expect(markActions(entry)).toEqual(['dynamodb:UpdateItem']);
  });
});
