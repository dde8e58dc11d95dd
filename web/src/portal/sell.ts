import { ApiError, api, NetworkError } from '../shared/api.js';
import { signedIn } from '../shared/auth.js';
import { loadVillages, rememberedVillage, rememberVillage } from '../shared/catalog.js';
import { errorText, signInForm } from '../shared/chrome.js';
import { h, mount } from '../shared/dom.js';
import { flash } from '../shared/flash.js';
import { common, translator, tx } from '../shared/i18n.js';
import { type MarketProduct, marketCategories } from '../shared/market.js';
import { shrink } from '../shared/upload.js';
import { villageSelect } from './home.js';

/**
 * "Jual di Pasar Desa" (issue 13, item 4): a citizen with a linked NIK lists a product and adds up to three
 * photos from the phone. Loaded only when opened (portal/main.ts), so the portal's first load stays as it was.
 */
const t = translator({
  title: ['Jual di Pasar Desa', 'Sell in the village market'],
  intro: [
    'Daftarkan produk usaha Anda. Perangkat desa memeriksanya dulu; setelah terbit, pembeli memesan langsung ke Anda lewat WhatsApp.',
    'List your business’s product. The village office checks it first; once published, buyers order from you directly by WhatsApp.',
  ],
  signIn: ['Masuk dulu untuk menjual di Pasar Desa.', 'Sign in first to sell in the village market.'],
  noNik: [
    'Untuk berjualan, akun Anda harus terhubung dengan NIK: penjual dikenali dari NIK-nya (tidak pernah ditampilkan). Kode aktivasi diberikan di kantor desa saat Anda membawa KTP.',
    'To sell, your account must be linked to your NIK: a seller is known by their NIK (never shown). The activation code is given at the village office when you bring your KTP.',
  ],
  linkNik: ['Hubungkan NIK', 'Link your NIK'],
  village: ['Desa tempat usaha', 'Village of the business'],
  businessName: ['Nama usaha', 'Business name'],
  businessNameHint: ['Contoh: Keripik Bu Siti', 'For example: Keripik Bu Siti'],
  name: ['Nama produk', 'Product name'],
  price: ['Harga per satuan (Rp)', 'Price per unit (Rp)'],
  priceHint: ['Rupiah utuh, tanpa titik. Contoh: 15000', 'Whole rupiah, no dots. For example: 15000'],
  unit: ['Satuan', 'Unit'],
  unitHint: ['Contoh: bungkus, kg, buah, jam', 'For example: pack, kg, piece, hour'],
  description: ['Keterangan', 'Description'],
  category: ['Kategori', 'Category'],
  chooseCategory: ['— pilih kategori —', '— choose a category —'],
  hamlet: ['Dusun', 'Hamlet'],
  whatsapp: ['Nomor WhatsApp', 'WhatsApp number'],
  whatsappHint: [
    'Nomor ini tidak ditampilkan sebagai teks: pembeli hanya melihat tombol "Pesan lewat WhatsApp" yang membuka obrolan dengan Anda. Dengan mengirim, Anda setuju nomor dipakai untuk tautan pesanan itu saja.',
    'The number is never shown as text: buyers only see an "Order by WhatsApp" button that opens a chat with you. By sending, you agree that it is used for that order link only.',
  ],
  licences: ['Nomor izin dan sertifikat (jika ada)', 'Licence and certificate numbers (if any)'],
  nib: ['NIB (13 angka, dari OSS)', 'NIB (13 digits, from OSS)'],
  pirt: ['Nomor P-IRT (15 angka)', 'P-IRT number (15 digits)'],
  halal: ['Nomor sertifikat halal (ID…)', 'Halal certificate number (ID…)'],
  submit: ['Daftarkan produk', 'List the product'],
  sending: ['Mengirim…', 'Sending…'],
  fixFields: ['Periksa isian yang ditandai.', 'Check the marked fields.'],
  listed: [
    '"{name}" terdaftar dan menunggu pemeriksaan perangkat desa. Tambahkan fotonya di bawah.',
    '"{name}" is listed and waits for the village office’s check. Add its photos below.',
  ],
  yours: ['Produk yang Anda daftarkan', 'Products you listed'],
  yoursHint: [
    'Daftar ini hanya ada selama halaman ini terbuka.',
    'This list lasts only while this page is open.',
  ],
  status: ['Status: {status}', 'Status: {status}'],
  status_pending: ['menunggu pemeriksaan', 'waiting for the check'],
  status_published: ['terbit', 'published'],
  status_rejected: ['ditolak', 'rejected'],
  status_withdrawn: ['ditarik', 'withdrawn'],
  addPhoto: ['Tambah foto ({n}/3)', 'Add a photo ({n}/3)'],
  addPhotoHint: [
    'JPEG, PNG atau WebP, paling besar 5 MB. Foto baru membuat produk yang sudah terbit diperiksa lagi oleh perangkat desa.',
    'JPEG, PNG or WebP, at most 5 MB. A new photo sends a published product back to the village office’s check.',
  ],
  photoOf: ['Foto {name}', 'Photo of {name}'],
  photoNotImage: ['Pilih foto JPEG, PNG, atau WebP.', 'Choose a JPEG, PNG or WebP photo.'],
  photoUploading: ['Mengunggah foto… {percent}%', 'Uploading the photo… {percent}%'],
  photoProcessing: ['Memproses foto…', 'Processing the photo…'],
  photoAdded: ['Foto ditambahkan ({n}/3).', 'Photo added ({n}/3).'],
  photoFailed: ['Unggahan foto gagal; silakan coba lagi.', 'The photo upload failed; please try again.'],
  photosFull: ['Produk ini sudah punya 3 foto.', 'This product has its 3 photos.'],
  uploadProgress: ['Kemajuan unggahan', 'Upload progress'],
});

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_PHOTOS = 3;
/** The fields the seller fills, named as the API names them (its 400 issues land next to each). */
const TEXT_FIELDS = ['businessName', 'name', 'unit', 'hamlet', 'whatsapp'] as const;
const LICENCE_FIELDS = ['nib', 'pirt', 'halal'] as const;

