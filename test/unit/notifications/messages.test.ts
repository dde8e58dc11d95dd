import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ServiceDefinition } from '../../../functions/core/catalog/types.js';
import {
  APPLICANT_SMS_STATUSES,
  type ApplicantContact,
  applicantChannels,
  applicantNotifications,
  composeApplicantMessages,
  deciderNotifications,
  emailParts,
  gsm7Length,
  maskAddress,
  normalizeEmail,
  normalizePhoneNumber,
  notificationId,
  SMS_MAX_LENGTH,
  timeZoneOfVillage,
  toGsm7,
} from '../../../functions/core/notifications/notifications.js';
import type { RequestEvent, ServiceRequest } from '../../../functions/core/requests/requests.js';
import type { Notification } from '../../../functions/core/shared/ports.js';
import { text } from '../../../functions/core/shared/text.js';
import { CONTACT, event, LETTER_NUMBER, OPENED_AT, request, sku } from './fixtures.js';

const TRACKING = 'DD-7K3M-Q9XA';
const issued = request({ status: 'ISSUED', document: { documentId: 'D', letterNumber: LETTER_NUMBER } });

/** One event per status the applicant hears about, with the request as the transition left it. */
const STATUS_CHANGES: [string, ServiceRequest, RequestEvent][] = [
  ['SUBMITTED', request({ status: 'SUBMITTED' }), event('SUBMITTED', 'SUBMITTED')],
  ['CHECKING', request({ status: 'CHECKING' }), event('CHECKING', 'CHECKS_STARTED')],
  ['IN_REVIEW', request(), event('IN_REVIEW', 'CHECKS_PASSED')],
  [
    'IN_REVIEW (stage 2)',
    request({ stageIndex: 1 }),
    event('IN_REVIEW', 'DECISION_APPROVE', { stage: 'verify' }),
  ],
  ['overdue', request({ stageIndex: 1 }), event('IN_REVIEW', 'STAGE_OVERDUE', { stage: 'sign' })],
  ['escalated', request({ stageIndex: 1 }), event('IN_REVIEW', 'ESCALATED', { stage: 'sign' })],
  [
    'RETURNED',
    request({ status: 'RETURNED' }),
    event('RETURNED', 'DECISION_RETURN', { stage: 'verify', note: 'Foto KTP buram, unggah ulang' }),
  ],
  [
    'REJECTED',
    request({ status: 'REJECTED' }),
    event('REJECTED', 'DECISION_REJECT', { stage: 'sign', note: 'Usaha tidak berada di wilayah desa' }),
  ],
  ['APPROVED', request({ status: 'APPROVED', stageIndex: 2 }), event('APPROVED', 'DECISION_APPROVE')],
  ['ISSUED', issued, event('ISSUED', 'DOCUMENT_ISSUED')],
  ['FAILED', request({ status: 'FAILED' }), event('FAILED', 'WORKFLOW_FAILED', { note: 'States.Timeout' })],
  ['CANCELLED', request({ status: 'CANCELLED' }), event('CANCELLED', 'CANCELLED')],
  ['EXPIRED', request({ status: 'EXPIRED' }), event('EXPIRED', 'EXPIRED')],
  ['EXPIRED (workflow timed out)', request({ status: 'EXPIRED' }), event('EXPIRED', 'WORKFLOW_TIMED_OUT')],
];

const compose = (req: ServiceRequest, ev: RequestEvent, contact: ApplicantContact = CONTACT) =>
  applicantNotifications(req, sku, ev, contact);
const smsOf = (notifications: Notification[]) => {
  const found = notifications.find((n) => n.channel === 'sms');
  if (!found) throw new Error('no SMS');
  return found;
};
const emailOf = (notifications: Notification[]) => {
  const found = notifications.find((n) => n.channel === 'email');
  if (!found) throw new Error('no e-mail');
  return found;
};
const allTexts = (notifications: Notification[]) =>
  notifications.flatMap((n) => [n.message.id, n.message.en]).join('\n');
/** The SMS text composed for an event, whether or not the policy sends it by SMS. */
const composedSms = (req: ServiceRequest, ev: RequestEvent, service: ServiceDefinition = sku) => {
  const composed = composeApplicantMessages(req, service, ev);
  if (!composed) throw new Error('nothing composed');
  return composed.sms;
};
/** The statuses of STATUS_CHANGES the applicant hears about by SMS: they must act or can collect. */
const BY_SMS = new Set(['RETURNED', 'REJECTED', 'ISSUED', 'EXPIRED', 'EXPIRED (workflow timed out)']);

