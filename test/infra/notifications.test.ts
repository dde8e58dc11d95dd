import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import { type ResourceNeed, TABLE_NEEDS } from '../../functions/api/route-types.js';
import { Notifications, type NotificationsProps } from '../../lib/constructs/notifications.js';
import { PseudonymKey } from '../../lib/constructs/pseudonym-key.js';
import { ServiceFunction } from '../../lib/constructs/service-function.js';

const ENTRY = 'functions/api/list-services.ts'; // any existing handler module: nothing is bundled here
const SENDER = 'layanan@desa.example.id';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON
type Json = any;

/** The table grants a notifier needs: the outbox in the request's partition and the per-destination counts. */
const OUTBOX: ResourceNeed[] = [TABLE_NEEDS.requestWrites, TABLE_NEEDS.rateCounts];

/** A stack with one notifying function and one that only writes the table; nothing bundled. */
function synth(
  props: NotificationsProps = { sender: SENDER },
  needs: ResourceNeed[] = [...OUTBOX, 'notify', 'pseudonym:key'],
) {
  const stack = new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Test', {
    env: { region: 'ap-southeast-3', account: '111122223333' },
  });
  const table = new TableV2(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
  const notifications = new Notifications(stack, 'Notifications', props);
  const pseudonymKey = new PseudonymKey(stack, 'Pseudonyms').key;
  new ServiceFunction(stack, 'Notifying', { entry: ENTRY, needs }).bind({
    table,
    notifications,
    pseudonymKey,
  });
  new ServiceFunction(stack, 'Quiet', { entry: ENTRY, needs: OUTBOX }).bind({
    table,
    notifications,
  });
  const template = Template.fromStack(stack);
  const policies = Object.entries(template.findResources('AWS::IAM::Policy') as Record<string, Json>);
  const statementsOf = (fn: string): Json[] =>
    policies
      .filter(([id]) => id.startsWith(fn))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Json[]);
  return { template, statementsOf };
}

const actionsOf = (statement: Json): string[] => [statement.Action].flat();

describe('Notifications', () => {
  it('lets a notifying function publish SMS to phone numbers only: Allow on "*", Deny on every SNS ARN', () => {
    // Act
    const { statementsOf } = synth();
    // Assess
    const sns = statementsOf('Notifying').filter((s) => actionsOf(s).includes('sns:Publish'));
    expect(sns).toEqual([
      expect.objectContaining({
        Sid: 'SmsToPhoneNumbers',
        Effect: 'Allow',
        Action: 'sns:Publish',
        Resource: '*',
      }),
      expect.objectContaining({
        Sid: 'NoPublishToTopics',
        Effect: 'Deny',
        Action: 'sns:Publish',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] },
      }),
    ]);
    expect(
      statementsOf('Notifying')
        .flatMap(actionsOf)
        .filter((a) => a.startsWith('sns:')),
    ).toEqual(['sns:Publish', 'sns:Publish']);
  });

  it("lets it send e-mail only from the sender, through the sender's identity or its domain", () => {
    // Act
    const { statementsOf } = synth();
    // Assess
    const ses = statementsOf('Notifying').filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    expect(ses[0]).toMatchObject({
      Sid: 'EmailFromSender',
      Effect: 'Allow',
      Action: 'ses:SendEmail',
      Condition: { StringEquals: { 'ses:FromAddress': SENDER } },
    });
    const resources = JSON.stringify(ses[0].Resource);
    expect(resources).toContain(':ses:ap-southeast-3:111122223333:identity/layanan@desa.example.id');
    expect(resources).toContain(':ses:ap-southeast-3:111122223333:identity/desa.example.id');
    expect(resources).not.toContain('*');
  });

  it('switches the notifier to AWS delivery and names the sender in its environment', () => {
    const { template } = synth({ sender: SENDER, smsSenderId: 'DESADIGITAL' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          NOTIFY_DELIVERY: 'aws',
          SENDER_EMAIL: SENDER,
          SMS_SENDER_ID: 'DESADIGITAL',
          TABLE_NAME: Match.anyValue(),
        }),
      },
    });
  });

  it('grants nothing to send and sets no delivery to a function without notify', () => {
    // Act
    const { template, statementsOf } = synth();
    // Assess
    expect(
      statementsOf('Quiet')
        .flatMap(actionsOf)
        .filter((a) => /^(sns|ses):/.test(a)),
    ).toEqual([]);
    const quiet = Object.entries(
      template.findResources('AWS::Lambda::Function') as Record<string, Json>,
    ).find(([id]) => id.startsWith('Quiet'));
    expect(quiet?.[1].Properties.Environment.Variables.NOTIFY_DELIVERY).toBeUndefined();
  });

  it('grants no e-mail and sets no SENDER_EMAIL when no sender is configured', () => {
    // Act
    const { template, statementsOf } = synth({});
    // Assess
    expect(
      statementsOf('Notifying')
        .flatMap(actionsOf)
        .filter((a) => a.startsWith('ses:')),
    ).toEqual([]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ NOTIFY_DELIVERY: 'aws', SENDER_EMAIL: Match.absent() }) },
    });
  });

  it('refuses notify without the outbox and message-count grants, since the outbox is written first and messages are counted', () => {
    expect(() => synth({ sender: SENDER }, [TABLE_NEEDS.rateCounts, 'notify', 'pseudonym:key'])).toThrow(
      /notify without the outbox/,
    );
    expect(() => synth({ sender: SENDER }, [TABLE_NEEDS.requestWrites, 'notify', 'pseudonym:key'])).toThrow(
      /notify without the outbox/,
    );
  });

  it('refuses notify without pseudonym:key, since messages are counted per destination under a keyed pseudonym', () => {
    expect(() => synth({ sender: SENDER }, [...OUTBOX, 'notify'])).toThrow(/notify without pseudonym:key/);
  });

  it('refuses a sender that is not a plain e-mail address', () => {
    expect(() => synth({ sender: 'Desa Digital <layanan@desa.example.id>' })).toThrow(/plain e-mail address/);
  });

  it('refuses to bind notify when the stack gave no Notifications', () => {
    const stack = new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Bare');
    const table = new TableV2(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    const fn = new ServiceFunction(stack, 'Notifying', {
      entry: ENTRY,
      needs: [...OUTBOX, 'notify', 'pseudonym:key'],
    });
    expect(() => fn.bind({ table })).toThrow(/needs notifications/);
  });
});