interface SellerProduct extends MarketProduct {
  readonly status: 'pending' | 'published' | 'rejected' | 'withdrawn';
}
interface PhotoTicket {
  readonly photoId: string;
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
}
/** A product listed in this page's life, with the photos the phone sent (the public route serves only published ones). */
interface Listed {
  product: SellerProduct;
  readonly previews: string[];
}

/** What each account listed while the portal is open: the API has no "my products" route yet. */
const listedBy = new Map<string, Listed[]>();

export async function sellPage(root: HTMLElement): Promise<void> {
  const title = h('h1', null, t('title'));
  const session = signedIn();
  if (!session) {
    mount(
      root,
      title,
      h('p', null, t('signIn')),
      signInForm(() => {
        window.dispatchEvent(new Event('dd:session'));
        void sellPage(root).then(() => title.focus());
      }),
    );
    return;
  }
  const [me, villages] = await Promise.all([
    api<{ nik?: unknown }>('/v1/me').catch(() => undefined),
    loadVillages().catch(() => []),
  ]);
  if (me && !me.nik) {
    mount(root, title, noNikNotice());
    return;
  }
  const listed = listedBy.get(session.subject) ?? [];
  listedBy.set(session.subject, listed);
  const list = h('ul', { class: 'cards' });
  const yours = h(
    'section',
    { 'aria-labelledby': 'sell-yours', hidden: listed.length === 0 },
    h('h2', { id: 'sell-yours' }, t('yours')),
    h('p', { class: 'hint' }, t('yoursHint')),
    list,
  );
  list.append(...listed.map(productCard));
  const form = productForm(villages, (product) => {
    const entry: Listed = { product, previews: [] };
    listed.unshift(entry);
    const card = productCard(entry);
    list.prepend(card);
    yours.hidden = false;
    flash(t('listed', { name: product.name }));
    card.querySelector('h3')?.focus();
  });
  mount(root, title, h('p', null, t('intro')), form, yours);
}

const noNikNotice = () =>
  h(
    'div',
    { class: 'notice warn', role: 'alert', id: 'sell-no-nik' },
    h('p', null, t('noNik')),
    h('p', null, h('a', { class: 'button', href: '#/saya' }, t('linkNik'))),
  );

/** A labelled control with its hint and the place its error shows, as link-nik.ts builds them. */
function field(id: string, labelText: string, control: HTMLElement, hint?: string, optional = false) {
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  control.id = id;
  control.setAttribute('aria-describedby', [hint ? `${id}-hint` : '', error.id].filter(Boolean).join(' '));
  const show = (message: string | undefined) => {
    error.hidden = !message;
    error.textContent = message ?? '';
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  };
  const element = h(
    'div',
    { class: 'field' },
    h(
      'label',
      { for: id },
      labelText,
      optional ? [' ', h('span', { class: 'muted' }, `(${common('optional')})`)] : null,
    ),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    control,
    error,
  );
  return { element, show, control };
}

