import { api } from '../shared/api.js';
import { loadServices } from '../shared/catalog.js';
import { errorBox } from '../shared/chrome.js';
import { h, mount } from '../shared/dom.js';
import { dateTime, duration } from '../shared/format.js';
import { label, tx } from '../shared/i18n.js';
import type { RequestPage, RequestView, Service, TaskList } from '../shared/types.js';
import type { ConsoleContext } from './main.js';
import { t } from './strings.js';

const STATUSES = ['IN_REVIEW', 'RETURNED', 'APPROVED', 'ISSUED', 'REJECTED', 'FAILED'] as const;
const REFRESH_MS = 30_000;

/** The inbox: what waits for me (late first), then the village's recent requests. Refreshes itself. */
export async function inboxPage(root: HTMLElement, ctx: ConsoleContext): Promise<() => void> {
  const services = await loadServices(ctx.village.code).catch(() => [] as Service[]);
  const nameOf = (code: string) => {
    const service = services.find((candidate) => candidate.code === code);
    return service ? tx(service.name) : code;
  };
  const tasksArea = h('div', { 'aria-live': 'polite' });
  const recentArea = h('div');
  const status = h(
    'select',
    { id: 'status-filter', onchange: () => void loadRecent() },
    h('option', { value: '' }, t('allStatuses')),
    STATUSES.map((value) => h('option', { value }, label('status', value))),
  );

  const loadTasks = async () => {
    try {
      const tasks = await api<TaskList>(`/v1/tasks?village=${encodeURIComponent(ctx.village.code)}`);
      mount(
        tasksArea,
        h('h2', { id: 'overdue-title' }, t('overdue', { n: tasks.overdue.length })),
        tasks.overdue.length === 0
          ? h('p', { class: 'muted' }, t('nothingOverdue'))
          : table(tasks.overdue, nameOf, true, 'overdue-title'),
        h('h2', { id: 'waiting-title' }, t('waiting', { n: tasks.waiting.length })),
        tasks.waiting.length === 0
          ? h('p', { class: 'muted' }, t('nothingWaiting'))
          : table(tasks.waiting, nameOf, false, 'waiting-title'),
        tasks.truncated ? h('p', { class: 'hint' }, t('truncated')) : null,
      );
    } catch (error) {
      mount(tasksArea, errorBox(error));
    }
  };

  const loadRecent = async () => {
    const query = new URLSearchParams({ village: ctx.village.code, limit: '20' });
    if (status.value) query.set('status', status.value);
    try {
      const page = await api<RequestPage>(`/v1/requests?${query}`);
      mount(
        recentArea,
        page.items.length === 0
          ? h('p', { class: 'muted' }, t('noneRecent'))
          : recentTable(page.items, nameOf),
      );
    } catch (error) {
      mount(recentArea, errorBox(error));
    }
  };

  await Promise.all([loadTasks(), loadRecent()]);
  mount(
    root,
    h('h1', null, t('inboxTitle', { village: ctx.village.name })),
    h(
      'button',
      { type: 'button', onclick: () => void Promise.all([loadTasks(), loadRecent()]) },
      t('refresh'),
    ),
    tasksArea,
    h('h2', null, t('recent')),
    h(
      'div',
      { class: 'field inline-field' },
      h('label', { for: 'status-filter' }, t('filterStatus')),
      status,
    ),
    recentArea,
  );
  const timer = window.setInterval(() => {
    if (document.visibilityState === 'visible' && navigator.onLine) void loadTasks();
  }, REFRESH_MS);
  return () => window.clearInterval(timer);
}

type Task = TaskList['waiting'][number];

function table(
  tasks: readonly Task[],
  nameOf: (code: string) => string,
  late: boolean,
  labelledBy: string,
): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { 'aria-labelledby': labelledBy },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('colCode')),
          h('th', { scope: 'col' }, t('colService')),
          h('th', { scope: 'col' }, t('colApplicant')),
          h('th', { scope: 'col' }, t('colStage')),
          h('th', { scope: 'col' }, late ? t('colLate') : t('colDue')),
        ),
      ),
      h(
        'tbody',
        null,
        tasks.map((task) =>
          h(
            'tr',
            null,
            h('td', null, h('a', { href: `#/r/${task.id}` }, task.trackingCode)),
            h('td', null, nameOf(task.serviceCode)),
            h('td', null, String(task.data.fullName ?? task.applicant.name)),
            h('td', null, task.stage ? tx(task.stage.label) : ''),
            h('td', null, late ? duration(task.hoursLate) : dateTime(task.stage?.dueAt)),
          ),
        ),
      ),
    ),
  );
}

function recentTable(items: readonly RequestView[], nameOf: (code: string) => string): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      null,
      h('caption', { class: 'visually-hidden' }, t('recent')),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('colCode')),
          h('th', { scope: 'col' }, t('colService')),
          h('th', { scope: 'col' }, t('colApplicant')),
          h('th', { scope: 'col' }, t('colStatus')),
          h('th', { scope: 'col' }, t('colSubmitted')),
        ),
      ),
      h(
        'tbody',
        null,
        items.map((item) =>
          h(
            'tr',
            null,
            h('td', null, h('a', { href: `#/r/${item.id}` }, item.trackingCode)),
            h('td', null, nameOf(item.serviceCode)),
            h('td', null, String(item.data.fullName ?? item.applicant.name)),
            h('td', null, h('span', { class: `status status-${item.status}` }, label('status', item.status))),
            h('td', null, dateTime(item.createdAt)),
          ),
        ),
      ),
    ),
  );
}
