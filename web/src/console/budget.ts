import type { BudgetYearView } from '../../../functions/core/budget/budgets.js';
import type { Progress } from '../../../functions/core/budget/progress.js';
import { ApiError, api } from '../shared/api.js';
import { errorText } from '../shared/chrome.js';
import { runtimeConfig } from '../shared/config.js';
import { h, mount } from '../shared/dom.js';
import { flash } from '../shared/flash.js';
import { dateTime } from '../shared/format.js';
import { lang, translator, tx } from '../shared/i18n.js';
import type { ConsoleContext } from './main.js';

const t = translator({
  title: ['APBDes {year} — {village}', 'Village budget {year} — {village}'],
  year: ['Tahun anggaran', 'Budget year'],
  none: ['Belum ada APBDes untuk tahun {year}.', 'No village budget for {year} yet.'],
  status_draft: ['Rancangan', 'Draft'],
  status_adopted: ['Ditetapkan', 'Adopted'],
  version: ['{name} · {status} · diperbarui {at}', '{name} · {status} · updated {at}'],
  summaryTitle: ['Ringkasan', 'Summary'],
  income: ['Pendapatan', 'Income'],
  spending: ['Belanja', 'Spending'],
  financing: ['Pembiayaan neto', 'Net financing'],
  surplus: ['Surplus / defisit', 'Surplus / deficit'],
  realised: ['Realisasi belanja', 'Spending realised'],
  linesTitle: ['Rincian', 'Lines'],
  colCode: ['Kode rekening', 'Account'],
  colActivity: ['Kegiatan', 'Activity'],
  colDescription: ['Uraian', 'Description'],
  colSource: ['Sumber dana', 'Source'],
  colAmount: ['Anggaran (Rp)', 'Amount (Rp)'],
  csv: ['Unduh CSV', 'Download CSV'],
  uploadTitle: ['Unggah rancangan dari CSV', 'Upload a draft from CSV'],
  uploadHint: [
    'Kolom: kode_rekening, kode_kegiatan, uraian, sumber_dana, pelaksana, anggaran. Mengganti rancangan; setelah APBDes ditetapkan, unggahan menjadi rancangan APBDes Perubahan.',
    'Columns: kode_rekening, kode_kegiatan, uraian, sumber_dana, pelaksana, anggaran. Replaces the draft; once the budget is adopted, an upload becomes the draft revised budget.',
  ],
  file: ['Berkas CSV', 'CSV file'],
  needFile: ['Berkas CSV: pilih berkasnya dulu', 'CSV file: choose the file first'],
  upload: ['Unggah', 'Upload'],
  uploaded: ['Rancangan APBDes {year} tersimpan.', 'The draft {year} budget was saved.'],
  realisationTitle: ['Realisasi per semester', 'Realisation per semester'],
  realisationHint: [
    'Jumlah yang dibelanjakan dalam semester itu (bukan kumulatif), per kegiatan APBDes yang ditetapkan.',
    'What was spent in that semester (not cumulative), per activity of the adopted budget.',
  ],
  notAdopted: [
    'Realisasi dicatat setelah APBDes ditetapkan dengan Peraturan Desa.',
    'Realisation is recorded once the budget is adopted by a village regulation.',
  ],
  semester: ['Semester', 'Semester'],
  amountOf: ['Realisasi {activity} (Rp)', 'Realised {activity} (Rp)'],
  progressOf: ['Kemajuan {activity}', 'Progress of {activity}'],
  colRealised: ['Realisasi (Rp)', 'Realised (Rp)'],
  colProgress: ['Kemajuan', 'Progress'],
  progress_belum: ['Belum mulai', 'Not started'],
  progress_berjalan: ['Berjalan', 'Under way'],
  progress_selesai: ['Selesai', 'Finished'],
  progress_batal: ['Batal', 'Cancelled'],
  saveRealisation: ['Simpan realisasi', 'Save realisation'],
  savedRealisation: ['Realisasi semester {n} tersimpan.', 'Semester {n} realisation saved.'],
});

/** Who keeps the budget (BUDGET_KEEPERS in policy.ts): the others only read it. */
const KEEPERS = ['operator', 'village_secretary', 'village_head', 'regency_admin'];
const PROGRESS: readonly Progress[] = ['belum', 'berjalan', 'selesai', 'batal'];

