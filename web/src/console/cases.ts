import { api } from '../shared/api.js';
import { errorBox, errorText } from '../shared/chrome.js';
import { h, mount, uid } from '../shared/dom.js';
import { flash } from '../shared/flash.js';
import { translator } from '../shared/i18n.js';
import type { ConsoleContext } from './main.js';

/**
 * `#/kasus`: cases to the UPT (issue 13, item 2). The village's reporters (operator, teacher, health worker)
 * report a case; the UPT, the regency's poverty unit and the regency admin read their area's dashboard.
 * Stages are decided in the inbox like any request. Loaded on first use.
 */
export const t = translator({
  title: ['Kasus kemiskinan — {village}', 'Welfare cases — {village}'],
  report: ['Laporkan kasus', 'Report a case'],
  kind: ['Jenis kasus', 'Kind of case'],
  summary: ['Uraian masalah', 'The problem'],
  survey: ['Id survei rumah tangga (bila ada)', 'Household survey id (if any)'],
  childNik: ['NIK anak', "The child's NIK"],
  reason: ['Alasan putus sekolah', 'Why the child left school'],
  send: ['Kirim laporan', 'Send the report'],
  sent: [
    'Kasus dilaporkan; menunggu verifikasi desa.',
    'Case reported; it waits for the village to verify it.',
  ],
  dashboard: ['Kasus di wilayah {area}', 'Cases in {area}'],
  open: ['Terbuka', 'Open'],
  resolved: ['Selesai', 'Resolved'],
  median: ['Median jam', 'Median hours'],
  target: ['Target jam', 'Target hours'],
  within: ['Tepat waktu', 'On time'],
  'health-access': ['Akses kesehatan', 'Health access'],
  'school-dropout': ['Putus sekolah', 'School dropout'],
  housing: ['Rumah tidak layak huni', 'Housing'],
  food: ['Kerawanan pangan', 'Food'],
  disability: ['Disabilitas', 'Disability'],
  other: ['Lainnya', 'Other'],
  'under-1-day': ['< 1 hari', '< 1 day'],
  '1-3-days': ['1–3 hari', '1–3 days'],
  '3-7-days': ['3–7 hari', '3–7 days'],
  'over-7-days': ['> 7 hari', '> 7 days'],
});

const KINDS = ['health-access', 'school-dropout', 'housing', 'food', 'disability', 'other'] as const;
const REASONS = ['biaya', 'bekerja', 'jarak', 'menikah', 'disabilitas', 'lainnya'];
const AGES = ['under-1-day', '1-3-days', '3-7-days', 'over-7-days'] as const;
const REPORTERS = ['operator', 'frontline_worker'];

interface KindStatistics {
  readonly kind: (typeof KINDS)[number];
  readonly open: { readonly total: number; readonly byAge: Record<string, number> };
  readonly resolved: {
    readonly total: number;
    readonly medianHours?: number;
    readonly targetHours: number;
    readonly withinTarget: number;
  };
}

/** What POST /v1/cases takes (functions/api/case-routes.ts). */
export interface CaseReport {
  readonly kind: (typeof KINDS)[number];
  readonly villageCode: string;
  readonly summary: string;
  readonly surveyId?: string;
  readonly child?: { readonly nik: string };
  readonly reason?: string;
}

/** Reports a case; `key` is one per intended report, so a retry after a lost answer returns the first case. */
export const reportCase = (body: CaseReport, key: string) =>
  api<{ id: string; status: string }>('/v1/cases', {
    method: 'POST',
    headers: { 'Idempotency-Key': key },
    body,
  });

