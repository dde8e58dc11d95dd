import { ApiError, newIdempotencyKey } from '../shared/api.js';
import { loadServices } from '../shared/catalog.js';
import { errorBox, errorText } from '../shared/chrome.js';
import { h, mount } from '../shared/dom.js';
import { applicationForm } from '../shared/form.js';
import { tx } from '../shared/i18n.js';
import { offeredBy } from '../shared/offered.js';
import { send } from '../shared/outbox.js';
import type { Service } from '../shared/types.js';
import type { ConsoleContext } from './main.js';
import { t } from './strings.js';

/** Assisted submission at the village office, for a citizen who came in person: same form, same rules. */
export async function counterPage(root: HTMLElement, ctx: ConsoleContext): Promise<void> {
  let services: Service[];
  try {
    services = offeredBy(ctx.village, await loadServices(ctx.village.code));
  } catch (error) {
    mount(root, h('h1', null, t('counterTitle')), errorBox(error));
    return;
  }
  const formArea = h('div');
  const select = h(
    'select',
    { id: 'counter-service', onchange: () => showForm() },
    h('option', { value: '' }, t('chooseService')),
    services.map((service) => h('option', { value: service.code }, tx(service.name))),
  );
  const showForm = () => {
    const service = services.find((candidate) => candidate.code === select.value);
    if (!service) return formArea.replaceChildren();
    const form = applicationForm(service, { attachments: true });
    const failure = h('div');
    const button = h('button', { type: 'submit', class: 'primary' }, t('submit'));
    const element = h('form', { novalidate: true }, form.element, failure, button);
    const key = newIdempotencyKey(); // one per form: a double click or a retry records one request
    element.addEventListener('submit', async (event) => {
      event.preventDefault();
      failure.replaceChildren();
      if (form.check().length > 0) return;
      button.disabled = true;
      try {
        const created = await send({
          key,
          createdAt: new Date().toISOString(),
          serviceCode: service.code,
          serviceName: service.name,
          villageCode: ctx.village.code,
          data: form.read(),
          files: [...form.files()].map(([requirementCode, blob]) => ({ requirementCode, blob })),
          uploads: {},
        });
        mount(
          formArea,
          h(
            'section',
            { class: 'notice ok', 'aria-labelledby': 'counter-done' },
            h('h2', { id: 'counter-done', tabindex: '-1' }, t('submittedFor')),
            h('p', { class: 'code big' }, created.trackingCode),
            h(
              'p',
              null,
              h('a', { href: `#/r/${created.id}` }, t('openRequest')),
              ' · ',
              h(
                'button',
                { type: 'button', class: 'link-button', onclick: () => void counterPage(root, ctx) },
                t('another'),
              ),
            ),
          ),
        );
        formArea.querySelector<HTMLElement>('#counter-done')?.focus();
      } catch (error) {
        if (error instanceof ApiError && error.issues.length > 0) form.show(error.issues);
        else failure.replaceChildren(h('p', { class: 'banner error', role: 'alert' }, errorText(error)));
        button.disabled = false;
      }
    });
    formArea.replaceChildren(element);
  };
  mount(
    root,
    h('h1', null, t('counterTitle')),
    h('p', null, t('counterIntro')),
    h('div', { class: 'field' }, h('label', { for: 'counter-service' }, t('service')), select),
    formArea,
  );
  if (services.length === 1 && services[0]) {
    select.value = services[0].code;
    showForm();
  }
}
