import type { Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResourceNeed, TableNeed } from '../../functions/api/route-types.js';
import { ROUTES } from '../../functions/api/routes.js';
import { SCHEDULED_JOBS } from '../../functions/workflow/scheduled-jobs.js';
import { WORKFLOW_TASKS } from '../../functions/workflow/tasks.js';
import { buildApp } from '../../lib/app.js';
import { ENTRY_METADATA_KEY } from '../../lib/constructs/service-function.js';
import { mergedTemplate } from '../support/templates.js';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON; the assertions check its shape
type Json = any;
type Resource = { Type: string; Properties: Record<string, Json>; Metadata?: Record<string, unknown> };

const DEPLOYMENT = 'jatim';

/** The public routes: none of them may read the whole table (issue 10, item 7). */
const PUBLIC_ROUTES = ROUTES.filter((route) => route.access === 'public');

const tableNeeds = (needs: readonly ResourceNeed[]): TableNeed[] =>
  needs.filter((need): need is TableNeed => typeof need === 'object');

/**
 * DynamoDB least privilege per function, in the synthesized stack: each function that declares TableNeeds
 * (next to its route or task) gets exactly those statements, with the partitions as a LeadingKeys
 * condition and indexes by name, and no table-wide grant. The expectation is derived from the same
 * declarations the construct reads, so a grant can neither drift from nor widen past its route's.
 */