export async function casesPage(root: HTMLElement, ctx: ConsoleContext): Promise<void> {
  const title = h('h1', null, t('title', { village: ctx.village.name }));
  const district = ctx.village.code.split('.').slice(0, 3).join('.');
  const regency = ctx.village.code.split('.').slice(0, 2).join('.');
  const path = ctx.roles.includes('upt_officer')
    ? `/v1/districts/${district}/case-statistics`
    : ctx.roles.some((role) => role === 'poverty_unit_officer' || role === 'regency_admin')
      ? `/v1/regencies/${regency}/case-statistics`
      : undefined;
  let dashboard: HTMLElement | null = null;
  if (path) {
    try {
      const stats = await api<{ area: string; kinds: KindStatistics[] }>(path);
      dashboard = statisticsTable(stats.area, stats.kinds);
    } catch (error) {
      dashboard = errorBox(error);
    }
  }
  mount(root, title, ctx.roles.some((role) => REPORTERS.includes(role)) ? reportForm(ctx) : null, dashboard);
}

export function field(label: string, control: HTMLElement & { id: string }): HTMLElement {
  return h('p', null, h('label', { for: control.id }, label), control);
}

export const summaryInput = () =>
  h('textarea', { id: uid('summary'), name: 'summary', minlength: 10, maxlength: 2000, required: true });

export const reasonSelect = () =>
  h(
    'select',
    { id: uid('reason'), name: 'reason' },
    REASONS.map((value) => h('option', { value }, value)),
  );

function reportForm(ctx: ConsoleContext): HTMLElement {
  const kind = h(
    'select',
    { id: uid('kind'), name: 'kind' },
    KINDS.map((value) => h('option', { value }, t(value))),
  );
  const summary = summaryInput();
  const survey = h('input', { id: uid('survey'), name: 'surveyId', maxlength: 40 });
  const nik = h('input', {
    id: uid('nik'),
    name: 'nik',
    inputmode: 'numeric',
    maxlength: 16,
    autocomplete: 'off',
  });
  const reason = reasonSelect();
  const dropout = h('div', { hidden: true }, field(t('childNik'), nik), field(t('reason'), reason));
  kind.addEventListener('change', () => {
    dropout.hidden = kind.value !== 'school-dropout';
  });
  // One key per intended report: a retry after a lost answer returns the first case.
  let key = crypto.randomUUID();
  const send = h('button', { type: 'submit' }, t('send'));
  const form = h(
    'form',
    null,
    h('h2', null, t('report')),
    field(t('kind'), kind),
    field(t('summary'), summary),
    field(t('survey'), survey),
    dropout,
    h('p', null, send),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    send.disabled = true;
    const dropoutCase = kind.value === 'school-dropout';
    try {
      await reportCase(
        {
          kind: kind.value as CaseReport['kind'],
          villageCode: ctx.village.code,
          summary: summary.value,
          ...(survey.value.trim() ? { surveyId: survey.value.trim() } : {}),
          ...(dropoutCase ? { child: { nik: nik.value.trim() }, reason: reason.value } : {}),
        },
        key,
      );
      flash(t('sent'));
      form.reset();
      nik.value = '';
      dropout.hidden = true;
      key = crypto.randomUUID();
    } catch (error) {
      flash(errorText(error), 'error');
    } finally {
      send.disabled = false;
    }
  });
  return form;
}

function statisticsTable(area: string, kinds: readonly KindStatistics[]): HTMLElement {
  const headers = [
    t('kind'),
    t('open'),
    ...AGES.map((age) => t(age)),
    t('resolved'),
    t('median'),
    t('target'),
    t('within'),
  ];
  return h(
    'section',
    null,
    h('h2', null, t('dashboard', { area })),
    h(
      'table',
      null,
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          headers.map((header) => h('th', { scope: 'col' }, header)),
        ),
      ),
      h(
        'tbody',
        null,
        kinds.map((entry) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, t(entry.kind)),
            h('td', null, String(entry.open.total)),
            AGES.map((age) => h('td', null, String(entry.open.byAge[age] ?? 0))),
            h('td', null, String(entry.resolved.total)),
            h(
              'td',
              null,
              entry.resolved.medianHours === undefined ? '–' : String(entry.resolved.medianHours),
            ),
            h('td', null, String(entry.resolved.targetHours)),
            h('td', null, String(entry.resolved.withinTarget)),
          ),
        ),
      ),
    ),
  );
}
