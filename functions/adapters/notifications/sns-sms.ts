import { type MessageAttributeValue, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { LocalizedText } from '../../core/shared/text.js';
import { cachedClient } from '../clients.js';
import type { DeliveryChannel } from './channel.js';

const sns = cachedClient('AWS_ENDPOINT_URL_SNS', () => new SNSClient({}));

export interface SnsSmsOptions {
  /**
   * Alphanumeric sender ID, where the destination country and the account's registration allow one.
   * @default - none: the carrier shows a number (each message starts with "Desa Digital:" instead)
   */
  readonly senderId?: string;
}

/**
 * SMS straight to a phone number through SNS Publish (no topic): Indonesian text only, transactional (the
 * applicant is waiting for it, so it is routed for reliability rather than price, and is not subject to
 * promotional opt-out hours). The number must be E.164 (normalizePhoneNumber). In AWS the account must be
 * out of the SMS sandbox and have a monthly spend limit that fits the village's volume.
 */
export class SnsSms implements DeliveryChannel {
  constructor(private readonly options: SnsSmsOptions = {}) {}

  async deliver(to: string, message: LocalizedText): Promise<string> {
    const attributes: Record<string, MessageAttributeValue> = {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    };
    if (this.options.senderId) {
      attributes['AWS.SNS.SMS.SenderID'] = { DataType: 'String', StringValue: this.options.senderId };
    }
    const result = await sns().send(
      new PublishCommand({ PhoneNumber: to, Message: message.id, MessageAttributes: attributes }),
    );
    return result.MessageId ?? '';
  }
}