describe('messages to the applicant on a status change', () => {
  it.each(STATUS_CHANGES)(
    '%s: an SMS text of one GSM-7 part in Indonesian with the tracking code (sent or not)',
    (_, req, ev) => {
      // Act
      const sms = composedSms(req, ev);
      // Assess
      expect(gsm7Length(sms.id)).toBeLessThanOrEqual(SMS_MAX_LENGTH);
      expect(gsm7Length(sms.en)).toBeLessThanOrEqual(SMS_MAX_LENGTH);
      expect(sms.id).toContain(TRACKING);
      expect(sms.id).toMatch(/^Desa Digital: /);
    },
  );

  it.each(STATUS_CHANGES)(
    '%s: an SMS only when the applicant must act or can collect, else the e-mail alone',
    (name, req, ev) => {
      // Act
      const notifications = compose(req, ev);
      // Assess
      const bySms = BY_SMS.has(name);
      expect(notifications.map((n) => n.channel)).toEqual(bySms ? ['sms', 'email'] : ['email']);
      if (bySms) {
        expect(smsOf(notifications)).toMatchObject({
          to: '+6281234567890',
          audience: { kind: 'applicant' },
          at: ev.at,
          message: composedSms(req, ev),
        });
      }
    },
  );

  it.each(STATUS_CHANGES)('%s: an e-mail, Indonesian and English, with the tracking code', (_, req, ev) => {
    // Act
    const email = emailOf(compose(req, ev));
    const { subject, body } = emailParts(email.message);
    // Assess
    expect(email.to).toBe('Budi.Santoso@example.co.id');
    expect(subject.id).toContain(`[${TRACKING}] Permohonan Surat Keterangan Usaha`);
    expect(subject.en).toContain(`[${TRACKING}] Your Business Certificate request`);
    expect(body.id).toContain(`Kode lacak: ${TRACKING}`);
    expect(body.en).toContain(`Tracking code: ${TRACKING}`);
  });

  it.each(STATUS_CHANGES)(
    "%s: never the applicant's NIK, family card, name or any 16-digit number",
    (_, req, ev) => {
      // Act
      const texts = allTexts(compose(req, ev));
      // Assess
      expect(texts).not.toMatch(/\d{16}/);
      expect(texts).not.toContain('3510061208900003');
      expect(texts).not.toContain('3510060101080007');
      expect(texts).not.toContain('Budi');
    },
  );

  it('says which stage a request in review is at', () => {
    // Act
    const email = emailOf(
      compose(request({ stageIndex: 1 }), event('IN_REVIEW', 'DECISION_APPROVE', { stage: 'verify' })),
    );
    // Assess
    expect(email.message.id).toContain('tahap 2/2: Tanda tangan Kepala Desa');
    expect(email.message.en).toContain('step 2/2: Village head signs');
  });

  it.each(['STAGE_OVERDUE', 'ESCALATED'])('apologises for the delay at the stage on %s', (type) => {
    // Act
    const req = request({ stageIndex: 1 });
    const ev = event('IN_REVIEW', type, { stage: 'sign' });
    const email = emailOf(compose(req, ev));
    // Assess: the e-mail goes (the applicant need not act); the SMS text stays composed
    expect(email.message.id).toContain('melewati batas waktu layanan di tahap "Tanda tangan Kepala Desa"');
    expect(email.message.en).toContain('passed the service deadline at the step "Village head signs"');
    expect(composedSms(req, ev).id).toContain('melewati batas waktu di tahap Tanda tangan Kepala Desa');
  });

  it('gives the reason and what to correct when the request is returned', () => {
    // Act
    const notifications = compose(
      request({ status: 'RETURNED' }),
      event('RETURNED', 'DECISION_RETURN', { note: 'Foto KTP buram, unggah ulang' }),
    );
    // Assess
    expect(smsOf(notifications).message.id).toContain(
      'dikembalikan, perbaiki: Foto KTP buram, unggah ulang. Lalu ajukan ulang.',
    );
    expect(emailOf(notifications).message.id).toContain(
      'Yang perlu diperbaiki: Foto KTP buram, unggah ulang',
    );
    expect(emailOf(notifications).message.en).toContain('What to correct: Foto KTP buram, unggah ulang');
  });

  it("prefers the event's bilingual reason, then the registry mismatches, for a returned request", () => {
    // Prepare
    const mismatch = {
      stage: 'population',
      registry: 'population' as const,
      subject: 'nik',
      outcome: 'mismatch' as const,
      reasons: [text('Nama tidak sesuai data Dukcapil', 'The name does not match Dukcapil records')],
      at: OPENED_AT,
    };
    // Act
    const bilingual = compose(
      request({ status: 'RETURNED' }),
      event('RETURNED', 'CHECK_FAILED', { message: text('Tanggal lahir keliru', 'Wrong birth date') }),
    );
    const fromChecks = compose(
      request({ status: 'RETURNED', checks: [mismatch] }),
      event('RETURNED', 'CHECK_FAILED'),
    );
    // Assess
    expect(smsOf(bilingual).message.id).toContain('perbaiki: Tanggal lahir keliru.');
    expect(emailOf(bilingual).message.en).toContain('What to correct: Wrong birth date');
    expect(smsOf(fromChecks).message.id).toContain('Nama tidak sesuai data Dukcapil');
    expect(emailOf(fromChecks).message.en).toContain('The name does not match Dukcapil records');
  });

  it('gives the reason when the request is rejected', () => {
    // Act
    const notifications = compose(
      request({ status: 'REJECTED' }),
      event('REJECTED', 'DECISION_REJECT', { note: 'Usaha tidak berada di wilayah desa' }),
    );
    // Assess
    expect(smsOf(notifications).message.id).toContain('ditolak. Alasan: Usaha tidak berada di wilayah desa.');
    expect(emailOf(notifications).message.id).toContain('Alasan: Usaha tidak berada di wilayah desa');
  });

  it('masks a NIK or phone number that staff typed into a reason', () => {
    // Act
    const notifications = compose(
      request({ status: 'RETURNED' }),
      event('RETURNED', 'DECISION_RETURN', {
        note: 'NIK 3510 0612 0890 0003 tidak cocok, hubungi 0812-3456-7890',
      }),
    );
    // Assess
    const texts = allTexts(notifications);
    expect(texts).toContain('NIK *** tidak cocok, hubungi ***');
    expect(texts.replace(/\D/g, ' ')).not.toMatch(/\d{10}/);
  });

  it('shortens a long reason at a word so the SMS stays one part, keeping the whole reason in the e-mail', () => {
    // Prepare
    const note = `${'Surat pengantar RT dan RW belum dilampirkan, '.repeat(6)}mohon lengkapi.`;
    // Act
    const notifications = compose(
      request({ status: 'RETURNED' }),
      event('RETURNED', 'DECISION_RETURN', { note }),
    );
    // Assess
    const sms = smsOf(notifications).message.id;
    expect(gsm7Length(sms)).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(sms).toMatch(/\w\.\.\. Lalu ajukan ulang\.$/);
    expect(sms).toContain('(DD-7K3M-Q9XA)');
    expect(emailOf(notifications).message.id).toContain(note);
  });

  it('keeps the SMS in GSM-7: typographic quotes, dashes, accents and emoji are replaced', () => {
    // Act
    const sms = smsOf(
      compose(
        request({ status: 'REJECTED' }),
        event('REJECTED', 'DECISION_REJECT', { note: '“Usaha” tidak aktif — cek ulang ✅ kāfe café' }),
      ),
    );
    // Assess
    expect(gsm7Length(sms.message.id)).toBeDefined();
    expect(sms.message.id).toContain('"Usaha" tidak aktif - cek ulang ? kafe café');
  });

  it('tells the letter number and where to get the letter once it is issued', () => {
    // Act
    const notifications = compose(issued, event('ISSUED', 'DOCUMENT_ISSUED'));
    // Assess
    expect(smsOf(notifications).message.id).toContain(
      `No. ${LETTER_NUMBER}. Ambil di kantor desa atau unduh di Desa Digital.`,
    );
    expect(emailOf(notifications).message.en).toContain(
      `with number ${LETTER_NUMBER}. Collect it at the village office`,
    );
  });

  it('says "we are on it" on a failure, without the technical error', () => {
    // Act
    const notifications = compose(
      request({ status: 'FAILED' }),
      event('FAILED', 'WORKFLOW_FAILED', { note: 'States.Timeout' }),
    );
    // Assess
    expect(notifications.map((n) => n.channel)).toEqual(['email']);
    expect(emailOf(notifications).message.id).toContain('Kami sedang menanganinya');
    expect(emailOf(notifications).message.en).toContain('We are on it');
    expect(allTexts(notifications)).not.toContain('States.Timeout');
  });

  it('tells the applicant nothing when a stage merely opens for its decider', () => {
    expect(compose(request(), event('IN_REVIEW', 'STAGE_OPENED', { stage: 'verify' }))).toEqual([]);
  });

  it('names the service by its code when its full name leaves no room', () => {
    // Prepare
    const longName = {
      ...sku,
      name: text(
        'Surat Keterangan Pengantar Perizinan Usaha Mikro Kecil dan Menengah Desa',
        'Cover Letter for a Micro, Small and Medium Enterprise Permit from the Village',
      ),
    } as ServiceDefinition;
    // Act
    const sms = composedSms(request(), event('FAILED', 'WORKFLOW_FAILED'), longName);
    // Assess
    expect(gsm7Length(sms.id)).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(sms.id).toContain('permohonan SKU (DD-7K3M-Q9XA)');
  });

  it('tells an applicant whose request timed out in the workflow that the village did not finish, not that they failed to correct', () => {
    // Act
    const [sms] = compose(request({ status: 'EXPIRED' }), event('EXPIRED', 'WORKFLOW_TIMED_OUT'));
    // Assess
    expect(sms?.channel).toBe('sms');
    expect(sms?.message.en).toContain('not completed within the time allowed');
    expect(sms?.message.id).not.toContain('perbaikan');
  });

  it('fits any reason a decider may write into one SMS part with the tracking code', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 1000, unit: 'grapheme' }),
        fc.constantFrom('RETURNED', 'REJECTED'),
        (note, status) => {
          const [sms] = compose(request({ status }), event(status, `DECISION_${status}`, { note }), {
            phone: '081234567890',
          });
          expect(gsm7Length(sms?.message.id ?? '')).toBeLessThanOrEqual(SMS_MAX_LENGTH);
          expect(sms?.message.id).toContain(TRACKING);
          expect(sms?.message.id).not.toMatch(/\d{10}/);
        },
      ),
    );
  });
});

