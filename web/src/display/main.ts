import '../styles/base.css';
import '../styles/display.css';
import { api } from '../shared/api.js';
import { loadServices, loadVillages, villageLabel } from '../shared/catalog.js';
import { errorText } from '../shared/chrome.js';
import { h, mount } from '../shared/dom.js';
import { duration } from '../shared/format.js';
import { label, lang, setLang, translator, tx } from '../shared/i18n.js';
import type { Service, VillageBoard } from '../shared/types.js';

/**
 * Office display mode for the waiting-room TV (Smart Kampung's "TV LCD" showing the requirements for each
 * letter and the village's activities): /display.html?village=<code>[&seconds=15][&lang=en]. Rotates one
 * slide per service (its requirements, target time and steps), one per announcement, and one per item of the
 * village website's news and agenda (its board.json, rendered when they are published); refreshes its data
 * every ten minutes and keeps showing the last data if the connection drops.
 */
const t = translator({
  requirements: ['Persyaratan', 'Requirements'],
  announcement: ['Pengumuman', 'Announcement'],
  news: ['Berita desa', 'Village news'],
  agenda: ['Agenda kegiatan', 'Coming event'],
  optional: ['(bila ada)', '(if any)'],
  target: ['Target selesai {time}', 'Ready within {time}'],
  steps: ['Alur: {steps}', 'Steps: {steps}'],
  online: ['Ajukan dari rumah: {url}', 'Apply from home: {url}'],
  pause: ['Jeda', 'Pause'],
  play: ['Putar', 'Play'],
  previous: ['Sebelumnya', 'Previous'],
  next: ['Berikutnya', 'Next'],
  fullscreen: ['Layar penuh', 'Full screen'],
  pickTitle: ['Layar informasi kantor desa', 'Village office display'],
  pickVillage: ['Pilih desa', 'Choose the village'],
  start: ['Mulai tayangan', 'Start the display'],
});

const params = new URLSearchParams(location.search);
const main = document.getElementById('main') as HTMLElement;
const SECONDS = Math.max(5, Number(params.get('seconds') ?? 15) || 15);
const REFRESH_MS = 10 * 60_000;
if (params.get('lang') === 'en' || params.get('lang') === 'id') setLang(params.get('lang') as 'id' | 'en');
document.documentElement.lang = lang();

interface Slide {
  readonly kind: string;
  readonly body: HTMLElement;
}

/** The village website's display board (functions/core/website/feeds.ts siteFiles): published items only. */
interface SiteBoardItem {
  readonly kind: 'news' | 'agenda';
  readonly title: string;
  readonly body: string;
  readonly titleEn?: string;
  readonly startsAt?: string;
  readonly place?: string;
  readonly publishedAt: string;
}
interface SiteBoard {
  readonly news: readonly SiteBoardItem[];
  readonly agenda: readonly SiteBoardItem[];
}

let board: VillageBoard | undefined;
let siteBoard: SiteBoard = { news: [], agenda: [] };
let services: Service[] = [];
let index = 0;
let paused = false;
let timer: number | undefined;

async function load(code: string): Promise<void> {
  try {
    const [nextBoard, allServices] = await Promise.all([
      api<VillageBoard>(`/v1/villages/${encodeURIComponent(code)}`, { auth: false }),
      loadServices(),
    ]);
    board = nextBoard;
    services = allServices.filter((service) => nextBoard.services.includes(service.code));
    // A static file beside the village's site: a village whose site is not rendered yet simply has none.
    const site = await fetch(`/desa/${encodeURIComponent(code)}/board.json`).catch(() => undefined);
    if (site?.ok) siteBoard = (await site.json()) as SiteBoard;
  } catch (error) {
    if (!board) mount(main, h('p', { class: 'pick', role: 'alert' }, errorText(error)));
  }
}

