import { Aws, Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface NotificationsProps {
  /**
   * The address e-mails to applicants are sent from. It must be a verified SES identity in the stack's
   * region, either the address itself or its domain (verify it in SES before deploying; SES also needs
   * production access to send to unverified recipients).
   * @default - no e-mail delivery: e-mail notifications are recorded in the outbox as undeliverable
   */
  readonly sender?: string;
  /**
   * Alphanumeric SMS sender ID, where the destination country and the account's registration allow one.
   * @default - none: carriers show a number; every SMS starts with "Desa Digital:"
   */
  readonly smsSenderId?: string;
}

/**
 * What delivering functions need to reach applicants: SNS Publish straight to phone numbers (SMS) and SES
 * SendEmail from the configured sender, plus the environment that switches the notifier to AWS delivery.
 * The outbox itself is the table (TABLE_NEEDS.requestWrites); this construct owns no resource.
 */
export class Notifications extends Construct {
  /** The verified sender address, when e-mail delivery is configured. */
  readonly sender?: string;
  private readonly smsSenderId?: string;

  constructor(scope: Construct, id: string, props: NotificationsProps = {}) {
    super(scope, id);
    if (props.sender !== undefined && !/^[^\s@<>]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(props.sender)) {
      throw new Error(`Notifications sender must be a plain e-mail address (got "${props.sender}")`);
    }
    this.sender = props.sender;
    this.smsSenderId = props.smsSenderId;
  }

  /**
   * Lets the function deliver notifications: environment (NOTIFY_DELIVERY=aws, SENDER_EMAIL, SMS_SENDER_ID)
   * and the two grants below.
   */
  grantDeliver(fn: LambdaFunction): void {
    fn.addEnvironment('NOTIFY_DELIVERY', 'aws');
    if (this.sender) fn.addEnvironment('SENDER_EMAIL', this.sender);
    if (this.smsSenderId) fn.addEnvironment('SMS_SENDER_ID', this.smsSenderId);

    // SMS: Publish with PhoneNumber has no resource to scope to (it is authorized against "*"), so the
    // Allow must be on "*". The Deny on every SNS ARN (topics, platform endpoints, in any account and
    // region) keeps that "*" to what it is for: messages to phone numbers, never a topic.
    fn.addToRolePolicy(
      new PolicyStatement({ sid: 'SmsToPhoneNumbers', actions: ['sns:Publish'], resources: ['*'] }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        sid: 'NoPublishToTopics',
        effect: Effect.DENY,
        actions: ['sns:Publish'],
        resources: [`arn:${Aws.PARTITION}:sns:*:*:*`],
      }),
    );

    // E-mail: only from the configured sender, through its identity (the address, or its verified domain).
    if (this.sender) {
      const domain = this.sender.slice(this.sender.indexOf('@') + 1);
      const identity = (name: string) =>
        Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: name });
      fn.addToRolePolicy(
        new PolicyStatement({
          sid: 'EmailFromSender',
          actions: ['ses:SendEmail'],
          resources: [identity(this.sender), identity(domain)],
          conditions: { StringEquals: { 'ses:FromAddress': this.sender } },
        }),
      );
    }
  }
}
