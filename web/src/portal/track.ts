import { ApiError, api } from '../shared/api.js';
import { signedIn } from '../shared/auth.js';
import { findService } from '../shared/catalog.js';
import { errorBox, errorText, signInForm } from '../shared/chrome.js';
import { h, mount } from '../shared/dom.js';
import { flash } from '../shared/flash.js';
import { applicationForm } from '../shared/form.js';
import { dateTime } from '../shared/format.js';
import { label, tx } from '../shared/i18n.js';
import { attachmentsList, checksList, detailsList } from '../shared/request-parts.js';
import { timeline } from '../shared/timeline.js';
import type { DocumentLink, RequestView, Service } from '../shared/types.js';
import { uploadAttachment } from '../shared/upload.js';
import { t } from './strings.js';

const FINAL = new Set(['ISSUED', 'REJECTED', 'CANCELLED', 'FAILED', 'RETURNED']);
const POLL_MS = 15_000;

/** One request: where it is, what happened (timeline), and the letter once issued. Refreshes while it moves. */
export async function trackPage(root: HTMLElement, id: string): Promise<(() => void) | undefined> {
  if (!signedIn()) {
    mount(
      root,
      h('h1', null, t('navMine')),
      h('p', null, t('signInToSee')),
      signInForm(() => {
        window.dispatchEvent(new Event('dd:session'));
        void trackPage(root, id);
      }),
    );
    return undefined;
  }
  let request: RequestView;
  try {
    request = await api<RequestView>(`/v1/requests/${encodeURIComponent(id)}`);
  } catch (error) {
    mount(root, h('h1', null, t('trackingCode')), errorBox(error));
    return undefined;
  }
  const service = await findService(request.serviceCode, request.villageCode).catch(() => undefined);
  mount(root, ...view(request, service, () => void trackPage(root, id)));
  if (FINAL.has(request.status)) return undefined;
  // Still moving: look again now and then while the page is visible.
  const timer = window.setInterval(async () => {
    if (document.visibilityState !== 'visible' || !navigator.onLine) return;
    const next = await api<RequestView>(`/v1/requests/${encodeURIComponent(id)}`).catch(() => undefined);
    if (next && (next.status !== request.status || next.updatedAt !== request.updatedAt)) {
      request = next;
      const focused = document.activeElement;
      mount(root, ...view(next, service, () => void trackPage(root, id)));
      if (focused === document.body) root.querySelector<HTMLElement>('h1')?.focus();
    }
  }, POLL_MS);
  return () => window.clearInterval(timer);
}

function view(request: RequestView, service: Service | undefined, reload: () => void): HTMLElement[] {
  const serviceName = service ? tx(service.name) : request.serviceCode;
  const expected = service
    ? new Date(Date.parse(request.createdAt) + service.targetHours * 3_600_000).toISOString()
    : undefined;
  const parts: (HTMLElement | null)[] = [
    h('h1', null, serviceName),
    h(
      'dl',
      { class: 'summary' },
      h('dt', null, t('trackingCode')),
      h('dd', { class: 'code' }, request.trackingCode),
      h('dt', null, t('status')),
      h('dd', null, h('span', { class: `status status-${request.status}` }, label('status', request.status))),
    ),
    request.stage
      ? h(
          'p',
          null,
          t('waitingAt', { stage: tx(request.stage.label) }),
          request.stage.dueAt ? ` (${t('dueBy', { at: dateTime(request.stage.dueAt) })})` : '',
        )
      : null,
    h(
      'p',
      { class: 'meta' },
      t('submittedAt', { at: dateTime(request.createdAt) }),
      expected && !FINAL.has(request.status) ? ` · ${t('expected', { at: dateTime(expected) })}` : '',
    ),
  ];
  if (request.status === 'ISSUED' && request.document) parts.push(issuedBox(request));
  if (request.status === 'REJECTED') {
    parts.push(
      h(
        'div',
        { class: 'notice error' },
        h('h2', null, t('rejected')),
        h('p', null, t('returnedReason', { note: request.outcome?.note ?? '' })),
      ),
    );
  }
  if (request.status === 'RETURNED' && service) parts.push(returnedBox(request, service, reload));
  if (request.checks && request.checks.length > 0) parts.push(checksList(request));
  if (request.attachments && request.attachments.length > 0) parts.push(attachmentsList(request, service));
  parts.push(detailsList(request, service), timeline(request, service));
  return parts.filter((part): part is HTMLElement => part !== null);
}

function issuedBox(request: RequestView): HTMLElement {
  const document_ = request.document;
  const message = h('p', { role: 'alert', class: 'field-error', hidden: true });
  const download = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      onclick: async () => {
        message.hidden = true;
        try {
          const link = await api<DocumentLink>(`/v1/requests/${request.id}/document`);
          // A short-lived presigned link: the browser downloads it directly from storage.
          const anchor = h('a', {
            href: link.url,
            download: `${link.letterNumber.replaceAll('/', '-')}.pdf`,
          });
          document.body.append(anchor);
          anchor.click();
          anchor.remove();
        } catch (error) {
          message.hidden = false;
          message.textContent = errorText(error);
        }
      },
    },
    t('download'),
  );
  return h(
    'div',
    { class: 'notice ok' },
    h('h2', null, t('issued')),
    document_ ? h('p', null, t('letterNumber', { number: document_.letterNumber })) : null,
    download,
    message,
    document_
      ? h('p', null, h('a', { href: `/verify.html#${document_.documentId}` }, t('verifyLink')))
      : null,
  );
}

function returnedBox(request: RequestView, service: Service, reload: () => void): HTMLElement {
  const attached = new Set((request.attachments ?? []).map((attachment) => attachment.requirementCode));
  // The form the request was submitted under, when the catalogue's changed since.
  const form = applicationForm({ ...service, ...request.correction }, { attachments: true, attached });
  form.fill(request.data);
  const failure = h('div');
  const button = h('button', { type: 'submit', class: 'primary' }, t('fixAndResend'));
  const element = h('form', { novalidate: true }, form.element, failure, button);
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    failure.replaceChildren();
    if (form.check().length > 0) return;
    button.disabled = true;
    try {
      const attachments: { requirementCode: string; uploadId: string }[] = [];
      for (const [requirementCode, file] of form.files()) {
        attachments.push({
          requirementCode,
          uploadId: await uploadAttachment(service.code, requirementCode, file),
        });
      }
      await api(`/v1/requests/${request.id}/resubmission`, {
        method: 'POST',
        body: { data: form.read(), ...(attachments.length > 0 ? { attachments } : {}) },
      });
      flash(t('resubmitted'));
      reload();
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0) form.show(error.issues);
      else failure.replaceChildren(h('p', { class: 'banner error', role: 'alert' }, errorText(error)));
    } finally {
      button.disabled = false;
    }
  });
  return h(
    'section',
    { class: 'notice warn', 'aria-labelledby': 'returned-title' },
    h('h2', { id: 'returned-title' }, t('returned')),
    h('p', { class: 'reason' }, t('returnedReason', { note: request.outcome?.note ?? '' })),
    h('h3', null, t('fixAndResend')),
    element,
  );
}
