import { h } from './dom.js';
import { dateTime } from './format.js';
import { label, translator, tx } from './i18n.js';
import type { RequestView, Service } from './types.js';

const t = translator({ timeline: ['Riwayat', 'Timeline'] });

/** A request's history, oldest first: when, what, who (and their role), why. */
export function timeline(request: RequestView, service?: Service): HTMLElement {
  const stageLabel = (key: string | undefined) => {
    const stage = key ? service?.stages.find((candidate) => candidate.key === key) : undefined;
    return stage ? tx(stage.label) : undefined;
  };
  return h(
    'section',
    { 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, t('timeline')),
    h(
      'ol',
      { class: 'timeline' },
      (request.events ?? []).map((event) =>
        h(
          'li',
          null,
          h('time', { datetime: event.at }, dateTime(event.at)),
          h('strong', null, label('event', event.type)),
          stageLabel(event.stage) ? h('span', null, `: ${stageLabel(event.stage)}`) : null,
          h('span', { class: 'muted' }, ` — ${event.actor.name} (${label('role', event.actor.role)})`),
          event.note ? h('p', { class: 'note' }, event.note) : null,
        ),
      ),
    ),
  );
}
