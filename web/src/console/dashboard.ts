import { api } from '../shared/api.js';
import { errorBox } from '../shared/chrome.js';
import { h, mount } from '../shared/dom.js';
import { dateTime, duration } from '../shared/format.js';
import { label, tx } from '../shared/i18n.js';
import type { VillageStats } from '../shared/types.js';
import type { ConsoleContext } from './main.js';
import { t } from './strings.js';

const PERIODS = [7, 30, 90, 365];

/** The village dashboard: the seed's measures — requests per service and status, time to issue against target, late stages. */
export async function dashboardPage(root: HTMLElement, ctx: ConsoleContext, days = 30): Promise<void> {
  const period = h(
    'select',
    { id: 'period', onchange: () => void dashboardPage(root, ctx, Number(period.value)) },
    PERIODS.map((n) => h('option', { value: String(n), selected: n === days }, t('lastDays', { n }))),
  );
  const title = h('h1', null, t('dashboardTitle', { village: ctx.village.name }));
  let stats: VillageStats;
  try {
    stats = await api<VillageStats>(`/v1/stats?village=${encodeURIComponent(ctx.village.code)}&days=${days}`);
  } catch (error) {
    mount(root, title, errorBox(error));
    return;
  }
  const statuses = Object.entries(stats.byStatus).filter(([, n]) => (n ?? 0) > 0);
  mount(
    root,
    title,
    h('div', { class: 'field inline-field' }, h('label', { for: 'period' }, t('period')), period),
    h('p', { class: 'lead' }, t('total', { n: stats.total })),
    h('h2', { id: 'by-status' }, t('byStatus')),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { 'aria-labelledby': 'by-status' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, t('colStatus')),
            h('th', { scope: 'col', class: 'num' }, t('colTotal')),
          ),
        ),
        h(
          'tbody',
          null,
          statuses.map(([status, n]) =>
            h('tr', null, h('td', null, label('status', status)), h('td', { class: 'num' }, String(n))),
          ),
        ),
      ),
    ),
    h('h2', { id: 'by-service' }, t('byService')),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { 'aria-labelledby': 'by-service' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, t('colService')),
            h('th', { scope: 'col', class: 'num' }, t('colTotal')),
            h('th', { scope: 'col', class: 'num' }, t('colIssued')),
            h('th', { scope: 'col', class: 'num' }, t('colMedian')),
            h('th', { scope: 'col', class: 'num' }, t('colP90')),
            h('th', { scope: 'col', class: 'num' }, t('colTarget')),
            h('th', { scope: 'col', class: 'num' }, t('colWithin')),
          ),
        ),
        h(
          'tbody',
          null,
          stats.services
            .filter((service) => service.total > 0 || stats.services.length <= 8)
            .map((service) => {
              const time = service.timeToIssue;
              const over = time.medianHours !== undefined && time.medianHours > service.targetHours;
              return h(
                'tr',
                null,
                h('th', { scope: 'row' }, tx(service.name)),
                h('td', { class: 'num' }, String(service.total)),
                h('td', { class: 'num' }, String(time.count)),
                h(
                  'td',
                  { class: `num${over ? ' late' : ''}` },
                  time.medianHours !== undefined ? duration(time.medianHours) : '–',
                ),
                h('td', { class: 'num' }, time.p90Hours !== undefined ? duration(time.p90Hours) : '–'),
                h('td', { class: 'num' }, duration(service.targetHours)),
                h('td', { class: 'num' }, time.count > 0 ? `${time.withinTarget}/${time.count}` : '–'),
              );
            }),
        ),
      ),
    ),
    h('p', { class: 'hint' }, t('measureNote')),
    h('h2', { id: 'late-stages' }, t('lateStages', { n: stats.overdue.length })),
    stats.overdue.length === 0
      ? h('p', { class: 'muted' }, t('noLate'))
      : h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { 'aria-labelledby': 'late-stages' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                h('th', { scope: 'col' }, t('colCode')),
                h('th', { scope: 'col' }, t('colStage')),
                h('th', { scope: 'col' }, t('colDue')),
                h('th', { scope: 'col', class: 'num' }, t('colLate')),
              ),
            ),
            h(
              'tbody',
              null,
              stats.overdue.map((late) =>
                h(
                  'tr',
                  null,
                  h('td', null, h('a', { href: `#/r/${late.requestId}` }, late.trackingCode)),
                  h('td', null, `${tx(late.stage.label)} (${label('role', late.stage.role)})`),
                  h('td', null, dateTime(late.dueAt)),
                  h('td', { class: 'num' }, duration(late.hoursLate)),
                ),
              ),
            ),
          ),
        ),
  );
}