describe('the channel policy (issue 11: SMS only when the applicant must act or can collect)', () => {
  it('sends by SMS the returned, rejected, issued and expired notices only', () => {
    expect([...APPLICANT_SMS_STATUSES].sort()).toEqual(['EXPIRED', 'ISSUED', 'REJECTED', 'RETURNED']);
  });

  it.each([
    ['ISSUED', { phone: true, email: true }, { sms: true, email: true }],
    ['RETURNED', { phone: true, email: false }, { sms: true, email: false }],
    ['REJECTED', { phone: false, email: true }, { sms: false, email: true }],
    // nobody can be told what they must hear: an SMS to nobody records it
    ['ISSUED', { phone: false, email: false }, { sms: true, email: false }],
    ['SUBMITTED', { phone: true, email: true }, { sms: false, email: true }],
    ['OVERDUE', { phone: true, email: true }, { sms: false, email: true }],
    // the tracking page is the only channel left: nothing is recorded
    ['APPROVED', { phone: true, email: false }, { sms: false, email: false }],
    ['FAILED', { phone: false, email: false }, { sms: false, email: false }],
  ] as const)('%s with contacts %o: %o', (status, contact, channels) => {
    expect(applicantChannels(status, contact)).toEqual(channels);
  });
});

describe("the applicant's contact", () => {
  const issuedEvent = event('ISSUED', 'DOCUMENT_ISSUED');

  it('sends only an SMS when only a phone number was given', () => {
    const notifications = compose(issued, issuedEvent, { phone: '+62 812 3456 7890' });
    expect(notifications.map((n) => [n.channel, n.to])).toEqual([['sms', '+6281234567890']]);
  });

  it('tells nothing that needs no action to an applicant who left only a phone number: the tracking page does', () => {
    expect(compose(request(), event('SUBMITTED', 'SUBMITTED'), { phone: '081234567890' })).toEqual([]);
  });

  it('sends only an e-mail when only an address was given', () => {
    const notifications = compose(issued, issuedEvent, { email: 'budi@example.com' });
    expect(notifications.map((n) => [n.channel, n.to])).toEqual([['email', 'budi@example.com']]);
  });

  it('still records a notification, to nobody, when the applicant left no contact', () => {
    const notifications = compose(issued, issuedEvent, {});
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ channel: 'sms', audience: { kind: 'applicant' } });
    expect(notifications[0]?.to).toBeUndefined();
  });

  it('records an unusable phone number as an SMS to nobody, beside the e-mail', () => {
    const notifications = compose(issued, issuedEvent, {
      phone: '021-555-1234',
      email: 'budi@example.com',
    });
    expect(notifications.map((n) => [n.channel, n.to])).toEqual([
      ['sms', undefined],
      ['email', 'budi@example.com'],
    ]);
  });

  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['081234567890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['62812 3456 7890', '+6281234567890'],
    ['(0812) 3456.7890', '+6281234567890'],
    ['0821 1234 567', '+628211234567'],
    ['0857-1234-56789', '+62857123456789'],
  ])('normalises the Indonesian mobile number %s to E.164 %s', (raw, e164) => {
    expect(normalizePhoneNumber(raw)).toBe(e164);
  });

  it.each(['021-555-1234', '0812', '+1 415 555 0100', '0812345678901234', 'bukan nomor', '+62 021 5551234'])(
    'refuses %s, which is not an Indonesian mobile number',
    (raw) => {
      expect(normalizePhoneNumber(raw)).toBeUndefined();
    },
  );

  it('lower-cases the domain of an e-mail address and refuses what is not one', () => {
    expect(normalizeEmail(' Siti@Desa.Example.ID ')).toBe('Siti@desa.example.id');
    expect(normalizeEmail('siti at example.id')).toBeUndefined();
    expect(normalizeEmail('siti@localhost')).toBeUndefined();
  });

  it('masks addresses for display', () => {
    expect(maskAddress('+6281234567890')).toBe('+62812****890');
    expect(maskAddress('budi@example.com')).toBe('b***@example.com');
  });
});

