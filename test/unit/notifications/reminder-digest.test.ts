import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closedDigestHours,
  DIGEST_GRACE_MS,
  type DigestEntry,
  deciderNotifications,
  digestClosesAt,
  digestHour,
  emailParts,
  gsm7Length,
  placeReminder,
  reminderDigest,
  SMS_MAX_LENGTH,
} from '../../../functions/core/notifications/notifications.js';
import { text } from '../../../functions/core/shared/text.js';
import { OPENED_AT, request, sku, TAMPO } from './fixtures.js';

const VERIFY = text('Verifikasi berkas oleh operator desa', 'Village operator checks the application');
const SIGN = text('Tanda tangan Kepala Desa', 'Village head signs');

/** A reminder held for a Tampo operator, opened at 10:xx WIB on 22 November. */
const held = (overrides: Partial<DigestEntry> = {}): DigestEntry => ({
  requestId: '01JDEMO0000000000000000001',
  villageCode: TAMPO,
  at: '2026-11-22T03:10:00.000Z',
  serviceCode: 'SKU',
  trackingCode: 'DD-AAAA-AAAA',
  stage: VERIFY,
  dueAt: '2026-11-22T07:10:00.000Z',
  ...overrides,
});
/** The digest of 10:00–11:00 WIB goes at 11:05 WIB. */
const SENT_AT = new Date('2026-11-22T04:05:00.000Z');

describe('the hour of a reminder', () => {
  it('is its UTC clock hour, and its digest closes two minutes after the hour', () => {
    expect(digestHour('2026-11-22T03:59:59.999Z')).toBe('2026-11-22T03');
    expect(digestHour('2026-11-22T04:00:00.000Z')).toBe('2026-11-22T04');
    expect(digestClosesAt('2026-11-22T03').toISOString()).toBe('2026-11-22T04:02:00.000Z');
    expect(DIGEST_GRACE_MS).toBe(120_000);
  });

  it('lists the latest closed hours for a run, oldest first', () => {
    expect(closedDigestHours(new Date('2026-11-22T04:05:00.000Z'), 3)).toEqual([
      '2026-11-22T01',
      '2026-11-22T02',
      '2026-11-22T03',
    ]);
    // At 04:01 the hour 03 still takes reminders: its digest is not read yet.
    expect(closedDigestHours(new Date('2026-11-22T04:01:00.000Z'), 1)).toEqual(['2026-11-22T02']);
    // Across midnight (UTC) and a month's end.
    expect(closedDigestHours(new Date('2026-12-01T00:30:00.000Z'), 2)).toEqual([
      '2026-11-30T22',
      '2026-11-30T23',
    ]);
  });
});

describe('where a reminder goes: the first of the hour at once, the later ones into the digest', () => {
  const reminder = { id: 'second', at: '2026-11-22T03:20:00.000Z' };
  const during = new Date('2026-11-22T03:20:01.000Z');
  const pending = { firstId: 'first', status: 'pending' } as const;

  it("opens the person's digest of the hour when there is none: whoever creates it is the first", () => {
    expect(placeReminder(reminder, undefined, during)).toBe('open');
  });

  it('holds a later reminder of the hour for the digest', () => {
    expect(placeReminder(reminder, pending, during)).toBe('batch');
  });

  it('delivers the first one again when its task is redelivered (the outbox sends it once)', () => {
    expect(placeReminder({ ...reminder, id: 'first' }, pending, during)).toBe('deliver');
  });

  it('delivers at once when the digest already went, or its hour has closed', () => {
    for (const status of ['sending', 'sent', 'sent-local', 'failed'] as const) {
      expect(placeReminder(reminder, { firstId: 'first', status }, during)).toBe('deliver');
    }
    const closed = digestClosesAt(digestHour(reminder.at));
    expect(placeReminder(reminder, pending, new Date(closed.getTime() - 1))).toBe('batch');
    expect(placeReminder(reminder, pending, closed)).toBe('deliver');
    expect(placeReminder(reminder, undefined, closed)).toBe('deliver');
  });
});