function slides(): Slide[] {
  const serviceSlides = services.map((service) => ({
    kind: t('requirements'),
    body: h(
      'div',
      null,
      h('h2', null, tx(service.name)),
      h(
        'ol',
        null,
        service.requirements.map((requirement) =>
          h(
            'li',
            null,
            tx(requirement.label),
            requirement.required ? null : h('span', { class: 'optional' }, ` ${t('optional')}`),
          ),
        ),
      ),
      h(
        'p',
        { class: 'facts' },
        t('target', { time: duration(service.targetHours) }),
        ' · ',
        t('steps', { steps: service.stages.map((stage) => label('role', stage.role)).join(' → ') }),
      ),
    ),
  }));
  const announcementSlides = (board?.announcements ?? []).map((announcement) => ({
    kind: t('announcement'),
    body: h('div', null, h('p', { class: 'announcement' }, tx(announcement))),
  }));
  const when = (item: SiteBoardItem) =>
    new Intl.DateTimeFormat(lang() === 'id' ? 'id-ID' : 'en-GB', {
      dateStyle: 'full',
      ...(item.kind === 'agenda' ? { timeStyle: 'short' } : {}),
      timeZone: 'Asia/Jakarta',
    }).format(new Date(item.kind === 'agenda' && item.startsAt ? item.startsAt : item.publishedAt));
  const siteSlides = [...siteBoard.news, ...siteBoard.agenda].map((item) => ({
    kind: t(item.kind),
    body: h(
      'div',
      null,
      h('h2', null, lang() === 'en' && item.titleEn ? item.titleEn : item.title),
      h('p', { class: 'facts' }, when(item), item.place ? ` · ${item.place}` : ''),
      h('p', { class: 'announcement' }, item.body.length > 280 ? `${item.body.slice(0, 279)}…` : item.body),
    ),
  }));
  // Announcements, news and agenda are interleaved with the services so they come round often.
  const notices = [...announcementSlides, ...siteSlides];
  const all: Slide[] = [];
  const longest = Math.max(serviceSlides.length, notices.length);
  for (let i = 0; i < longest; i++) {
    if (serviceSlides[i]) all.push(serviceSlides[i] as Slide);
    if (notices[i]) all.push(notices[i] as Slide);
  }
  return all;
}

function clock(): HTMLElement {
  const now = new Date();
  const time = new Intl.DateTimeFormat('id-ID', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Jakarta',
  }).format(now);
  const date = new Intl.DateTimeFormat(lang() === 'id' ? 'id-ID' : 'en-GB', {
    dateStyle: 'full',
    timeZone: 'Asia/Jakarta',
  }).format(now);
  return h('div', { class: 'clock' }, `${time} WIB`, h('span', { class: 'date' }, date));
}

function show(): void {
  if (!board) return;
  const all = slides();
  if (all.length === 0) return;
  index = ((index % all.length) + all.length) % all.length;
  const slide = all[index] as Slide;
  mount(
    main,
    h(
      'div',
      { class: 'screen' },
      h(
        'header',
        null,
        h(
          'div',
          null,
          h('h1', { class: 'village' }, `${board.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${board.name}`),
          h('p', { class: 'place' }, `${board.district.name}, ${board.regency.name}`),
        ),
        clock(),
      ),
      h(
        'section',
        { class: 'slide', 'aria-roledescription': 'slide', 'aria-label': `${index + 1} / ${all.length}` },
        h('p', { class: 'kind' }, slide.kind),
        slide.body,
      ),
      h(
        'footer',
        null,
        h('span', null, t('online', { url: location.host })),
        h(
          'div',
          { class: 'dots', 'aria-hidden': 'true' },
          all.map((_, i) => h('span', { class: i === index ? 'on' : '' })),
        ),
      ),
    ),
    h(
      'div',
      { class: 'controls' },
      h('button', { type: 'button', onclick: () => step(-1) }, t('previous')),
      h('button', { type: 'button', onclick: togglePause }, paused ? t('play') : t('pause')),
      h('button', { type: 'button', onclick: () => step(1) }, t('next')),
      document.fullscreenEnabled
        ? h(
            'button',
            {
              type: 'button',
              onclick: () => void document.documentElement.requestFullscreen().catch(() => undefined),
            },
            t('fullscreen'),
          )
        : null,
    ),
  );
}

function step(delta: number): void {
  index += delta;
  show();
  schedule();
}

function togglePause(): void {
  paused = !paused;
  show();
  schedule();
}

function schedule(): void {
  window.clearTimeout(timer);
  if (!paused) timer = window.setTimeout(() => step(1), SECONDS * 1000);
}

async function picker(): Promise<void> {
  const villages = await loadVillages().catch(() => []);
  const select = h(
    'select',
    { id: 'pick-village', name: 'village' },
    villages.map((village) => h('option', { value: village.code }, villageLabel(village))),
  );
  mount(
    main,
    h(
      'form',
      { class: 'pick', method: 'get', action: '/display.html' },
      h('h1', null, t('pickTitle')),
      h('div', { class: 'field' }, h('label', { for: 'pick-village' }, t('pickVillage')), select),
      h('button', { type: 'submit', class: 'primary' }, t('start')),
    ),
  );
  select.name = 'village';
}

async function start(): Promise<void> {
  const code = params.get('village') ?? location.hash.replace(/^#/, '');
  if (!code) return picker();
  await load(code);
  show();
  schedule();
  window.setInterval(() => void load(code), REFRESH_MS);
  window.setInterval(() => {
    const current = main.querySelector('.clock');
    current?.replaceWith(clock());
  }, 15_000);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowRight') step(1);
    else if (event.key === 'ArrowLeft') step(-1);
    else if (event.key === ' ') {
      event.preventDefault();
      togglePause();
    }
  });
}

void start();
