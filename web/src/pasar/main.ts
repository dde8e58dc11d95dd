import '../styles/base.css';
import { langSwitch } from '../shared/chrome.js';
import { runtimeConfig } from '../shared/config.js';
import { h, mount } from '../shared/dom.js';
import { lang, onLangChange, translator } from '../shared/i18n.js';
import { licenceLine, type MarketProduct, marketCategories, photoStrip } from '../shared/market.js';
import type { LocalizedText } from '../shared/types.js';

/**
 * The public UMKM market (issue 13, item 4): /pasar.html?desa=<village code> or ?kab=<regency code>. A small
 * static page that asks the public, cached search route (GET /v1/market/products): its first load is this
 * script and the shared styles, with no sign-in code, so it stays light on a cheap phone.
 */
const t = translator({
  title: ['Pasar Desa', 'Village market'],
  intro: [
    'Produk usaha mikro warga, diperiksa perangkat desa. Pesan langsung ke penjualnya lewat WhatsApp.',
    "Residents' micro-business products, checked by the village office. Order from the seller by WhatsApp.",
  ],
  search: ['Cari produk', 'Search products'],
  words: ['Kata kunci', 'Words'],
  category: ['Kategori', 'Category'],
  all: ['Semua kategori', 'All categories'],
  none: ['Tidak ada produk yang cocok.', 'No product matches.'],
  order: ['Pesan lewat WhatsApp', 'Order by WhatsApp'],
  verified: ['Terverifikasi: IUMK terbit di desa ini', 'Verified: IUMK issued by this village'],
  more: ['Muat lagi', 'Load more'],
  noPlace: [
    'Alamat halaman ini tidak menyebut desa (?desa=) atau kabupaten (?kab=).',
    'This page needs ?desa= or ?kab=.',
  ],
  failed: ['Produk tidak dapat dimuat. Coba lagi nanti.', 'Products could not be loaded. Try again later.'],
  hamlet: ['Dusun {hamlet}', 'Hamlet {hamlet}'],
  photoOf: ['Foto {name}', 'Photo of {name}'],
  sell: ['Punya usaha? Jual produk Anda di sini', 'Own a business? Sell your products here'],
});

interface Product extends MarketProduct {
  readonly categoryLabel: LocalizedText;
  readonly orderUrl: string;
}
interface Page {
  readonly items: readonly Product[];
  readonly total: number;
  readonly cursor?: string;
}

const main = document.getElementById('main') as HTMLElement;
const params = new URLSearchParams(location.search);
/** The village (?desa=) or the regency (?kab=) whose products the page lists, as the API names them. */
const place: Record<string, string> | undefined = params.get('desa')
  ? { village: params.get('desa') ?? '' }
  : params.get('kab')
    ? { regency: params.get('kab') ?? '' }
    : undefined;
const local = (text: LocalizedText) => (lang() === 'id' ? text.id : text.en);
const price = (amount: number) => `Rp${amount.toLocaleString('id-ID')}`;

async function fetchPage(q: string, category: string, cursor?: string): Promise<Page> {
  const { apiBase = '' } = await runtimeConfig();
  const query = new URLSearchParams({
    ...(place ?? {}),
    ...(q ? { q } : {}),
    ...(category ? { category } : {}),
    ...(cursor ? { cursor } : {}),
  });
  const response = await fetch(`${apiBase}/v1/market/products?${query}`);
  if (!response.ok) throw new Error(String(response.status));
  return (await response.json()) as Page;
}

function card(product: Product, apiBase: string): HTMLElement {
  const numbers = licenceLine(product);
  return h(
    'li',
    { class: 'card' },
    h('h2', null, product.name),
    photoStrip(product, apiBase, t('photoOf', { name: product.name })),
    h('p', null, h('strong', null, `${price(product.pricePerUnit)} / ${product.unit}`)),
    h('p', null, product.description),
    h(
      'p',
      { class: 'muted' },
      `${product.businessName} · ${t('hamlet', { hamlet: product.hamlet })} · ${local(product.categoryLabel)}`,
    ),
    numbers ? h('p', { class: 'muted' }, numbers) : null,
    product.verified
      ? h('p', null, h('a', { class: 'verified', href: product.verified.verifyUrl }, `✔ ${t('verified')}`))
      : null,
    h(
      'p',
      null,
      h('a', { class: 'button', href: product.orderUrl, rel: 'noopener', target: '_blank' }, t('order')),
    ),
  );
}

function render(): void {
  document.documentElement.lang = lang();
  const header = document.querySelector('header.top') as HTMLElement;
  mount(
    header,
    h('a', { class: 'brand', href: '/' }, 'Desa Digital'),
    h('div', { class: 'account' }, langSwitch()),
  );
  if (!place) {
    mount(main, h('h1', null, t('title')), h('p', null, t('noPlace')));
    return;
  }
  const words = h('input', { type: 'search', name: 'q', id: 'pasar-q', value: params.get('q') ?? '' });
  const category = h(
    'select',
    { name: 'category', id: 'pasar-category' },
    h('option', { value: '' }, t('all')),
    marketCategories().map(([value, label]) =>
      h('option', { value, selected: params.get('category') === value }, label),
    ),
  );
  const list = h('ul', { class: 'cards', 'aria-live': 'polite' });
  const more = h('p');
  const load = async (cursor?: string) => {
    if (!cursor) list.replaceChildren();
    more.replaceChildren();
    try {
      const page = await fetchPage(words.value.trim(), category.value, cursor);
      const { apiBase = '' } = await runtimeConfig();
      if (!cursor && page.items.length === 0) list.append(h('li', null, t('none')));
      list.append(...page.items.map((product) => card(product, apiBase)));
      if (page.cursor)
        more.append(h('button', { type: 'button', onclick: () => load(page.cursor) }, t('more')));
    } catch {
      list.replaceChildren(h('li', { role: 'alert' }, t('failed')));
    }
  };
  const form = h(
    'form',
    {
      role: 'search',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void load();
      },
    },
    h('label', { for: 'pasar-q' }, t('words')),
    words,
    h('label', { for: 'pasar-category' }, t('category')),
    category,
    h('button', { type: 'submit' }, t('search')),
  );
  mount(
    main,
    h('h1', null, t('title')),
    h('p', null, t('intro')),
    h('p', null, h('a', { href: '/#/jual' }, t('sell'))),
    form,
    list,
    more,
  );
  void load();
}

onLangChange(render);
render();