describe('the reminder to the next decider', () => {
  const waiting = { stageKey: 'verify', role: 'operator', dueAt: '2026-11-22T07:00:00.000Z' };
  const rina = {
    username: 'operator.tampo',
    role: 'operator',
    phone: '0811-0000-0101',
    email: 'operator.tampo@desa.example',
  } as const;

  it("goes to each decider by SMS with the deadline in the village's time", () => {
    // Act
    const [reminder, ...rest] = deciderNotifications(request(), sku, waiting, [rina]);
    // Assess
    expect(rest).toEqual([]);
    expect(reminder).toMatchObject({
      requestId: '01JDEMO0000000000000000000',
      villageCode: '35.10.06.2001',
      audience: { kind: 'role', role: 'operator', username: 'operator.tampo' },
      channel: 'sms',
      to: '+6281100000101',
      at: OPENED_AT,
    });
    expect(reminder?.message.id).toBe(
      'Desa Digital: 1 permohonan SKU (DD-7K3M-Q9XA) menunggu Anda: Verifikasi berkas oleh operator desa. Batas waktu 14:00 WIB.',
    );
    expect(reminder?.message.en).toContain(
      'is waiting for you: Village operator checks the application. Due 14:00 WIB.',
    );
  });

  it('writes an e-mail to a decider without a usable mobile number, and records one without any contact', () => {
    // Act
    const [byEmail, unreachable] = deciderNotifications(request(), sku, waiting, [
      {
        username: 'kesmas.banyuwangi',
        role: 'operator',
        phone: '021-555-0101',
        email: 'Ratna@Dinkes.Example',
      },
      { username: 'nobody.tampo', role: 'operator' },
    ]);
    // Assess
    expect(byEmail).toMatchObject({ channel: 'email', to: 'Ratna@dinkes.example' });
    const { subject, body } = emailParts(byEmail?.message ?? text('', ''));
    expect(subject.id).toBe('[DD-7K3M-Q9XA] Permohonan Surat Keterangan Usaha menunggu keputusan Anda');
    expect(body.id).toContain('"Verifikasi berkas oleh operator desa"');
    expect(body.id).toContain('Batas waktu: 14:00 WIB.');
    expect(body.id).not.toContain('Budi');
    expect(unreachable).toMatchObject({
      audience: { kind: 'role', role: 'operator', username: 'nobody.tampo' },
      reason: 'no-contact',
    });
    expect(unreachable?.to).toBeUndefined();
  });

  it('leaves one record without an address when nobody decides the stage', () => {
    const reminders = deciderNotifications(request(), sku, waiting, []);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({
      audience: { kind: 'role', role: 'operator' },
      reason: 'no-staff-for-stage',
    });
    expect(reminders[0]?.to).toBeUndefined();
  });

  it('gives the date when the deadline falls on another day, and the village time zone', () => {
    // Prepare: a village in Bali (WITA, UTC+8); opened 23:00 WITA, due 07:00 WITA the next day
    const bali = request({ villageCode: '51.08.01.2001', updatedAt: '2026-11-22T15:00:00.000Z' });
    // Act
    const [reminder] = deciderNotifications(bali, sku, { ...waiting, dueAt: '2026-11-22T23:00:00.000Z' }, [
      rina,
    ]);
    // Assess
    expect(reminder?.message.id).toContain('Batas waktu 23/11 07:00 WITA.');
  });

  it('names the role each decider decides in once the stage was escalated', () => {
    const reminders = deciderNotifications(
      request({ stageIndex: 1 }),
      sku,
      {
        stageKey: 'sign',
        role: 'village_head',
        actingRole: 'village_secretary',
        dueAt: '2026-11-22T11:00:00.000Z',
      },
      [
        { username: 'kades.tampo', role: 'village_head', phone: '+6281100000102' },
        { username: 'sekdes.tampo', role: 'village_secretary', phone: '+6281100000103' },
      ],
    );
    expect(reminders.map((n) => n.audience)).toEqual([
      { kind: 'role', role: 'village_head', username: 'kades.tampo' },
      { kind: 'role', role: 'village_secretary', username: 'sekdes.tampo' },
    ]);
    expect(reminders[0]?.message.id).toContain('menunggu Anda: Tanda tangan Kepala Desa');
  });

  it('is not sent when the request waits for the applicant to correct it', () => {
    expect(
      deciderNotifications(request(), sku, { ...waiting, stageKey: 'resubmission', role: 'citizen' }, [rina]),
    ).toEqual([]);
  });

  it.each([
    ['35.10.06.2001', 'WIB'],
    ['61.01.01.2001', 'WIB'],
    ['51.08.01.2001', 'WITA'],
    ['73.71.01.1001', 'WITA'],
    ['81.01.01.2001', 'WIT'],
    ['94.01.01.2001', 'WIT'],
  ])('knows village %s is in %s', (code, label) => {
    expect(timeZoneOfVillage(code).label).toBe(label);
  });
});