/** The API starts a field's message with the field's name ("pricePerUnit: …"); the citizen reads it by the field. */
const withoutFieldName = (message: string, field: string) =>
  message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;

const textInput = (attrs: Record<string, unknown> = {}) => h('input', { type: 'text', ...attrs });

function productForm(
  villages: Awaited<ReturnType<typeof loadVillages>>,
  onListed: (product: SellerProduct) => void,
): HTMLFormElement {
  const village = villageSelect(villages, rememberedVillage(), rememberVillage);
  const category = h(
    'select',
    null,
    h('option', { value: '' }, t('chooseCategory')),
    marketCategories().map(([code, label]) => h('option', { value: code }, label)),
  );
  const description = h('textarea', { rows: 4, maxlength: 2000 });
  const fields = {
    villageCode: field('sell-village', t('village'), village),
    businessName: field(
      'sell-businessName',
      t('businessName'),
      textInput({ maxlength: 200 }),
      t('businessNameHint'),
    ),
    name: field('sell-name', t('name'), textInput({ maxlength: 200 })),
    pricePerUnit: field('sell-price', t('price'), textInput({ inputmode: 'numeric' }), t('priceHint')),
    unit: field('sell-unit', t('unit'), textInput({ maxlength: 50 }), t('unitHint')),
    description: field('sell-description', t('description'), description),
    category: field('sell-category', t('category'), category),
    hamlet: field('sell-hamlet', t('hamlet'), textInput({ maxlength: 100 })),
    whatsapp: field(
      'sell-whatsapp',
      t('whatsapp'),
      h('input', { type: 'tel', inputmode: 'tel', autocomplete: 'tel', maxlength: 30 }),
      t('whatsappHint'),
    ),
    nib: field('sell-nib', t('nib'), textInput({ inputmode: 'numeric', maxlength: 30 }), undefined, true),
    pirt: field('sell-pirt', t('pirt'), textInput({ inputmode: 'numeric', maxlength: 30 }), undefined, true),
    halal: field('sell-halal', t('halal'), textInput({ maxlength: 40 }), undefined, true),
  };
  const value = (name: keyof typeof fields) => (fields[name].control as HTMLInputElement).value.trim();
  const failure = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'primary' }, t('submit'));
  const form = h(
    'form',
    { novalidate: true, class: 'apply' },
    fields.villageCode.element,
    fields.businessName.element,
    fields.name.element,
    fields.pricePerUnit.element,
    fields.unit.element,
    fields.description.element,
    fields.category.element,
    fields.hamlet.element,
    fields.whatsapp.element,
    h(
      'details',
      null,
      h('summary', null, t('licences')),
      LICENCE_FIELDS.map((name) => fields[name].element),
    ),
    failure,
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    failure.replaceChildren();
    for (const entry of Object.values(fields)) entry.show(undefined);
    // Whole rupiah as a number; anything else goes as typed, so the API names the price.
    const price = value('pricePerUnit').replace(/[.\s]/g, '');
    const body = {
      villageCode: value('villageCode'),
      ...Object.fromEntries(TEXT_FIELDS.map((name) => [name, value(name)])),
      pricePerUnit: /^-?\d+$/.test(price) ? Number(price) : value('pricePerUnit'),
      description: description.value.trim(),
      category: category.value,
      ...Object.fromEntries(LICENCE_FIELDS.filter((name) => value(name)).map((name) => [name, value(name)])),
    };
    button.disabled = true;
    button.textContent = t('sending');
    try {
      const product = await api<SellerProduct>('/v1/market/products', { method: 'POST', body });
      // The business, its hamlet and number stay for the next product of the same seller.
      for (const name of ['name', 'pricePerUnit', 'description'] as const) {
        (fields[name].control as HTMLInputElement).value = '';
      }
      onListed(product);
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) {
        failure.replaceChildren(noNikNotice());
      } else if (error instanceof ApiError && error.issues.length > 0) {
        const unplaced = error.issues.filter((issue) => {
          const target = fields[issue.field as keyof typeof fields];
          target?.show(withoutFieldName(tx(issue.message), issue.field));
          return !target;
        });
        failure.replaceChildren(
          h(
            'div',
            { class: 'banner error', role: 'alert' },
            h('p', null, unplaced.length > 0 ? errorText(error) : t('fixFields')),
            unplaced.length > 0
              ? h(
                  'ul',
                  null,
                  unplaced.map((issue) => h('li', null, `${issue.field}: ${tx(issue.message)}`)),
                )
              : null,
          ),
        );
        form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      } else failure.replaceChildren(h('p', { class: 'banner error', role: 'alert' }, errorText(error)));
    } finally {
      button.disabled = false;
      button.textContent = t('submit');
    }
  });
  return form;
}

