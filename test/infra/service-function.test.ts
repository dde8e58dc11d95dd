import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import { ServiceFunction } from '../../lib/constructs/service-function.js';

const ENTRY = 'functions/api/list-services.ts'; // any existing handler module: nothing is bundled here

/** A stack whose functions are never bundled (fast, no esbuild). */
const unbundledStack = () =>
  new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Test', {
    env: { region: 'ap-southeast-3' },
  });

describe('ServiceFunction', () => {
  it('grants read access and the table name for table:read, and nothing else', () => {
    // Prepare
    const stack = unbundledStack();
    const table = new TableV2(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    // Act
    new ServiceFunction(stack, 'Reader', { entry: ENTRY, needs: ['table:read'] }).bind({ table });
    // Assess
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ TABLE_NAME: Match.anyValue(), DOCUMENTS_BUCKET: Match.absent() }),
      },
    });
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('dynamodb:GetItem');
    expect(policies).not.toMatch(/dynamodb:(PutItem|UpdateItem|DeleteItem)|s3:|states:/);
  });

  it('refuses to bind when a needed resource is missing', () => {
    // Prepare
    const service = new ServiceFunction(unbundledStack(), 'Writer', {
      entry: ENTRY,
      needs: ['documents:write'],
    });
    // Act / Assess
    expect(() => service.bind({})).toThrow(/needs documents bucket/);
  });

  it('fails synthesis when a function with needs was never bound', () => {
    // Prepare
    const stack = unbundledStack();
    new ServiceFunction(stack, 'Forgotten', { entry: ENTRY, needs: ['table:read'] });
    // Act / Assess
    expect(() => Template.fromStack(stack)).toThrow(/bind\(\) was never called/);
  });
});
