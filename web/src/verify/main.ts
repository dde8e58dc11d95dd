import '../styles/base.css';
import { api, NetworkError } from '../shared/api.js';
import { errorBox, langSwitch } from '../shared/chrome.js';
import { runtimeConfig } from '../shared/config.js';
import { focusHeading, h, mount } from '../shared/dom.js';
import { dateOnly } from '../shared/format.js';
import { lang, onLangChange, translator, tx } from '../shared/i18n.js';
import type { LocalizedText, UploadVerification, Verification } from '../shared/types.js';

/**
 * The public verification page a letter's QR code opens: /verify.html#<documentId>. It shows what was
 * issued under that id, and checks a PDF the visitor holds by computing its SHA-256 in the browser (the
 * file never leaves the device) and comparing it with the recorded one.
 */
const t = translator({
  title: ['Cek keaslian surat', 'Verify a letter'],
  intro: [
    'Pindai kode QR pada surat, atau masukkan ID dokumen yang tertera di bawah kode QR.',
    'Scan the QR code on the letter, or enter the document ID printed under the QR code.',
  ],
  documentId: ['ID dokumen', 'Document ID'],
  check: ['Periksa', 'Check'],
  valid: ['Surat ini terdaftar dan sah.', 'This letter is on record and valid.'],
  revoked: [
    'Surat ini sudah DICABUT dan tidak berlaku.',
    'This letter has been REVOKED and is no longer valid.',
  ],
  compareFacts: [
    'Cocokkan data di bawah ini dengan surat yang Anda pegang. Nama pemohon disamarkan untuk melindungi data pribadi.',
    "Compare the details below with the letter in your hands. The applicant's name is masked to protect personal data.",
  ],
  number: ['Nomor surat', 'Letter number'],
  issuedAt: ['Tanggal terbit', 'Issued on'],
  service: ['Jenis surat', 'Letter'],
  village: ['Desa', 'Village'],
  signer: ['Ditandatangani oleh', 'Signed by'],
  applicant: ['Pemohon', 'Applicant'],
  hash: ['Sidik digital (SHA-256)', 'Digital fingerprint (SHA-256)'],
  compareTitle: ['Bandingkan dengan berkas PDF Anda', 'Compare with your PDF file'],
  compareHint: [
    'Berkas diperiksa di perangkat Anda dan tidak diunggah ke mana pun.',
    'The file is checked on your device and is not uploaded anywhere.',
  ],
  drop: ['Seret berkas PDF ke sini, atau pilih berkas:', 'Drop the PDF file here, or choose a file:'],
  choose: ['Pilih berkas PDF', 'Choose a PDF file'],
  computing: ['Menghitung sidik digital…', 'Computing the fingerprint…'],
  match: [
    'COCOK: berkas ini sama persis dengan surat yang diterbitkan.',
    'MATCH: this file is exactly the letter that was issued.',
  ],
  mismatch: [
    'TIDAK COCOK: berkas ini berbeda dari surat yang diterbitkan. Mungkin telah diubah, atau ini surat lain.',
    'NO MATCH: this file differs from the letter that was issued. It may have been altered, or it is another letter.',
  ],
  yourHash: ['Sidik digital berkas Anda: {hash}', "Your file's fingerprint: {hash}"],
  superseded: [
    'Surat ini sudah DIGANTI dengan surat baru dan tidak berlaku lagi.',
    'This letter has been REPLACED by a new one and is no longer valid.',
  ],
  newVersion: ['Lihat surat penggantinya', 'See the letter that replaced it'],
  signature: ['Tanda tangan elektronik', 'Electronic signature'],
  signatureOk: ['sah (diperiksa dengan kunci Desa Digital)', 'valid (checked with the Desa Digital key)'],
  signatureBad: [
    'Tanda tangan elektronik surat ini TIDAK SAH.',
    "This letter's electronic signature is NOT VALID.",
  ],
  uploadTitle: ['Tidak ada kode QR? Periksa berkas PDF-nya', 'No QR code? Check the PDF file'],
  uploadHint: [
    'Berkas dikirim ke server Desa Digital hanya untuk diperiksa; sistem mencarinya dari sidik digitalnya.',
    'The file is sent to the Desa Digital server only to be checked; it is found by its fingerprint.',
  ],
  sending: ['Memeriksa…', 'Checking…'],
  portal: ['Ke portal layanan', 'To the services portal'],
  embeddedValid: [
    'Tanda tangan elektronik di dalam berkas: SAH, oleh {signer}',
    'Electronic signature inside the file: VALID, by {signer}',
  ],
  embeddedInvalid: [
    'Tanda tangan elektronik di dalam berkas: TIDAK SAH (berkas diubah setelah ditandatangani)',
    'Electronic signature inside the file: NOT VALID (the file was changed after it was signed)',
  ],
  embeddedAppended: [
    'Ada tambahan pada berkas setelah ditandatangani (misalnya catatan dari aplikasi pembaca PDF).',
    'Something was added to the file after it was signed (e.g. notes from a PDF reader).',
  ],
  embeddedUntrusted: [
    'Sertifikat penanda tangan tidak diterbitkan oleh otoritas sertifikat kabupaten ini maupun BSrE.',
    "The signer's certificate was issued neither by this regency's certificate authority nor by BSrE.",
  ],
  embeddedIssuer: [
    'Sertifikat dari {issuer}, ditandatangani {time}',
    'Certificate from {issuer}, signed {time}',
  ],
});

