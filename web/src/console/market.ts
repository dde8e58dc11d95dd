import { api } from '../shared/api.js';
import { errorBox, errorText } from '../shared/chrome.js';
import { h, mount, uid } from '../shared/dom.js';
import { flash } from '../shared/flash.js';
import { translator } from '../shared/i18n.js';
import { licenceLine, type MarketProduct, photoStrip } from '../shared/market.js';
import type { ConsoleContext } from './main.js';

const t = translator({
  title: ['Pasar Desa — {village}', 'Village market — {village}'],
  intro: [
    'Produk yang didaftarkan warga tampil di Pasar Desa setelah operator memeriksanya.',
    'Products residents list appear in the village market once the operator has checked them.',
  ],
  viewMarket: ['Lihat Pasar Desa', 'View the village market'],
  pending: ['Menunggu pemeriksaan', 'Waiting for a check'],
  reported: ['Produk terbit yang dilaporkan', 'Published products that were reported'],
  none: ['Tidak ada.', 'None.'],
  approve: ['Terbitkan: {name}', 'Publish: {name}'],
  reject: ['Tolak: {name}', 'Reject: {name}'],
  reason: ['Alasan penolakan', 'Reason for rejecting'],
  approved: ['"{name}" terbit di Pasar Desa.', '"{name}" is in the village market.'],
  rejected: ['"{name}" ditolak.', '"{name}" was rejected.'],
  reports: ['{count} laporan', '{count} reports'],
  verified: ['IUMK terbit di desa ini', 'IUMK issued by this village'],
  photoOf: ['Foto {name}', 'Photo of {name}'],
  operatorOnly: ['Hanya operator desa yang memeriksa produk.', 'Only the village operator checks products.'],
});

interface StaffProduct extends MarketProduct {
  readonly status: string;
  readonly reportCount: number;
  readonly reports: readonly { readonly reason: string; readonly at: string }[];
}

/** `#/pasar`: the village's products waiting for the operator's check, and the reported ones. */
export async function marketPage(root: HTMLElement, ctx: ConsoleContext): Promise<void> {
  const base = `/v1/villages/${encodeURIComponent(ctx.village.code)}/market-products`;
  const title = h('h1', null, t('title', { village: ctx.village.name }));
  let products: StaffProduct[];
  try {
    products = (await api<{ items: StaffProduct[] }>(base)).items;
  } catch (error) {
    mount(root, title, errorBox(error));
    return;
  }
  const checks = ctx.roles.includes('operator');
  const reload = () => void marketPage(root, ctx);
  const pending = products.filter((product) => product.status === 'pending');
  const reported = products.filter((product) => product.status === 'published' && product.reportCount > 0);
  const list = (items: StaffProduct[], withActions: boolean) =>
    items.length === 0
      ? h('p', { class: 'muted' }, t('none'))
      : h(
          'ul',
          { class: 'cards' },
          items.map((product) => card(product, withActions && checks, reload)),
        );
  mount(
    root,
    title,
    h('p', null, t('intro'), ' ', h('a', { href: `/pasar.html?desa=${ctx.village.code}` }, t('viewMarket'))),
    checks ? null : h('p', { class: 'muted' }, t('operatorOnly')),
    h('h2', null, t('pending')),
    list(pending, true),
    h('h2', null, t('reported')),
    list(reported, false),
  );
}

function card(product: StaffProduct, withActions: boolean, reload: () => void): HTMLElement {
  const review = async (
    body: { decision: 'approve' | 'reject'; reason?: string },
    button: HTMLButtonElement,
  ) => {
    button.disabled = true;
    try {
      await api(`/v1/market/products/${encodeURIComponent(product.id)}/review`, { method: 'POST', body });
      flash(t(body.decision === 'approve' ? 'approved' : 'rejected', { name: product.name }));
      reload();
    } catch (error) {
      flash(errorText(error), 'error');
      button.disabled = false;
    }
  };
  const reasonId = uid('reason');
  const reason = h('input', { id: reasonId, name: 'reason', maxlength: 500 });
  const approve = h('button', { type: 'button' }, t('approve', { name: product.name }));
  approve.addEventListener('click', () => void review({ decision: 'approve' }, approve));
  const reject = h('button', { type: 'button' }, t('reject', { name: product.name }));
  reject.addEventListener('click', () => void review({ decision: 'reject', reason: reason.value }, reject));
  const numbers = licenceLine(product);
  return h(
    'li',
    { class: 'card' },
    h('h3', null, product.name),
    photoStrip(product, '', t('photoOf', { name: product.name })),
    h(
      'p',
      null,
      `Rp${product.pricePerUnit.toLocaleString('id-ID')} / ${product.unit} · ${product.businessName} · ${product.hamlet}`,
    ),
    h('p', null, product.description),
    numbers ? h('p', { class: 'muted' }, numbers) : null,
    product.verified
      ? h('p', null, h('a', { href: product.verified.verifyUrl }, `✔ ${t('verified')}`))
      : null,
    product.reportCount > 0
      ? h(
          'div',
          null,
          h('p', null, t('reports', { count: product.reportCount })),
          h(
            'ul',
            null,
            product.reports.map((report) => h('li', null, report.reason)),
          ),
        )
      : null,
    withActions ? h('p', null, approve) : null,
    withActions ? h('p', null, h('label', { for: reasonId }, t('reason')), reason, reject) : null,
  );
}
