import '../styles/base.css';
import { signedIn, signOut } from '../shared/auth.js';
import { langSwitch, offlineBanner } from '../shared/chrome.js';
import { focusHeading, h, mount } from '../shared/dom.js';
import { clearStaleFlash, flash } from '../shared/flash.js';
import { common, lang, onLangChange } from '../shared/i18n.js';
import { flush } from '../shared/outbox.js';
import { currentRoute, onRoute } from '../shared/router.js';
import { applyPage } from './apply.js';
import { homePage } from './home.js';
import { lookupPage } from './lookup.js';
import { minePage } from './mine.js';
import { t } from './strings.js';
import { trackPage } from './track.js';

/** The citizen portal: catalog → apply → track → download; works on a small phone and survives going offline. */
const header = document.querySelector('header.top') as HTMLElement;
const banners = document.getElementById('banners') as HTMLElement;
const main = document.getElementById('main') as HTMLElement;
const footer = document.querySelector('footer') as HTMLElement;

function renderChrome(): void {
  document.documentElement.lang = lang();
  const session = signedIn();
  mount(
    header,
    h('a', { class: 'brand', href: '#/' }, common('appName')),
    h(
      'nav',
      { 'aria-label': common('mainNav') },
      h('a', { href: '#/' }, t('navServices')),
      h('a', { href: '#/saya' }, t('navMine')),
      h('a', { href: '#/lacak' }, t('navLookup')),
      h('a', { href: '/verify.html' }, t('navVerify')),
    ),
    h(
      'div',
      { class: 'account' },
      session
        ? h(
            'button',
            {
              type: 'button',
              class: 'link-button',
              onclick: () => {
                signOut();
                renderChrome();
                rerender();
              },
            },
            `${common('signOut')} (${session.name})`,
          )
        : null,
      langSwitch(),
    ),
  );
  mount(footer, h('p', null, t('footer')));
}

let latest = 0;

/** Renders a route; a render overtaken by a newer one (a quick second click, a sign-out) is dropped. */
async function render(route: string[]): Promise<(() => void) | undefined> {
  const generation = ++latest;
  const [page, param] = route;
  let cleanup: (() => void) | undefined;
  const root = h('div');
  mount(main, h('p', { class: 'muted' }, common('loading')));
  if (!page) await homePage(root);
  else if (page === 'ajukan' && param) await applyPage(root, param);
  else if (page === 'permohonan' && param) cleanup = await trackPage(root, param);
  else if (page === 'saya') await minePage(root);
  else if (page === 'lacak') lookupPage(root, param);
  // The seller's page is fetched only when opened: most visitors never sell, and the first load stays small.
  else if (page === 'jual') await (await import('./sell.js')).sellPage(root);
  else mount(root, h('h1', null, t('notFound')));
  if (generation !== latest) {
    cleanup?.();
    return undefined;
  }
  clearStaleFlash();
  mount(main, root);
  focusHeading(main);
  return cleanup;
}

/** Waiting submissions go out when the connection returns (and at start, if it is already back). */
async function sendWaiting(): Promise<void> {
  if (!navigator.onLine || !signedIn()) return;
  const sent = await flush();
  if (sent.length > 0) {
    flash(t('sentCount', { n: sent.length }));
    if (currentRoute()[0] === 'saya') rerender();
  }
}

renderChrome();
mount(banners, offlineBanner(), h('div', { id: 'flash' }));
const rerender = () => window.dispatchEvent(new HashChangeEvent('hashchange'));
onLangChange(() => {
  renderChrome();
  rerender();
});
window.addEventListener('dd:session', () => renderChrome());
window.addEventListener('online', () => void sendWaiting());
// A connection that comes back half-way (the online event fired but requests still fail) is tried again.
window.setInterval(() => void sendWaiting(), 20_000);
onRoute(render);
void sendWaiting();
if (
  'serviceWorker' in navigator &&
  (location.protocol === 'https:' || location.hostname === '127.0.0.1' || location.hostname === 'localhost')
) {
  void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}