const main = document.getElementById('main') as HTMLElement;
const header = document.querySelector('header.top') as HTMLElement;
const footer = document.querySelector('footer') as HTMLElement;

const documentIdFromHash = (): string => decodeURIComponent(location.hash.replace(/^#\/?/, '')).trim();

async function render(): Promise<void> {
  document.documentElement.lang = lang();
  mount(
    header,
    h('a', { class: 'brand', href: '/' }, 'Desa Digital'),
    h('div', { class: 'account' }, langSwitch()),
  );
  mount(footer, h('p', null, h('a', { href: '/' }, t('portal'))));
  const id = documentIdFromHash();
  const root = h('div');
  const lookup = lookupForm(id);
  if (!id) {
    mount(root, h('h1', null, t('title')), h('p', null, t('intro')), lookup, uploadCheck());
  } else {
    try {
      const verification = await api<Verification>(`/v1/verify/${encodeURIComponent(id)}`, { auth: false });
      mount(root, h('h1', null, t('title')), result(verification), compare(verification.sha256), lookup);
    } catch (error) {
      mount(root, h('h1', null, t('title')), errorBox(error), h('p', null, t('intro')), lookup);
    }
  }
  mount(main, root);
  focusHeading(main);
}

function lookupForm(current: string): HTMLElement {
  const input = h('input', {
    id: 'document-id',
    name: 'documentId',
    value: current,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  return h(
    'form',
    {
      class: 'lookup',
      onsubmit: (event: Event) => {
        event.preventDefault();
        // Accept a pasted QR link as well as a bare id.
        const value = input.value.trim().split(/[#/]/).filter(Boolean).pop() ?? '';
        location.hash = value;
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'document-id' }, t('documentId')), input),
    h('button', { type: 'submit' }, t('check')),
  );
}

function result(verification: Verification): HTMLElement {
  const signed = verification.signatureValid !== false;
  const valid = verification.status === 'valid' && signed;
  const verdict =
    verification.status === 'revoked'
      ? t('revoked')
      : verification.status === 'superseded'
        ? t('superseded')
        : signed
          ? t('valid')
          : t('signatureBad');
  const row = (label: string, value: string | HTMLElement) => [h('dt', null, label), h('dd', null, value)];
  return h(
    'section',
    { class: `notice ${valid ? 'ok' : 'error'}`, 'aria-labelledby': 'verdict' },
    h('h2', { id: 'verdict' }, verdict),
    verification.message ? h('p', null, tx(verification.message)) : null,
    verification.supersededBy
      ? h('p', null, h('a', { href: `#${verification.supersededBy}` }, t('newVersion')))
      : null,
    h('p', { class: 'hint' }, t('compareFacts')),
    h(
      'dl',
      { class: 'summary', id: 'letter-facts' },
      row(t('number'), verification.letterNumber),
      row(t('issuedAt'), dateOnly(verification.issuedAt)),
      row(t('service'), tx(verification.service.name)),
      row(
        t('village'),
        `${verification.village.name}, ${verification.village.district}, ${verification.village.regency}`,
      ),
      row(t('signer'), `${verification.signer.name} (${verification.signer.title})`),
      row(t('applicant'), verification.applicantName),
      verification.signatureValid === undefined
        ? []
        : row(t('signature'), verification.signatureValid ? t('signatureOk') : t('signatureBad')),
      row(t('hash'), h('span', { class: 'sha', id: 'recorded-hash' }, verification.sha256)),
    ),
  );
}

/**
 * Without a document id (no QR code at hand), the file itself is sent to the API, which finds the letter
 * by its fingerprint and checks the platform's signature: valid, revoked, superseded, tampered or unknown.
 */
function uploadCheck(): HTMLElement {
  const outcome = h('div', { role: 'status', 'aria-live': 'polite', id: 'upload-result' });
  const input = h('input', { type: 'file', id: 'upload-file', accept: 'application/pdf,.pdf' });
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    outcome.replaceChildren(h('p', null, t('sending')));
    try {
      const { apiBase = '' } = await runtimeConfig();
      const response = await fetch(`${apiBase}/v1/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf' },
        body: file,
      });
      const body = (await response.json()) as UploadVerification & { error?: { message: LocalizedText } };
      if (!response.ok) throw new Error(tx(body.error?.message) || String(response.status));
      const good = body.status === 'valid';
      outcome.replaceChildren(
        h('p', { class: `banner ${good ? 'ok' : 'error'}`, 'data-outcome': body.status }, tx(body.message)),
        ...(body.embeddedSignature ? [embeddedSignature(body.embeddedSignature)] : []),
        ...(body.document ? [result(body.document)] : []),
        h('p', { class: 'sha' }, t('yourHash', { hash: body.sha256 })),
      );
    } catch (error) {
      outcome.replaceChildren(errorBox(error instanceof TypeError ? new NetworkError() : error));
    }
  });
  return h(
    'section',
    { 'aria-labelledby': 'upload-title' },
    h('h2', { id: 'upload-title' }, t('uploadTitle')),
    h('p', { class: 'hint' }, t('uploadHint')),
    h('div', { class: 'drop' }, h('label', { for: 'upload-file' }, t('choose')), input),
    outcome,
  );
}

/**
 * The file's own signature (PAdES), beside the fingerprint check: what Adobe Reader or pdfsig would say of it,
 * plus whether its certificate comes from this regency's authority.
 */
function embeddedSignature(signature: NonNullable<UploadVerification['embeddedSignature']>): HTMLElement {
  const sound = signature.valid && signature.coversWholeFile && signature.trusted;
  const time = signature.signedAt ? dateOnly(signature.signedAt) : '';
  return h(
    'div',
    { class: `banner ${sound ? 'ok' : 'error'}`, id: 'embedded-signature' },
    h('p', null, signature.valid ? t('embeddedValid', { signer: signature.signer }) : t('embeddedInvalid')),
    ...(signature.valid && !signature.coversWholeFile ? [h('p', null, t('embeddedAppended'))] : []),
    ...(signature.valid && !signature.trusted ? [h('p', null, t('embeddedUntrusted'))] : []),
    ...(signature.issuer ? [h('p', null, t('embeddedIssuer', { issuer: signature.issuer, time }))] : []),
  );
}

function compare(recorded: string): HTMLElement {
  const outcome = h('div', { role: 'status', 'aria-live': 'polite', id: 'compare-result' });
  const input = h('input', { type: 'file', id: 'pdf-file', accept: 'application/pdf,.pdf' });
  const check = async (file: File | undefined) => {
    if (!file) return;
    outcome.replaceChildren(h('p', null, t('computing')));
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
    const hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
    const same = hex === recorded.toLowerCase();
    outcome.replaceChildren(
      h(
        'p',
        { class: `banner ${same ? 'ok' : 'error'}`, 'data-outcome': same ? 'match' : 'mismatch' },
        same ? t('match') : t('mismatch'),
      ),
      h('p', { class: 'sha' }, t('yourHash', { hash: hex })),
    );
  };
  input.addEventListener('change', () => void check(input.files?.[0]));
  const zone = h(
    'div',
    { class: 'drop' },
    h('p', null, t('drop')),
    h('label', { for: 'pdf-file' }, t('choose')),
    input,
  );
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    void check(event.dataTransfer?.files[0]);
  });
  return h(
    'section',
    { 'aria-labelledby': 'compare-title' },
    h('h2', { id: 'compare-title' }, t('compareTitle')),
    h('p', { class: 'hint' }, t('compareHint')),
    zone,
    outcome,
  );
}

window.addEventListener('hashchange', () => void render());
onLangChange(() => void render());
void render();