describe('notification identity', () => {
  const [sms, email] = applicantNotifications(issued, sku, event('ISSUED', 'DOCUMENT_ISSUED'), CONTACT);

  it('is the same for the same request, instant, audience and channel (a retried task)', () => {
    const [again] = applicantNotifications(issued, sku, event('ISSUED', 'DOCUMENT_ISSUED'), CONTACT);
    expect(sms && notificationId(sms)).toBe(again && notificationId(again));
  });

  it('differs by channel, audience (each decider apart) and instant', () => {
    if (!sms || !email) throw new Error('expected an SMS and an e-mail');
    const ids = new Set([
      notificationId(sms),
      notificationId(email),
      notificationId({ ...sms, audience: { kind: 'role', role: 'operator' } }),
      notificationId({ ...sms, audience: { kind: 'role', role: 'operator', username: 'operator.tampo' } }),
      notificationId({ ...sms, audience: { kind: 'role', role: 'operator', username: 'operator.sawoo' } }),
      notificationId({ ...sms, at: '2026-11-22T03:00:00.001Z' }),
    ]);
    expect(ids.size).toBe(6);
  });
});

describe('GSM-7', () => {
  it('counts extension characters twice and refuses what it cannot carry', () => {
    expect(gsm7Length('Rp 10.000')).toBe(9);
    expect(gsm7Length('[a]')).toBe(5);
    expect(gsm7Length('€')).toBe(2);
    expect(gsm7Length('✅')).toBeUndefined();
  });

  it('replaces typographic characters and folds accents', () => {
    expect(toGsm7('‘a’ – “b”… Ā\nc')).toBe('\'a\' - "b"... A c');
  });
});
