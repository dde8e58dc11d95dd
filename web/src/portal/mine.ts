import { api } from '../shared/api.js';
import { signedIn } from '../shared/auth.js';
import { findService } from '../shared/catalog.js';
import { errorBox, signInForm } from '../shared/chrome.js';
import { h, mount } from '../shared/dom.js';
import { flash } from '../shared/flash.js';
import { dateTime } from '../shared/format.js';
import { label, tx } from '../shared/i18n.js';
import { discard, flush, queued } from '../shared/outbox.js';
import { go } from '../shared/router.js';
import type { RequestPage } from '../shared/types.js';
import { linkNikSection } from './link-nik.js';
import { t } from './strings.js';

/** The person's requests: those still waiting on this device for a connection, then those the API holds. */
export async function minePage(root: HTMLElement): Promise<void> {
  const title = h('h1', null, t('navMine'));
  if (!signedIn()) {
    mount(
      root,
      title,
      h('p', null, t('signInToSee')),
      signInForm(() => {
        window.dispatchEvent(new Event('dd:session'));
        void minePage(root);
      }),
    );
    return;
  }
  const waiting = await queued();
  const outbox =
    waiting.length === 0
      ? null
      : h(
          'section',
          { 'aria-labelledby': 'outbox-title' },
          h('h2', { id: 'outbox-title' }, t('waitingOnDevice')),
          h(
            'ul',
            { class: 'list' },
            waiting.map((item) =>
              h(
                'li',
                null,
                h('strong', null, tx(item.serviceName)),
                ` · ${dateTime(item.createdAt)}`,
                item.lastError
                  ? h('p', { class: 'field-error' }, t('refused', { reason: tx(item.lastError) }))
                  : null,
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'secondary',
                    onclick: async () => {
                      const sent = await flush();
                      if (sent.length > 0) flash(t('sentCount', { n: sent.length }));
                      go('/saya');
                    },
                  },
                  t('sendNow'),
                ),
                ' ',
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'link-button',
                    onclick: async () => {
                      await discard(item.key);
                      go('/saya');
                    },
                  },
                  t('discard'),
                ),
              ),
            ),
          ),
        );
  let list: HTMLElement;
  try {
    const page = await api<RequestPage>('/v1/me/requests?limit=50');
    const names = await Promise.all(
      page.items.map((item) => findService(item.serviceCode, item.villageCode).catch(() => undefined)),
    );
    list =
      page.items.length === 0
        ? h('p', null, t('noRequests'))
        : h(
            'ul',
            { class: 'list' },
            page.items.map((item, index) =>
              h(
                'li',
                null,
                h(
                  'a',
                  { href: `#/permohonan/${item.id}` },
                  names[index] ? tx(names[index].name) : item.serviceCode,
                ),
                ' ',
                h('span', { class: `status status-${item.status}` }, label('status', item.status)),
                h('br'),
                h('span', { class: 'muted' }, `${item.trackingCode} · ${dateTime(item.createdAt)}`),
              ),
            ),
          );
  } catch (error) {
    list = errorBox(error);
  }
  const linkNik = await linkNikSection(() => void minePage(root));
  mount(root, title, outbox, list, linkNik);
}