const rupiah = (amount: number) => `Rp${amount.toLocaleString('id-ID')}`;

/** A listed product: its status and the photos added from this phone, with the picker for the next one. */
function productCard(entry: Listed): HTMLElement {
  const { product } = entry;
  const inputId = `photo-${product.id}`;
  const status = h('p', { class: 'meta' });
  const thumbnails = h('p', { class: 'photos' });
  const message = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite' });
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const progress = h('progress', { max: 1, value: 0, hidden: true, 'aria-label': t('uploadProgress') });
  const label = h('label', { for: inputId });
  const input = h('input', {
    id: inputId,
    type: 'file',
    accept: PHOTO_TYPES.join(','),
    capture: 'environment',
    multiple: true,
    'aria-describedby': `${inputId}-hint`,
  });
  const picker = h(
    'div',
    { class: 'field' },
    label,
    h('p', { class: 'hint', id: `${inputId}-hint` }, t('addPhotoHint')),
    input,
    progress,
  );
  const refresh = () => {
    const count = entry.product.photos?.length ?? 0;
    status.textContent = t('status', { status: t(`status_${entry.product.status}` as const) });
    label.textContent = t('addPhoto', { n: count });
    picker.hidden = count >= MAX_PHOTOS;
    thumbnails.replaceChildren(
      ...entry.previews.map((src) =>
        h('img', { src, alt: t('photoOf', { name: product.name }), width: 120 }),
      ),
    );
  };
  input.addEventListener('change', async () => {
    const files = [...(input.files ?? [])].slice(0, MAX_PHOTOS - (entry.product.photos?.length ?? 0));
    input.disabled = true;
    error.hidden = true;
    try {
      for (const file of files) {
        await addPhoto(entry, file, (percent) => {
          progress.hidden = false;
          progress.value = percent / 100;
          message.textContent = percent < 100 ? t('photoUploading', { percent }) : t('photoProcessing');
        });
        refresh();
        message.textContent = t('photoAdded', { n: entry.product.photos?.length ?? 0 });
      }
    } catch (failure) {
      message.textContent = '';
      error.hidden = false;
      const field = failure instanceof ApiError ? failure.issues[0]?.field : undefined;
      error.textContent = field ? withoutFieldName(errorText(failure), field) : errorText(failure);
    } finally {
      progress.hidden = true;
      input.disabled = false;
      input.value = '';
    }
  });
  refresh();
  return h(
    'li',
    { class: 'card' },
    h('h3', { tabindex: -1 }, product.name),
    h('p', null, h('strong', null, `${rupiah(product.pricePerUnit)} / ${product.unit}`)),
    h('p', { class: 'muted' }, product.businessName),
    status,
    thumbnails,
    picker,
    message,
    error,
  );
}

/**
 * One photo: a ticket from the API, the file straight to storage (a presigned POST, its progress shown),
 * then attached: the platform decodes and re-encodes it. A large phone photo is shrunk first.
 */
async function addPhoto(entry: Listed, file: File, onProgress: (percent: number) => void): Promise<void> {
  const photo = await shrink(file);
  if (!PHOTO_TYPES.includes(photo.type)) {
    throw new Error(t('photoNotImage'));
  }
  const path = `/v1/market/products/${encodeURIComponent(entry.product.id)}/photos`;
  const ticket = await api<PhotoTicket>(path, {
    method: 'POST',
    body: { contentType: photo.type, size: photo.size },
  });
  onProgress(0);
  await postToStorage(ticket, photo, onProgress);
  entry.product = await api<SellerProduct>(`${path}/${encodeURIComponent(ticket.photoId)}`, {
    method: 'PUT',
  });
  entry.previews.push(URL.createObjectURL(photo));
}

/** The presigned POST by XMLHttpRequest, the one browser API that reports an upload's progress. */
function postToStorage(
  ticket: PhotoTicket,
  photo: Blob,
  onProgress: (percent: number) => void,
): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
  form.append('file', photo);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', ticket.url);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    });
    request.addEventListener('load', () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(100);
        resolve();
      } else {
        reject(new Error(t('photoFailed')));
      }
    });
    request.addEventListener('error', () => reject(new NetworkError()));
    request.send(form);
  });
}