const rupiah = (amount: number) => new Intl.NumberFormat(lang() === 'id' ? 'id-ID' : 'en-GB').format(amount);
const thisYear = () => Number(new Date().toLocaleString('en-CA', { timeZone: 'Asia/Jakarta' }).slice(0, 4));

/** `#/apbdes[/<year>]`: the village budget of a year, its CSV upload and the realisation per semester. */
export async function budgetPage(root: HTMLElement, ctx: ConsoleContext, yearParam?: string): Promise<void> {
  const year = /^\d{4}$/.test(yearParam ?? '') ? Number(yearParam) : thisYear();
  const base = `/v1/villages/${encodeURIComponent(ctx.village.code)}/budgets/${year}`;
  const keeps = ctx.roles.some((role) => KEEPERS.includes(role));
  const rerender = () => void budgetPage(root, ctx, String(year));
  let view: BudgetYearView | undefined;
  let failure: HTMLElement | undefined;
  try {
    view = await api<BudgetYearView>(base);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) failure = alert(errorText(error));
  }
  const { apiBase = '' } = await runtimeConfig();
  const years = [thisYear() - 1, thisYear(), thisYear() + 1];
  if (!years.includes(year)) years.push(year);
  const picker = h(
    'select',
    { id: 'budget-year', onchange: () => (location.hash = `#/apbdes/${picker.value}`) },
    years
      .sort()
      .map((candidate) =>
        h('option', { value: String(candidate), selected: candidate === year }, String(candidate)),
      ),
  );
  mount(
    root,
    h('h1', null, t('title', { year, village: ctx.village.name })),
    h('div', { class: 'field inline-field' }, h('label', { for: 'budget-year' }, t('year')), picker),
    failure,
    view
      ? budgetView(view, `${apiBase}${base}/csv`)
      : failure
        ? null
        : h('p', { class: 'muted' }, t('none', { year })),
    keeps ? uploadForm(base, year, rerender) : null,
    keeps && view ? realisationSection(view, base, rerender) : null,
  );
}

const alert = (message: string) => h('p', { class: 'banner error', role: 'alert' }, message);

function budgetView(view: BudgetYearView, csvUrl: string): HTMLElement[] {
  const { budget, summary } = view;
  const row = (label: string, amount: string) => [h('dt', null, label), h('dd', null, amount)];
  return [
    h(
      'p',
      null,
      t('version', {
        name: budget.versionName,
        status: t(`status_${budget.status}`),
        at: dateTime(budget.updatedAt),
      }),
      ' · ',
      h('a', { href: csvUrl, download: '' }, t('csv')),
    ),
    h('h2', null, t('summaryTitle')),
    h(
      'dl',
      { class: 'summary' },
      row(t('income'), `Rp ${rupiah(summary.income.total)}`),
      row(t('spending'), `Rp ${rupiah(summary.spending.total)}`),
      row(t('financing'), `Rp ${rupiah(summary.financing.net)}`),
      row(t('surplus'), `Rp ${rupiah(summary.surplus)}`),
      row(t('realised'), `Rp ${rupiah(summary.realisation.total)} (${summary.realisation.percent} %)`),
    ),
    h('h2', { id: 'budget-lines' }, t('linesTitle')),
    h(
      'div',
      // Wider than a phone: the scrolled region takes focus, so a keyboard can scroll it.
      { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'budget-lines' },
      h(
        'table',
        { 'aria-labelledby': 'budget-lines' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, t('colCode')),
            h('th', { scope: 'col' }, t('colActivity')),
            h('th', { scope: 'col' }, t('colDescription')),
            h('th', { scope: 'col' }, t('colSource')),
            h('th', { scope: 'col', class: 'num' }, t('colAmount')),
          ),
        ),
        h(
          'tbody',
          null,
          budget.lines.map((line) =>
            h(
              'tr',
              null,
              h('td', null, line.code),
              h('td', null, line.activity ?? ''),
              h('td', null, line.description),
              h('td', null, line.source ?? ''),
              h('td', { class: 'num' }, rupiah(line.amount)),
            ),
          ),
        ),
      ),
    ),
  ];
}

