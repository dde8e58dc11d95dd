import { FINAL_STATUSES, type RequestStatus } from '../../../functions/core/requests/requests.js';
import { api } from '../shared/api.js';
import { errorBox, errorText } from '../shared/chrome.js';
import { h, mount } from '../shared/dom.js';
import { flash } from '../shared/flash.js';
import { dateOnly } from '../shared/format.js';
import { label, translator } from '../shared/i18n.js';
import { t as caseText, field, reasonSelect, reportCase, summaryInput } from './cases.js';
import type { ConsoleContext } from './main.js';

/**
 * `#/putus-sekolah`: the village's children out of school (issue 13, item 3; Garda Ampuh), each with why they
 * are listed, Dapodik's or their case's "back in school", their case's state, and for a child with a NIK and
 * no open case the school-dropout report. The UPT picks the village in the header. Loaded on first use.
 */
const t = translator({
  title: ['Anak putus sekolah — {village}', 'Children out of school — {village}'],
  intro: [
    'Anak usia 7–18 tahun yang tidak bersekolah menurut kartu keluarga atau survei terakhir rumah tangganya. Yang sudah kembali sekolah tetap tercantum dan ditandai.',
    'Children aged 7–18 out of school by the family card or the latest survey of their household. Those back in school stay listed, marked.',
  ],
  counts: [
    'Masih putus sekolah: {out} · Sudah kembali sekolah: {back} (per {asOf})',
    'Still out of school: {out} · Back in school: {back} (as of {asOf})',
  ],
  none: ['Tidak ada anak putus sekolah tercatat.', 'No child out of school on record.'],
  age: ['{age} tahun', '{age} years old'],
  place: ['Dusun {hamlet} RT {rt}/RW {rw}', 'Hamlet {hamlet} RT {rt}/RW {rw}'],
  why: ['Tercatat dari: {sources}', 'Listed by: {sources}'],
  familyCard: ['kartu keluarga', 'the family card'],
  survey: ['survei {date}', 'the survey of {date}'],
  back: ['Sudah kembali sekolah: {school} ({date})', 'Back in school: {school} ({date})'],
  dapodik: ['Dapodik, sejak {date}', 'Dapodik, since {date}'],
  followed: ['Kasus dilaporkan {date}:', 'Case reported on {date}:'],
  openCase: ['Buka kasus', 'Open the case'],
  report: ['Laporkan kasus putus sekolah', 'Report a school dropout case'],
  noNik: [
    'Tanpa NIK: catat NIK-nya lewat survei untuk melaporkan kasus.',
    'No NIK: record it in a survey to report a case.',
  ],
  years: ['Pendampingan per tahun', 'Follow-up per year'],
  noYears: ['Belum ada kasus putus sekolah.', 'No school dropout case yet.'],
  year: ['Tahun', 'Year'],
  yearFollowed: ['Kasus dilaporkan', 'Cases reported'],
  yearBack: ['Kembali sekolah', 'Back in school'],
});

interface OutOfSchoolChild {
  readonly nik?: string;
  readonly name: string;
  readonly age: number;
  readonly hamlet?: string;
  readonly rt?: string;
  readonly rw?: string;
  readonly sources: readonly ('family-card' | 'survey')[];
  readonly surveyedOn?: string;
  readonly backInSchool?: { readonly school: string; readonly since: string };
  readonly followUp?: {
    readonly caseId: string;
    readonly status: RequestStatus;
    readonly openedOn: string;
    readonly backInSchool?: { readonly school: string; readonly on: string };
  };
}

interface OutOfSchoolList {
  readonly asOf: string;
  readonly children: readonly OutOfSchoolChild[];
  readonly counts: { readonly outOfSchool: number; readonly backInSchool: number };
  readonly years: readonly { year: number; followed: number; backInSchool: number }[];
}

/** Enumerators and teachers have no request page (#/r/…): their card shows the case's state alone. */
const readsRequests = (roles: readonly string[]) =>
  roles.some((role) => role !== 'enumerator' && role !== 'frontline_worker');

