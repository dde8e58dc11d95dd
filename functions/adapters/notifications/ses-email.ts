import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { emailParts } from '../../core/notifications/notifications.js';
import type { LocalizedText } from '../../core/shared/text.js';
import { cachedClient } from '../clients.js';
import type { DeliveryChannel } from './channel.js';

const ses = cachedClient('AWS_ENDPOINT_URL_SESV2', () => new SESv2Client({}));

/**
 * E-mail through SES (API v2 SendEmail, simple content) from the deployment's sender, a verified SES identity
 * (the address or its domain). Plain text and HTML, Indonesian first, then English; the subject is the
 * Indonesian one (the first line of the composed message, see emailParts).
 */
export class SesEmail implements DeliveryChannel {
  constructor(private readonly sender: string) {}

  async deliver(to: string, message: LocalizedText): Promise<string> {
    const { subject, body } = emailParts(message);
    const result = await ses().send(
      new SendEmailCommand({
        FromEmailAddress: this.sender,
        Destination: { ToAddresses: [to] },
        Content: {
          Simple: {
            Subject: { Data: subject.id, Charset: 'UTF-8' },
            Body: {
              Text: {
                Data: `${body.id}\n\n--- English ---\n\n${subject.en}\n\n${body.en}`,
                Charset: 'UTF-8',
              },
              Html: { Data: html(subject, body), Charset: 'UTF-8' },
            },
          },
        },
      }),
    );
    return result.MessageId ?? '';
  }
}

/** A plain, accessible HTML rendering: one paragraph per block, line breaks kept, everything escaped. */
function html(subject: LocalizedText, body: LocalizedText): string {
  const paragraphs = (value: string) =>
    value
      .split(/\n{2,}/)
      .map((block) => `<p>${escapeHtml(block).replaceAll('\n', '<br>')}</p>`)
      .join('\n');
  return [
    '<!doctype html>',
    `<html lang="id"><head><meta charset="utf-8"><title>${escapeHtml(subject.id)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">',
    `<div lang="id">\n${paragraphs(body.id)}\n</div>`,
    '<hr>',
    `<div lang="en">\n<p><strong>${escapeHtml(subject.en)}</strong></p>\n${paragraphs(body.en)}\n</div>`,
    '</body></html>',
  ].join('\n');
}

const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
