import { api } from '../shared/api.js';
import { findService } from '../shared/catalog.js';
import { errorBox, errorText } from '../shared/chrome.js';
import { h, mount } from '../shared/dom.js';
import { flash } from '../shared/flash.js';
import { dateTime } from '../shared/format.js';
import { label, tx } from '../shared/i18n.js';
import { attachmentsList, checksList, detailsList } from '../shared/request-parts.js';
import { go } from '../shared/router.js';
import { timeline } from '../shared/timeline.js';
import type { RequestView } from '../shared/types.js';
import type { ConsoleContext } from './main.js';
import { t } from './strings.js';

/** One request as staff see it: data, attachments, registry checks, timeline, and the decision when it is theirs. */
export async function requestPage(root: HTMLElement, ctx: ConsoleContext, id: string): Promise<void> {
  let request: RequestView;
  try {
    request = await api<RequestView>(`/v1/requests/${encodeURIComponent(id)}`);
  } catch (error) {
    mount(root, h('h1', null, id), errorBox(error));
    return;
  }
  const service = await findService(request.serviceCode, request.villageCode).catch(() => undefined);
  const serviceName = service ? tx(service.name) : request.serviceCode;
  const stage = request.status === 'IN_REVIEW' ? request.stage : undefined;
  const mine = stage !== undefined && ctx.roles.includes(stage.role);
  mount(
    root,
    h('h1', null, t('requestTitle', { service: serviceName, code: request.trackingCode })),
    h(
      'p',
      null,
      h('span', { class: `status status-${request.status}` }, label('status', request.status)),
      ' · ',
      request.citizen
        ? t('assistedFor', { citizen: request.citizen.name, name: request.applicant.name })
        : t('applicant', { name: request.applicant.name }),
      ' · ',
      dateTime(request.createdAt),
    ),
    stage
      ? h(
          'p',
          null,
          t('stageNow', { stage: tx(stage.label), role: label('role', stage.role) }),
          stage.dueAt ? ` (${dateTime(stage.dueAt)})` : '',
        )
      : null,
    request.outcome
      ? h(
          'p',
          { class: 'notice warn' },
          `${label('event', `DECISION_${request.outcome.decision.toUpperCase()}`)}: ${request.outcome.note}`,
        )
      : null,
    h(
      'div',
      { class: 'request-layout' },
      h(
        'div',
        { class: 'request-main' },
        detailsList(request, service),
        request.attachments && request.attachments.length > 0 ? attachmentsList(request, service) : null,
        request.checks && request.checks.length > 0 ? checksList(request) : null,
        timeline(request, service),
      ),
      stage
        ? h(
            'aside',
            { class: 'request-side', 'aria-label': t('decideTitle') },
            mine
              ? decisionForm(request, stage.key)
              : h('p', { class: 'notice' }, t('notYours', { role: label('role', stage.role) })),
          )
        : null,
    ),
  );
  // Staff read the data before deciding: the details start open.
  root.querySelector('details')?.setAttribute('open', '');
}

function decisionForm(request: RequestView, stageKey: string): HTMLElement {
  const choice = (value: string, text: string, checked = false) =>
    h(
      'div',
      { class: 'choice' },
      h('input', { type: 'radio', name: 'decision', id: `decision-${value}`, value, checked }),
      h('label', { for: `decision-${value}`, class: 'inline' }, text),
    );
  const note = h('textarea', {
    id: 'decision-note',
    name: 'note',
    rows: 3,
    maxlength: 1000,
    'aria-describedby': 'decision-note-hint decision-note-error',
  });
  const noteError = h('p', { class: 'field-error', id: 'decision-note-error', hidden: true });
  const failure = h('div');
  const button = h('button', { type: 'submit', class: 'primary' }, t('save'));
  const form = h(
    'form',
    { class: 'decision', novalidate: true },
    h(
      'fieldset',
      null,
      h('legend', null, t('decision')),
      choice('approve', t('approve'), true),
      choice('return', t('returnIt')),
      choice('reject', t('reject')),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'decision-note' }, t('note')),
      h('p', { class: 'hint', id: 'decision-note-hint' }, t('noteHint')),
      note,
      noteError,
    ),
    failure,
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    failure.replaceChildren();
    const decision =
      (form.querySelector('input[name="decision"]:checked') as HTMLInputElement | null)?.value ?? 'approve';
    const missingNote = decision !== 'approve' && note.value.trim() === '';
    noteError.hidden = !missingNote;
    noteError.textContent = missingNote ? t('noteRequired') : '';
    if (missingNote) {
      note.setAttribute('aria-invalid', 'true');
      note.focus();
      return;
    }
    note.removeAttribute('aria-invalid');
    button.disabled = true;
    try {
      await api(`/v1/requests/${request.id}/decisions`, {
        method: 'POST',
        body: { decision, note: note.value.trim(), stage: stageKey },
      });
      flash(
        t('decided', {
          decision: label('event', `DECISION_${decision.toUpperCase()}`),
          code: request.trackingCode,
        }),
      );
      go('/');
    } catch (error) {
      failure.replaceChildren(h('p', { class: 'banner error', role: 'alert' }, errorText(error)));
      button.disabled = false;
    }
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'decide-title' },
    h('h2', { id: 'decide-title' }, t('decideTitle')),
    form,
  );
}