export async function outOfSchoolPage(root: HTMLElement, ctx: ConsoleContext): Promise<void> {
  const title = h('h1', null, t('title', { village: ctx.village.name }));
  let list: OutOfSchoolList;
  try {
    list = await api<OutOfSchoolList>(
      `/v1/villages/${encodeURIComponent(ctx.village.code)}/out-of-school-children`,
    );
  } catch (error) {
    mount(root, title, errorBox(error));
    return;
  }
  const reload = () => void outOfSchoolPage(root, ctx);
  mount(
    root,
    title,
    h('p', null, t('intro')),
    h(
      'p',
      { class: 'meta' },
      t('counts', {
        out: list.counts.outOfSchool,
        back: list.counts.backInSchool,
        asOf: dateOnly(list.asOf),
      }),
    ),
    list.children.length === 0
      ? h('p', { class: 'muted' }, t('none'))
      : h(
          'ul',
          { class: 'cards' },
          list.children.map((child) => card(child, ctx, reload)),
        ),
    yearTable(list.years),
  );
}

/** The last four digits only: enough to tell two children of one name apart. */
const maskedNik = (nik: string) => `${'•'.repeat(nik.length - 4)}${nik.slice(-4)}`;

function card(child: OutOfSchoolChild, ctx: ConsoleContext, reload: () => void): HTMLElement {
  const sources = child.sources.map((source) =>
    source === 'family-card' ? t('familyCard') : t('survey', { date: dateOnly(child.surveyedOn) }),
  );
  const place =
    child.hamlet === undefined
      ? null
      : t('place', { hamlet: child.hamlet, rt: child.rt ?? '–', rw: child.rw ?? '–' });
  const followUp = child.followUp;
  const back = followUp?.backInSchool
    ? t('back', { school: followUp.backInSchool.school, date: dateOnly(followUp.backInSchool.on) })
    : child.backInSchool
      ? t('back', {
          school: child.backInSchool.school,
          date: t('dapodik', { date: dateOnly(child.backInSchool.since) }),
        })
      : null;
  const openCase = followUp !== undefined && !FINAL_STATUSES.includes(followUp.status);
  return h(
    'li',
    { class: 'card' },
    h('h3', null, child.name),
    h(
      'p',
      null,
      [t('age', { age: child.age }), place, child.nik ? maskedNik(child.nik) : null]
        .filter((part) => part !== null)
        .join(' · '),
    ),
    h('p', { class: 'meta' }, t('why', { sources: sources.join(', ') })),
    back ? h('p', { class: 'notice' }, `✔ ${back}`) : null,
    followUp
      ? h(
          'p',
          null,
          t('followed', { date: dateOnly(followUp.openedOn) }),
          ' ',
          h('span', { class: `status status-${followUp.status}` }, label('status', followUp.status)),
          readsRequests(ctx.roles)
            ? [' ', h('a', { href: `#/r/${encodeURIComponent(followUp.caseId)}` }, t('openCase'))]
            : null,
        )
      : null,
    back || openCase
      ? null
      : child.nik
        ? reportForm(child.nik, ctx, reload)
        : h('p', { class: 'muted' }, t('noNik')),
  );
}

/** The school-dropout report for one child: the NIK comes from the list, never typed or shown. */
function reportForm(nik: string, ctx: ConsoleContext, reload: () => void): HTMLElement {
  const reason = reasonSelect();
  const summary = summaryInput();
  const send = h('button', { type: 'submit' }, caseText('send'));
  // One key per intended report: a retry after a lost answer returns the first case.
  const key = crypto.randomUUID();
  const form = h(
    'form',
    null,
    field(caseText('reason'), reason),
    field(caseText('summary'), summary),
    h('p', null, send),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    send.disabled = true;
    try {
      await reportCase(
        {
          kind: 'school-dropout',
          villageCode: ctx.village.code,
          summary: summary.value,
          child: { nik },
          reason: reason.value,
        },
        key,
      );
      flash(caseText('sent'));
      reload();
    } catch (error) {
      flash(errorText(error), 'error');
      send.disabled = false;
    }
  });
  return h('details', null, h('summary', null, t('report')), form);
}

function yearTable(years: OutOfSchoolList['years']): HTMLElement {
  return h(
    'section',
    null,
    h('h2', null, t('years')),
    years.length === 0
      ? h('p', { class: 'muted' }, t('noYears'))
      : h(
          'table',
          null,
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              [t('year'), t('yearFollowed'), t('yearBack')].map((header) =>
                h('th', { scope: 'col' }, header),
              ),
            ),
          ),
          h(
            'tbody',
            null,
            years.map((row) =>
              h(
                'tr',
                null,
                h('th', { scope: 'row' }, String(row.year)),
                h('td', null, String(row.followed)),
                h('td', null, String(row.backInSchool)),
              ),
            ),
          ),
        ),
  );
}