/** The CSV template, sent as it is: the API checks it whole and names any bad row and column. */
function uploadForm(base: string, year: number, done: () => void): HTMLElement {
  const input = h('input', {
    type: 'file',
    id: 'budget-csv',
    accept: '.csv,text/csv',
    'aria-describedby': 'budget-csv-hint budget-csv-error',
  });
  const error = h('p', { class: 'field-error', id: 'budget-csv-error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'primary' }, t('upload'));
  const show = (message: string | undefined) => {
    error.hidden = message === undefined;
    error.textContent = message ?? '';
    if (message === undefined) input.removeAttribute('aria-invalid');
    else input.setAttribute('aria-invalid', 'true');
  };
  const form = h(
    'form',
    { novalidate: true },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'budget-csv' }, t('file')),
      h('p', { class: 'hint', id: 'budget-csv-hint' }, t('uploadHint')),
      input,
      error,
    ),
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = input.files?.[0];
    if (!file) return show(t('needFile'));
    show(undefined);
    button.disabled = true;
    try {
      await api(base, { method: 'PUT', raw: { text: await file.text(), contentType: 'text/csv' } });
      done();
      flash(t('uploaded', { year }));
    } catch (failure) {
      const issues = failure instanceof ApiError ? failure.issues : [];
      show(issues.length > 0 ? issues.map((issue) => tx(issue.message)).join('; ') : errorText(failure));
      button.disabled = false;
    }
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'upload-title' },
    h('h2', { id: 'upload-title' }, t('uploadTitle')),
    form,
  );
}

/** One row per kegiatan of the adopted budget: what was spent in the semester and how far it got. */
function realisationSection(view: BudgetYearView, base: string, done: () => void): HTMLElement {
  const title = h('h2', { id: 'realisation-title' }, t('realisationTitle'));
  if (view.budget.status !== 'adopted') {
    return h(
      'section',
      { 'aria-labelledby': 'realisation-title' },
      title,
      h('p', { class: 'muted' }, t('notAdopted')),
    );
  }
  const activities = [
    ...new Set(view.budget.lines.flatMap((line) => (line.activity ? [line.activity] : []))),
  ];
  const semester = h(
    'select',
    { id: 'realisation-semester', onchange: () => fill() },
    h('option', { value: '1' }, '1'),
    h('option', { value: '2' }, '2'),
  );
  const rows = activities.map((activity, index) => ({
    activity,
    amount: h('input', {
      id: `real-amount-${index}`,
      type: 'text',
      inputmode: 'numeric',
      'aria-label': t('amountOf', { activity }),
    }),
    progress: h(
      'select',
      { id: `real-progress-${index}`, 'aria-label': t('progressOf', { activity }) },
      PROGRESS.map((value) => h('option', { value }, t(`progress_${value}`))),
    ),
  }));
  const fill = () => {
    const recorded = view.realisation.find((entry) => String(entry.semester) === semester.value);
    for (const row of rows) {
      const entry = recorded?.activities.find((candidate) => candidate.activity === row.activity);
      row.amount.value = entry ? String(entry.amount) : '';
      row.progress.value = entry?.progress ?? 'belum';
    }
  };
  fill();
  const message = h('div', { role: 'status' });
  const button = h('button', { type: 'submit', class: 'primary' }, t('saveRealisation'));
  const form = h(
    'form',
    { novalidate: true },
    h(
      'div',
      { class: 'field inline-field' },
      h('label', { for: 'realisation-semester' }, t('semester')),
      semester,
    ),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { 'aria-labelledby': 'realisation-title' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, t('colActivity')),
            h('th', { scope: 'col' }, t('colRealised')),
            h('th', { scope: 'col' }, t('colProgress')),
          ),
        ),
        h(
          'tbody',
          null,
          rows.map((row) =>
            h(
              'tr',
              null,
              h('th', { scope: 'row' }, row.activity),
              h('td', null, row.amount),
              h('td', null, row.progress),
            ),
          ),
        ),
      ),
    ),
    message,
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    button.disabled = true;
    const entries = rows
      .filter((row) => row.amount.value.trim() !== '' || row.progress.value !== 'belum')
      .map((row) => {
        const raw = row.amount.value.replace(/[.\s]/g, '');
        return {
          activity: row.activity,
          amount: /^\d+$/.test(raw) ? Number(raw) : raw || 0,
          progress: row.progress.value,
        };
      });
    try {
      await api(`${base}/realisation/${semester.value}`, { method: 'PUT', body: { activities: entries } });
      done();
      flash(t('savedRealisation', { n: semester.value }));
    } catch (error) {
      message.replaceChildren(alert(errorText(error)));
      button.disabled = false;
    }
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'realisation-title' },
    title,
    h('p', { class: 'hint' }, t('realisationHint')),
    form,
  );
}
