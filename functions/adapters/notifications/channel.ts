import type { LocalizedText } from '../../core/shared/text.js';

/** One way of reaching a person (SMS, e-mail): hands the message over and returns the provider's message id. */
export interface DeliveryChannel {
  deliver(to: string, message: LocalizedText): Promise<string>;
}