describe('table grants per function', () => {
  let resources: Record<string, Resource>;
  let tableId: string;

  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
  const functionOf = (entry: string): Resource => {
    const found = ofType('AWS::Lambda::Function').find(
      ([, fn]) => fn.Metadata?.[ENTRY_METADATA_KEY] === entry,
    )?.[1];
    if (!found) throw new Error(`no function for ${entry}`);
    return found;
  };
  /** The function's Allow statements that name a DynamoDB action, actions as arrays. */
  const dynamoStatements = (entry: string): Json[] => {
    const roleId = functionOf(entry).Properties.Role['Fn::GetAtt'][0];
    return ofType('AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
      .filter((statement: Json) =>
        [statement.Action].flat().some((action: string) => action.startsWith('dynamodb:')),
      )
      .map((statement: Json) => ({ ...statement, Action: [statement.Action].flat() }));
  };
  const tableArn = () => ({ 'Fn::GetAtt': [tableId, 'Arn'] });
  const indexArn = (index: string) => ({ 'Fn::Join': ['', [tableArn(), `/index/${index}`]] });
  /** The statement a TableNeed should become. */
  const expected = (need: TableNeed): Json =>
    'indexes' in need
      ? {
          Effect: 'Allow',
          Action: need.table.map((action) => `dynamodb:${action}`),
          Resource:
            need.indexes.length === 1 ? indexArn(need.indexes[0] as string) : need.indexes.map(indexArn),
        }
      : {
          Effect: 'Allow',
          Action: need.table.map((action) => `dynamodb:${action}`),
          Resource: tableArn(),
          Condition: {
            'ForAllValues:StringLike': {
              'dynamodb:LeadingKeys': need.partitions.map((prefix) => `${prefix}*`),
            },
          },
        };
  const normalise = (statement: Json) => ({
    ...statement,
    Action: [statement.Action].flat().sort(),
    Resource: [statement.Resource].flat(),
    ...(statement.Condition
      ? {
          Condition: {
            'ForAllValues:StringLike': {
              'dynamodb:LeadingKeys': [statement.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys']]
                .flat()
                .sort(),
            },
          },
        }
      : {}),
  });
  const sortStatements = (statements: Json[]) =>
    statements.map(normalise).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  /** Every function of the stack with its declared needs: routes, workflow tasks, scheduled jobs. */
  const declared: {
    readonly name: string;
    readonly entry: string;
    readonly needs: readonly ResourceNeed[];
  }[] = [
    ...ROUTES.map((route) => ({ name: route.id, entry: route.entry, needs: route.needs })),
    ...Object.entries(WORKFLOW_TASKS).map(([name, task]) => ({ name, entry: task.entry, needs: task.needs })),
    ...Object.entries(SCHEDULED_JOBS).map(([name, job]) => ({ name, entry: job.entry, needs: job.needs })),
  ];

  beforeAll(() => {
    const app = buildApp({ deploymentId: DEPLOYMENT, bundling: false });
    resources = mergedTemplate(app.node.findChild(`DesaDigital-${DEPLOYMENT}`) as Stack).Resources;
    const tables = ofType('AWS::DynamoDB::GlobalTable');
    expect(tables).toHaveLength(1);
    tableId = tables[0]?.[0] ?? '';
  }, 300_000);

  it('keeps every public route from reading the whole table: each declares the partitions or indexes it uses', () => {
    const withTable = PUBLIC_ROUTES.filter((route) => route.needs.length > 0 && route.id !== 'getOpenApi');
    expect(withTable.map((route) => route.id).sort()).toEqual(
      [
        'listServices',
        'listVillages',
        'getVillage',
        'verifyDocument',
        'verifyDocumentUpload',
        'trackRequest',
        'listLegalProducts',
        'getLegalProduct',
        'getLegalProductText',
        'getJdihnFeed',
        // The village budget, published (art. 39, 72): Query of BUDGET#<village>#<year>, the village for the report.
        'getBudget',
        'getBudgetCsv',
        'getBudgetReport',
        'getBudgetReportPdf',
        // The UMKM market: Query of MARKET#<regency> (published products); a report's UpdateItem and rate counter;
        // a photo's product (GetItem), to serve only a published one's.
        'listMarketProducts',
        'reportMarketProduct',
        'getMarketPhoto',
        // Welfare statistics (issue 13): Query of SURVEY#<village> (counted, never shown), the desil pointer and rows.
        'getWelfareStatistics',
      ].sort(),
    );
    expect(dynamoStatements(ROUTES.find((route) => route.id === 'getOpenApi')?.entry ?? '')).toEqual([]);
  });

  it('grants each function exactly the statements its TableNeeds make, and nothing table-wide', () => {
    const narrowed = declared.filter((fn) => tableNeeds(fn.needs).length > 0);
    expect(narrowed.length).toBeGreaterThanOrEqual(PUBLIC_ROUTES.length);
    for (const fn of narrowed) {
      expect(sortStatements(dynamoStatements(fn.entry)), fn.name).toEqual(
        sortStatements(tableNeeds(fn.needs).map(expected)),
      );
    }
  });

  it('never grants Scan, a batch write, or every index, to any function of the stack', () => {
    const entries = ofType('AWS::Lambda::Function').flatMap(([, fn]) =>
      typeof fn.Metadata?.[ENTRY_METADATA_KEY] === 'string'
        ? [fn.Metadata[ENTRY_METADATA_KEY] as string]
        : [],
    );
    expect(entries.length).toBeGreaterThanOrEqual(declared.length);
    for (const fn of entries.map((entry) => ({ name: entry, entry }))) {
      const statements = dynamoStatements(fn.entry);
      const actions = statements.flatMap((statement) => statement.Action);
      expect(
        actions.filter((action: string) => /Scan|BatchWrite|PartiQL|\*/.test(action)),
        fn.name,
      ).toEqual([]);
      expect(JSON.stringify(statements), fn.name).not.toContain('/index/*');
      for (const statement of statements) {
        // On the table itself, always narrowed by partition; unconditioned only on named indexes, Query only.
        if (JSON.stringify(statement.Resource) === JSON.stringify(tableArn())) {
          expect(
            statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'],
            fn.name,
          ).toBeDefined();
        } else expect(statement.Action, fn.name).toEqual(['dynamodb:Query']);
      }
    }
  });

  it('lets public verification get a document, its hash record and its village, and count its rate limits, nothing else', () => {
    const entry = ROUTES.find((route) => route.id === 'verifyDocumentUpload')?.entry ?? '';
    expect(sortStatements(dynamoStatements(entry))).toEqual(
      sortStatements([
        {
          Effect: 'Allow',
          Action: ['dynamodb:GetItem'],
          Resource: tableArn(),
          Condition: {
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['DOC#*', 'DOCHASH#*', 'VILLAGE#*'] },
          },
        },
        {
          Effect: 'Allow',
          Action: ['dynamodb:UpdateItem'],
          Resource: tableArn(),
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RATE#*'] } },
        },
      ]),
    );
  });

  it("lets a citizen's profile read get the profile partition only", () => {
    const entry = ROUTES.find((route) => route.id === 'getMe')?.entry ?? '';
    expect(sortStatements(dynamoStatements(entry))).toEqual(
      sortStatements([
        {
          Effect: 'Allow',
          Action: ['dynamodb:GetItem'],
          Resource: tableArn(),
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['USER#*'] } },
        },
      ]),
    );
  });

  it("lets the reconciler query the inbox, directory and pending-signal indexes, read requests, villages and requests' service versions, and write requests and message counts only", () => {
    expect(sortStatements(dynamoStatements(SCHEDULED_JOBS.Reconcile.entry))).toEqual(
      sortStatements([
        {
          Effect: 'Allow',
          Action: ['dynamodb:Query'],
          Resource: [indexArn('gsi1'), indexArn('gsi2'), indexArn('gsi5')],
        },
        {
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:Query'],
          Resource: tableArn(),
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['REQ#*', 'VILLAGE#*'] } },
        },
        {
          Effect: 'Allow',
          Action: ['dynamodb:GetItem'],
          Resource: tableArn(),
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SERVICEVERSION#*'] } },
        },
        {
          Effect: 'Allow',
          Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
          Resource: tableArn(),
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['REQ#*'] } },
        },
        {
          Effect: 'Allow',
          Action: ['dynamodb:UpdateItem'],
          Resource: tableArn(),
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RATE#*'] } },
        },
      ]),
    );
  });

  it('lets anonymous tracking write nothing but its rate-limit counters', () => {
    const entry = ROUTES.find((route) => route.id === 'trackRequest')?.entry ?? '';
    const writes = dynamoStatements(entry).filter((statement) =>
      statement.Action.some((action: string) => /Put|Update|Delete/.test(action)),
    );
    expect(
      writes.flatMap((statement) => statement.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys']),
    ).toEqual(['RATE#*']);
  });
});