describe("a decider's digest of the hour", () => {
  it('says in one SMS how many more requests wait, by service and tracking code, earliest due first', () => {
    // Prepare: the second one is due earlier
    const entries = [
      held(),
      held({
        trackingCode: 'DD-BBBB-BBBB',
        serviceCode: 'SKTM',
        at: '2026-11-22T03:40:00.000Z',
        dueAt: '2026-11-22T05:40:00.000Z',
      }),
    ];
    // Act
    const message = reminderDigest(entries, 'sms', SENT_AT);
    // Assess
    expect(message.id).toBe(
      'Desa Digital: 2 permohonan lagi menunggu Anda (SKTM DD-BBBB-BBBB, SKU DD-AAAA-AAAA). Batas terdekat 12:40 WIB.',
    );
    expect(message.en).toBe(
      'Desa Digital: 2 more requests waiting for you (SKTM DD-BBBB-BBBB, SKU DD-AAAA-AAAA). Earliest due 12:40 WIB.',
    );
  });

  it('names as many as fit in one part and counts the others, for any number of reminders', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            serviceCode: fc.constantFrom('SKU', 'SKTM', 'SKD', 'IUMK', 'SPM', 'AKTALAHIR'),
            trackingCode: fc.stringMatching(/^DD-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
            dueMinutes: fc.integer({ min: 1, max: 7 * 24 * 60 }),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        (reminders) => {
          const entries = reminders.map((reminder) =>
            held({
              serviceCode: reminder.serviceCode,
              trackingCode: reminder.trackingCode,
              dueAt: new Date(SENT_AT.getTime() + reminder.dueMinutes * 60_000).toISOString(),
            }),
          );
          const message = reminderDigest(entries, 'sms', SENT_AT);
          for (const sms of [message.id, message.en]) {
            expect(gsm7Length(sms)).toBeLessThanOrEqual(SMS_MAX_LENGTH);
            const named = sms.match(/DD-[0-9A-Z]{4}-[0-9A-Z]{4}/g) ?? [];
            const others = Number(/\+(\d+) (lainnya|more)/.exec(sms)?.[1] ?? 0);
            expect(named.length).toBeGreaterThan(0);
            expect(named.length + others).toBe(entries.length);
          }
          expect(message.id).toContain(`Desa Digital: ${entries.length} permohonan lagi menunggu Anda (`);
        },
      ),
    );
  });

  it('gives the date of the earliest due time when it is not the day the digest is sent', () => {
    const message = reminderDigest([held({ dueAt: '2026-11-23T02:00:00.000Z' })], 'sms', SENT_AT);
    expect(message.id).toBe(
      'Desa Digital: 1 permohonan lagi menunggu Anda (SKU DD-AAAA-AAAA). Batas terdekat 23/11 09:00 WIB.',
    );
    expect(message.en).toContain('1 more request waiting for you');
  });

  it('lists every request with its stage and due time by e-mail, and nothing of the applicants', () => {
    // Prepare
    const entries = Array.from({ length: 12 }, (_, n) =>
      held({
        trackingCode: `DD-${String(n).padStart(4, '0')}-XXXX`,
        stage: n % 2 ? SIGN : VERIFY,
        dueAt: new Date(Date.parse('2026-11-22T06:00:00.000Z') + n * 60_000).toISOString(),
      }),
    );
    // Act
    const { subject, body } = emailParts(reminderDigest(entries, 'email', SENT_AT));
    // Assess
    expect(subject.id).toBe('[Desa Digital] 12 permohonan lagi menunggu keputusan Anda');
    expect(subject.en).toBe('[Desa Digital] 12 more requests waiting for your decision');
    expect(body.id).toContain('- SKU DD-0000-XXXX: Verifikasi berkas oleh operator desa (batas 13:00 WIB)');
    expect(body.id).toContain('- SKU DD-0011-XXXX: Tanda tangan Kepala Desa (batas 13:11 WIB)');
    expect(body.en).toContain('- SKU DD-0001-XXXX: Village head signs (due 13:01 WIB)');
    expect(body.id.indexOf('DD-0000')).toBeLessThan(body.id.indexOf('DD-0011'));
    expect(body.id.match(/^- /gm)).toHaveLength(12);
  });

  it('is composed from what the reminders carry: service, tracking code, stage and due time', () => {
    // Act
    const [reminder] = deciderNotifications(
      request(),
      sku,
      { stageKey: 'verify', role: 'operator', dueAt: '2026-11-22T07:00:00.000Z' },
      [{ username: 'operator.tampo', role: 'operator', phone: '+6281100000101' }],
    );
    // Assess
    expect(reminder?.at).toBe(OPENED_AT);
    expect(reminder?.reminder).toEqual({
      serviceCode: 'SKU',
      trackingCode: 'DD-7K3M-Q9XA',
      stage: VERIFY,
      dueAt: '2026-11-22T07:00:00.000Z',
    });
    expect(JSON.stringify(reminder?.reminder)).not.toMatch(/Budi|3510061208900003/);
  });
});
