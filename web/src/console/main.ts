import '../styles/base.css';
import {
  OUT_OF_SCHOOL_READERS,
  SITE_EDITORS,
  SURVEY_RECORDERS,
} from '../../../functions/core/identity/policy.js';
import { isStaff, signedIn, signOut } from '../shared/auth.js';
import { loadVillages } from '../shared/catalog.js';
import { langSwitch, offlineBanner, signInForm } from '../shared/chrome.js';
import { focusHeading, h, mount } from '../shared/dom.js';
import { clearStaleFlash } from '../shared/flash.js';
import { common, label, lang, onLangChange } from '../shared/i18n.js';
import { flush } from '../shared/outbox.js';
import { onRoute } from '../shared/router.js';
import type { Village } from '../shared/types.js';
import { counterPage } from './counter.js';
import { dashboardPage } from './dashboard.js';
import { inboxPage } from './inbox.js';
import { nikPage } from './nik.js';
import { requestPage } from './request.js';
import { t } from './strings.js';

/**
 * The staff console: inbox for the person's role and village, a request's page with the decision, the counter,
 * the dashboard, and the transparency screens (legal products, village budget, village website).
 */
const header = document.querySelector('header.top') as HTMLElement;
const main = document.getElementById('main') as HTMLElement;
const banners = document.getElementById('banners') as HTMLElement;
const VILLAGE_KEY = 'dd.console.village';

export interface ConsoleContext {
  readonly village: Village;
  readonly villages: readonly Village[];
  readonly roles: readonly string[];
}

/** Who sees "Aktivasi NIK" (those who issue codes or undo links, nik.ts) and "Pasar Desa" (the village's products). */
const NIK_ROLES = ['operator', 'village_secretary', 'village_head'];

const recordsSurveys = (roles: readonly string[]) =>
  roles.some((role) => (SURVEY_RECORDERS as readonly string[]).includes(role));
/** Who sees "Kasus" (cases to the UPT): the village's reporters, and the UPT, poverty unit and regency admin's dashboard. */
const CASE_ROLES = ['operator', 'frontline_worker', 'upt_officer', 'poverty_unit_officer', 'regency_admin'];

/** A teacher or health worker decides nothing: their console is the case report and the out-of-school list. */
const fieldWorker = (ctx: ConsoleContext) => ctx.roles.every((role) => role === 'frontline_worker');

/** Who sees "Anak putus sekolah" (Garda Ampuh's list, out-of-school.ts). */
const readsOutOfSchool = (roles: readonly string[]) =>
  roles.some((role) => (OUT_OF_SCHOOL_READERS as readonly string[]).includes(role));
const outOfSchoolLink = () => h('a', { href: '#/putus-sekolah' }, t('navOutOfSchool'));

const covers = (area: string, code: string) => code === area || code.startsWith(`${area}.`);

async function context(): Promise<ConsoleContext | undefined> {
  const session = signedIn();
  if (!session) return undefined;
  const villages = (await loadVillages()).filter((village) =>
    session.areas.some((area) => covers(area, village.code)),
  );
  const stored = localStorage.getItem(VILLAGE_KEY);
  const village = villages.find((candidate) => candidate.code === stored) ?? villages[0];
  return village ? { village, villages, roles: session.roles } : undefined;
}

/** `enumerator`: the enumerator's console, the survey and the out-of-school list (no inbox). */
function renderHeader(ctx: ConsoleContext | undefined, enumerator = false): void {
  document.documentElement.lang = lang();
  const session = signedIn();
  mount(
    header,
    h('a', { class: 'brand', href: '#/' }, `${common('appName')} · ${t('title')}`),
    ctx && enumerator
      ? h(
          'nav',
          { 'aria-label': common('mainNav') },
          h('a', { href: '#/' }, t('navSurvey')),
          outOfSchoolLink(),
        )
      : ctx && fieldWorker(ctx)
        ? h(
            'nav',
            { 'aria-label': common('mainNav') },
            h('a', { href: '#/kasus' }, t('navCases')),
            outOfSchoolLink(),
          )
        : ctx
          ? h(
              'nav',
              { 'aria-label': common('mainNav') },
              h('a', { href: '#/' }, t('navInbox')),
              h('a', { href: '#/loket' }, t('navCounter')),
              ctx.roles.some((role) => NIK_ROLES.includes(role))
                ? h('a', { href: '#/nik' }, t('navNik'))
                : null,
              h('a', { href: '#/dasbor' }, t('navDashboard')),
              h('a', { href: '#/hukum' }, t('navLegal')),
              h('a', { href: '#/apbdes' }, t('navBudget')),
              ctx.roles.some((role) => (SITE_EDITORS as readonly string[]).includes(role))
                ? h('a', { href: '#/situs' }, t('navSite'))
                : null,
              ctx.roles.some((role) => NIK_ROLES.includes(role))
                ? h('a', { href: '#/pasar' }, t('navMarket'))
                : null,
              ctx.roles.some((role) => CASE_ROLES.includes(role))
                ? h('a', { href: '#/kasus' }, t('navCases'))
                : null,
              recordsSurveys(ctx.roles) ? h('a', { href: '#/survei' }, t('navSurvey')) : null,
              readsOutOfSchool(ctx.roles) ? outOfSchoolLink() : null,
            )
          : null,
    h(
      'div',
      { class: 'account' },
      ctx && ctx.villages.length > 1 ? villagePicker(ctx) : ctx ? h('span', null, ctx.village.name) : null,
      session
        ? h(
            'button',
            {
              type: 'button',
              class: 'link-button',
              onclick: () => {
                signOut();
                rerender();
              },
            },
            `${common('signOut')} (${session.name}, ${session.roles.map((role) => label('role', role)).join(', ')})`,
          )
        : null,
      langSwitch(),
    ),
  );
}

