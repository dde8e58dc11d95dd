import { ApiError, NetworkError, newIdempotencyKey } from '../shared/api.js';
import { signedIn } from '../shared/auth.js';
import { findService, loadVillages, rememberedVillage, rememberVillage } from '../shared/catalog.js';
import { errorBox, errorText, signInForm } from '../shared/chrome.js';
import { h, mount } from '../shared/dom.js';
import { readDraft, removeDraft, saveDraft as storeDraft } from '../shared/drafts.js';
import { flash } from '../shared/flash.js';
import { applicationForm } from '../shared/form.js';
import { dateTime, duration } from '../shared/format.js';
import { common, tx } from '../shared/i18n.js';
import { enqueue, type OutboxItem, send } from '../shared/outbox.js';
import { go } from '../shared/router.js';
import type { Service } from '../shared/types.js';
import { villageSelect } from './home.js';
import { t } from './strings.js';

interface Draft {
  readonly villageCode: string;
  readonly data: Record<string, unknown>;
  readonly savedAt: string;
}

/** Apply for a service: the form generated from the catalog, kept as a draft on the device as it is typed. */
export async function applyPage(root: HTMLElement, code: string): Promise<void> {
  let service: Service | undefined;
  try {
    service = await findService(code, rememberedVillage());
  } catch (error) {
    mount(root, h('h1', null, code), errorBox(error));
    return;
  }
  if (!service) {
    mount(root, h('h1', null, t('unknownService')));
    return;
  }
  const title = h('h1', null, t('applyTitle', { name: tx(service.name) }));
  const session = signedIn();
  if (!session) {
    mount(
      root,
      title,
      h('p', null, t('signInToApply')),
      signInForm(() => {
        window.dispatchEvent(new Event('dd:session'));
        void applyPage(root, code).then(() => title.focus());
      }),
    );
    return;
  }
  const villages = await loadVillages().catch(() => []);
  // The draft of the account signed in now, never another's (see shared/drafts.ts).
  const subject = session.subject;
  const draft = readDraft<Draft>(subject, service.code);
  const villageCode = draft?.villageCode ?? rememberedVillage();
  const select = villageSelect(
    villages.filter((village) => village.services.includes(code) || service.family === 'village-programme'),
    villageCode,
    rememberVillage,
  );
  select.required = true;
  const villageError = h('p', { class: 'field-error', id: 'village-error', hidden: true });
  select.setAttribute('aria-describedby', 'village-error');
  const phone = h('input', {
    id: 'contact-phone',
    name: 'phone',
    type: 'tel',
    inputmode: 'tel',
    autocomplete: 'tel',
    'aria-describedby': 'contact-phone-hint contact-phone-error',
  });
  const phoneError = h('p', { class: 'field-error', id: 'contact-phone-error', hidden: true });
  const draftNote = h('p', { class: 'hint', role: 'status' });
  let saveTimer: number | undefined;
  const form = applicationForm(service, {
    attachments: true,
    onInput: () => {
      window.clearTimeout(saveTimer);
      saveTimer = window.setTimeout(saveDraft, 400);
    },
  });
  const saveDraft = () => {
    const value: Draft = { villageCode: select.value, data: form.read(), savedAt: new Date().toISOString() };
    // storage full or disabled: the form still works
    if (storeDraft(subject, code, value)) draftNote.textContent = t('draftSaved');
  };
  if (draft) {
    form.fill(draft.data);
    draftNote.textContent = t('draftRestored', { at: dateTime(draft.savedAt) });
  }
  const clear = h(
    'button',
    {
      type: 'button',
      class: 'link-button',
      onclick: () => {
        removeDraft(subject, code);
        void applyPage(root, code);
      },
    },
    t('clearDraft'),
  );
  const progress = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite' });
  const failure = h('div');
  const button = h('button', { type: 'submit', class: 'primary' }, t('send'));
  const element = h(
    'form',
    { novalidate: true, class: 'apply' },
    h('div', { class: 'field' }, h('label', { for: 'village' }, t('yourVillage')), select, villageError),
    form.element,
    h(
      'div',
      { class: 'field' },
      h(
        'label',
        { for: 'contact-phone' },
        t('phone'),
        ' ',
        h('span', { class: 'muted' }, `(${common('optional')})`),
      ),
      h('p', { class: 'hint', id: 'contact-phone-hint' }, t('phoneHint')),
      phone,
      phoneError,
    ),
    failure,
    button,
    progress,
  );
  const serviceCode = service.code;
  const serviceName = service.name;
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    failure.replaceChildren();
    const issues = form.check();
    villageError.hidden = select.value !== '';
    villageError.textContent = select.value ? '' : `${t('yourVillage')}: ${t('chooseVillage')}`;
    if (!select.value) select.focus();
    if (issues.length > 0 || !select.value) return;
    const item: OutboxItem = {
      key: newIdempotencyKey(),
      createdAt: new Date().toISOString(),
      serviceCode,
      serviceName,
      villageCode: select.value,
      data: form.read(),
      files: [...form.files()].map(([requirementCode, blob]) => ({ requirementCode, blob })),
      uploads: {},
      subject,
      ...(phone.value.trim() ? { contact: { phone: phone.value.trim().replace(/[\s-]/g, '') } } : {}),
    };
    button.disabled = true;
    progress.textContent = item.files.length > 0 ? t('uploading') : t('sending');
    void submit(item).finally(() => {
      button.disabled = false;
      progress.textContent = '';
    });
  });

  async function submit(item: OutboxItem): Promise<void> {
    const keepOnDevice = async () => {
      await enqueue(item);
      removeDraft(subject, code);
      flash(t('queued'));
      go('/saya');
    };
    if (!navigator.onLine) return keepOnDevice();
    try {
      const created = await send(item);
      removeDraft(subject, code);
      flash(t('submitted', { code: created.trackingCode }));
      go(`/permohonan/${created.id}`);
    } catch (error) {
      if (error instanceof NetworkError) return keepOnDevice();
      if (error instanceof ApiError && error.issues.length > 0) {
        form.show(error.issues);
        const phoneIssue = error.issues.find((issue) => issue.field.startsWith('contact'));
        phoneError.hidden = !phoneIssue;
        phoneError.textContent = phoneIssue ? tx(phoneIssue.message) : '';
        if (phoneIssue) phone.setAttribute('aria-invalid', 'true');
      } else failure.replaceChildren(h('p', { class: 'banner error', role: 'alert' }, errorText(error)));
    }
  }

  mount(
    root,
    title,
    h('p', { class: 'meta' }, t('target', { time: duration(service.targetHours) })),
    draftNote,
    draft ? clear : null,
    element,
  );
}
