import { LEGAL_TYPE_DEFINITIONS } from '../../../functions/core/legal/legal-types.js';
import { ApiError, api, newIdempotencyKey } from '../shared/api.js';
import { loadOfficeServices } from '../shared/catalog.js';
import { errorBox, errorText } from '../shared/chrome.js';
import { runtimeConfig } from '../shared/config.js';
import { h, mount } from '../shared/dom.js';
import { applicationForm } from '../shared/form.js';
import { dateOnly } from '../shared/format.js';
import { translator, tx } from '../shared/i18n.js';
import type { LegalProduct, RequestView, Service } from '../shared/types.js';
import { uploadAttachment } from '../shared/upload.js';
import type { ConsoleContext } from './main.js';

const t = translator({
  title: ['Produk hukum — {village}', 'Legal products — {village}'],
  intro: [
    'Register produk hukum desa yang sudah diundangkan atau ditetapkan (JDIH desa). Rancangan berjalan melalui tahapannya di kotak masuk.',
    "The village's promulgated or enacted legal products (village JDIH). Drafts go through their stages in the inbox.",
  ],
  registerTitle: ['Register', 'Register'],
  none: ['Belum ada produk hukum yang diumumkan.', 'No legal products published yet.'],
  colType: ['Jenis', 'Type'],
  colNumber: ['Nomor', 'Number'],
  colYear: ['Tahun', 'Year'],
  colTitle: ['Tentang', 'Title'],
  colEnacted: ['Ditetapkan', 'Enacted'],
  colStatus: ['Status', 'Status'],
  text: ['naskah (PDF)', 'text (PDF)'],
  status_berlaku: ['Berlaku', 'In force'],
  status_diubah: ['Diubah', 'Amended'],
  status_dicabut: ['Dicabut', 'Revoked'],
  draftTitle: ['Rancang produk hukum', 'Draft a legal product'],
  draftIntro: [
    'Sekretaris desa menyusun rancangan dan melampirkan naskahnya (PDF). Rancangan lalu menunggu kesepakatan BPD, penetapan kepala desa dan pengundangan.',
    'The village secretary drafts and attaches the text (PDF). The draft then waits for the BPD, the village head and promulgation.',
  ],
  type: ['Jenis produk hukum', 'Kind of legal product'],
  chooseType: ['— pilih jenis —', '— choose a kind —'],
  send: ['Kirim rancangan', 'Send the draft'],
  sent: ['Rancangan tercatat dengan kode {code}.', 'The draft was recorded as {code}.'],
  open: ['Buka rancangan dan tahapannya', 'Open the draft and its stages'],
});

/** `#/hukum`: the village's legal products register, and the secretary's drafting form. */
export async function legalPage(root: HTMLElement, ctx: ConsoleContext): Promise<void> {
  const code = encodeURIComponent(ctx.village.code);
  const drafts = ctx.roles.includes('village_secretary');
  const title = h('h1', null, t('title', { village: ctx.village.name }));
  let products: LegalProduct[];
  let services: Service[];
  try {
    [products, services] = await Promise.all([
      api<{ items: LegalProduct[] }>(`/v1/villages/${code}/legal-products`).then((body) => body.items),
      drafts ? loadOfficeServices() : [],
    ]);
  } catch (error) {
    mount(root, title, errorBox(error));
    return;
  }
  const { apiBase = '' } = await runtimeConfig();
  mount(
    root,
    title,
    h('p', null, t('intro')),
    drafts ? draftSection(ctx, services) : null,
    h('h2', { id: 'register-title' }, t('registerTitle')),
    products.length === 0 ? h('p', { class: 'muted' }, t('none')) : register(products, apiBase),
  );
}

function register(products: readonly LegalProduct[], apiBase: string): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { 'aria-labelledby': 'register-title' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [t('colType'), t('colNumber'), t('colYear'), t('colTitle'), t('colEnacted'), t('colStatus')].map(
            (text) => h('th', { scope: 'col' }, text),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        products.map((product) =>
          h(
            'tr',
            null,
            h('td', null, tx(product.typeName)),
            h('td', { class: 'num' }, String(product.number)),
            h('td', { class: 'num' }, String(product.year)),
            h(
              'td',
              null,
              product.title,
              ' (',
              h(
                'a',
                {
                  href: `${apiBase}/v1/legal-products/${product.id}/text`,
                  target: '_blank',
                  rel: 'noopener',
                },
                t('text'),
              ),
              ')',
            ),
            h('td', null, dateOnly(product.enactedOn)),
            h('td', null, t(`status_${product.status}`)),
          ),
        ),
      ),
    ),
  );
}

/** The secretary's draft: the kind, its generated form and the draft text, sent as one legal-product draft. */
function draftSection(ctx: ConsoleContext, services: readonly Service[]): HTMLElement {
  const kinds = Object.values(LEGAL_TYPE_DEFINITIONS).filter((definition) =>
    services.some((service) => service.code === definition.serviceCode),
  );
  const area = h('div');
  const select = h(
    'select',
    { id: 'legal-type', onchange: () => showForm() },
    h('option', { value: '' }, t('chooseType')),
    kinds.map((definition) => h('option', { value: definition.type }, tx(definition.name))),
  );
  const showForm = () => {
    const kind = kinds.find((definition) => definition.type === select.value);
    const service = services.find((candidate) => candidate.code === kind?.serviceCode);
    if (!kind || !service) return area.replaceChildren();
    const form = applicationForm(service, { attachments: true });
    const failure = h('div');
    const button = h('button', { type: 'submit', class: 'primary' }, t('send'));
    const element = h('form', { novalidate: true }, form.element, failure, button);
    const key = newIdempotencyKey(); // one per form: a double click or a retry records one draft
    element.addEventListener('submit', async (event) => {
      event.preventDefault();
      failure.replaceChildren();
      if (form.check().length > 0) return;
      button.disabled = true;
      try {
        const attachments = await Promise.all(
          [...form.files()].map(async ([requirementCode, file]) => ({
            requirementCode,
            uploadId: await uploadAttachment(service.code, requirementCode, file),
          })),
        );
        const created = await api<RequestView>(
          `/v1/villages/${encodeURIComponent(ctx.village.code)}/legal-products`,
          {
            method: 'POST',
            headers: { 'Idempotency-Key': key },
            body: { type: kind.type, data: form.read(), attachments },
          },
        );
        mount(
          area,
          h(
            'div',
            { class: 'notice ok', role: 'status' },
            h('p', null, t('sent', { code: created.trackingCode })),
            h('p', null, h('a', { href: `#/r/${created.id}` }, t('open'))),
          ),
        );
      } catch (error) {
        if (error instanceof ApiError && error.issues.length > 0) form.show(error.issues);
        else failure.replaceChildren(h('p', { class: 'banner error', role: 'alert' }, errorText(error)));
        button.disabled = false;
      }
    });
    area.replaceChildren(element);
  };
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'draft-title' },
    h('h2', { id: 'draft-title' }, t('draftTitle')),
    h('p', null, t('draftIntro')),
    h('div', { class: 'field' }, h('label', { for: 'legal-type' }, t('type')), select),
    area,
  );
}