function villagePicker(ctx: ConsoleContext): HTMLElement {
  const select = h(
    'select',
    {
      id: 'console-village',
      class: 'compact',
      onchange: () => {
        localStorage.setItem(VILLAGE_KEY, select.value);
        rerender();
      },
    },
    ctx.villages.map((village) =>
      h('option', { value: village.code, selected: village.code === ctx.village.code }, village.name),
    ),
  );
  return h(
    'span',
    null,
    h('label', { for: 'console-village', class: 'inline' }, `${t('village')}: `),
    select,
  );
}

let latest = 0;

/** Renders a route; a render overtaken by a newer one (a quick second click, a sign-out) is dropped. */
async function render(route: string[]): Promise<(() => void) | undefined> {
  const generation = ++latest;
  const session = signedIn();
  const root = h('div');
  let cleanup: (() => void) | undefined;
  if (!session) {
    renderHeader(undefined);
    mount(
      root,
      h('h1', null, t('signInTitle')),
      signInForm(() => rerender()),
    );
  } else if (session.roles.every((role) => role === 'enumerator')) {
    // Enumerators decide nothing and have no inbox (issue 13): the survey form is their console, and the
    // village's out-of-school list they find children for.
    const ctx = await context().catch(() => undefined);
    renderHeader(ctx, true);
    if (ctx && route[0] === 'putus-sekolah')
      await (await import('./out-of-school.js')).outOfSchoolPage(root, ctx);
    else if (ctx) cleanup = await (await import('./survey.js')).surveyPage(root, ctx);
    else mount(root, h('h1', null, t('title')), h('p', null, t('staffOnly')));
  } else if (!isStaff(session)) {
    renderHeader(undefined);
    mount(
      root,
      h('h1', null, t('title')),
      h('p', null, t('staffOnly')),
      h('a', { href: '/' }, t('toPortal')),
    );
  } else {
    const ctx = await context().catch(() => undefined);
    renderHeader(ctx);
    if (!ctx) {
      mount(root, h('h1', null, t('title')), h('p', null, t('staffOnly')));
    } else {
      const [page, param] = route;
      if (page === 'kasus' || (!page && fieldWorker(ctx)))
        await (await import('./cases.js')).casesPage(root, ctx);
      else if (!page) cleanup = await inboxPage(root, ctx);
      else if (page === 'r' && param) await requestPage(root, ctx, param);
      else if (page === 'loket') await counterPage(root, ctx);
      else if (page === 'nik') nikPage(root, ctx);
      else if (page === 'dasbor') await dashboardPage(root, ctx);
      // The transparency screens load on first use: most visits are the inbox and a request.
      else if (page === 'hukum') await (await import('./transparency.js')).legalPage(root, ctx);
      else if (page === 'apbdes') await (await import('./transparency.js')).budgetPage(root, ctx, param);
      else if (page === 'situs') await (await import('./transparency.js')).sitePage(root, ctx);
      else if (page === 'pasar') await (await import('./market.js')).marketPage(root, ctx);
      else if (page === 'putus-sekolah')
        await (await import('./out-of-school.js')).outOfSchoolPage(root, ctx);
      else if (page === 'survei') cleanup = await (await import('./survey.js')).surveyPage(root, ctx);
      else mount(root, h('h1', null, '404'));
    }
  }
  if (generation !== latest) {
    cleanup?.();
    return undefined;
  }
  clearStaleFlash();
  mount(main, root);
  focusHeading(main);
  return cleanup;
}

const rerender = () => window.dispatchEvent(new HashChangeEvent('hashchange'));

/** Surveys saved without a connection go out when it returns (and at start, if it is already back). */
const sendWaiting = () => {
  if (navigator.onLine && signedIn()) void flush();
};

mount(banners, offlineBanner(), h('div', { id: 'flash' }));
onLangChange(rerender);
onRoute(render);
window.addEventListener('online', sendWaiting);
// A connection that comes back half-way (the online event fired but requests still fail) is tried again.
window.setInterval(sendWaiting, 20_000);
sendWaiting();
