import type { LocalizedText } from './types.js';

/**
 * Bahasa Indonesia first, English on request. The choice is kept on the device; every text the API sends
 * is already bilingual ({ id, en }), and the UI's own strings live in the dictionaries below.
 */
export type Lang = 'id' | 'en';

const KEY = 'dd.lang';
let current: Lang = readLang();
const listeners = new Set<() => void>();

function readLang(): Lang {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export const lang = (): Lang => current;

export function setLang(next: Lang): void {
  current = next;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

export const onLangChange = (listener: () => void): void => {
  listeners.add(listener);
};

/** Picks the reader's language from a bilingual text. */
export const tx = (text: LocalizedText | undefined): string => (text ? text[current] : '');

/** A dictionary of UI strings: [Indonesian, English]. */
export type Dictionary = Readonly<Record<string, readonly [string, string]>>;

export function translator<D extends Dictionary>(dictionary: D) {
  return (key: keyof D & string, values: Readonly<Record<string, string | number>> = {}): string => {
    const entry = dictionary[key];
    const template = entry ? entry[current === 'id' ? 0 : 1] : key;
    return template.replace(/\{(\w+)\}/g, (_all, name: string) => String(values[name] ?? ''));
  };
}

/** Strings every page shares. */
export const common = translator({
  appName: ['Desa Digital', 'Desa Digital'],
  switchLang: ['English', 'Bahasa Indonesia'],
  switchLangLabel: ['Switch to English', 'Ganti ke Bahasa Indonesia'],
  loading: ['Memuat…', 'Loading…'],
  retry: ['Coba lagi', 'Try again'],
  offline: [
    'Anda sedang luring. Data yang tersimpan tetap bisa dilihat; kiriman akan dikirim saat koneksi kembali.',
    'You are offline. Saved data can still be viewed; submissions are sent when the connection returns.',
  ],
  networkError: [
    'Tidak dapat terhubung ke server. Periksa koneksi internet Anda.',
    'Cannot reach the server. Check your internet connection.',
  ],
  signIn: ['Masuk', 'Sign in'],
  signOut: ['Keluar', 'Sign out'],
  username: ['Nama pengguna', 'Username'],
  password: ['Kata sandi', 'Password'],
  mfaCode: ['Kode autentikator (6 digit)', 'Authenticator code (6 digits)'],
  newPassword: ['Kata sandi baru', 'New password'],
  newPasswordNeeded: ['Akun baru: buat kata sandi Anda sendiri.', 'New account: choose your own password.'],
  signedInAs: ['Masuk sebagai {name}', 'Signed in as {name}'],
  demoAccounts: ['Akun demo (hanya lokal)', 'Demo accounts (local only)'],
  demoPassword: ['Kata sandi semua akun demo: {password}', 'Password of every demo account: {password}'],
  required: ['wajib', 'required'],
  optional: ['tidak wajib', 'optional'],
  minutes: ['{n} menit', '{n} min'],
  hours: ['{n} jam', '{n} hours'],
  days: ['{n} hari', '{n} days'],
  close: ['Tutup', 'Close'],
  back: ['Kembali', 'Back'],
  skip: ['Langsung ke isi', 'Skip to content'],
  mainNav: ['Navigasi utama', 'Main navigation'],
  errorsTitle: ['Periksa isian berikut:', 'Please check the following:'],
  status_SUBMITTED: ['Diajukan', 'Submitted'],
  status_CHECKING: ['Diperiksa sistem', 'Being checked'],
  status_IN_REVIEW: ['Diproses', 'In review'],
  status_RETURNED: ['Dikembalikan untuk diperbaiki', 'Returned for correction'],
  status_APPROVED: ['Disetujui, surat sedang dibuat', 'Approved, letter being prepared'],
  status_ISSUED: ['Surat terbit', 'Letter issued'],
  status_REJECTED: ['Ditolak', 'Rejected'],
  status_ESCALATED: ['Dieskalasi', 'Escalated'],
  status_CANCELLED: ['Dibatalkan', 'Cancelled'],
  status_FAILED: ['Gagal diproses', 'Processing failed'],
  event_SUBMITTED: ['Permohonan diajukan', 'Request submitted'],
  event_RESUBMITTED: ['Permohonan diperbaiki dan diajukan ulang', 'Request corrected and resubmitted'],
  event_CHECKS_PASSED: ['Pemeriksaan otomatis lolos', 'Automated checks passed'],
  event_CHECK_FAILED: ['Pemeriksaan otomatis tidak lolos', 'Automated checks failed'],
  event_STAGE_OPENED: ['Menunggu tahap berikutnya', 'Waiting at the next stage'],
  event_STAGE_OVERDUE: ['Tahap melewati batas waktu', 'Stage passed its deadline'],
  event_DECISION_APPROVE: ['Disetujui', 'Approved'],
  event_DECISION_REJECT: ['Ditolak', 'Rejected'],
  event_DECISION_RETURN: ['Dikembalikan untuk diperbaiki', 'Returned for correction'],
  event_DOCUMENT_ISSUED: ['Surat diterbitkan', 'Letter issued'],
  event_ISSUED: ['Surat diterbitkan', 'Letter issued'],
  event_SIGNING_FAILED: [
    'Tanda tangan BSrE belum berhasil; tahap masih menunggu',
    'BSrE signing did not succeed; the stage still waits',
  ],
  event_WORKFLOW_FAILED: ['Proses gagal', 'Processing failed'],
  event_WORKFLOW_TIMED_OUT: ['Melewati batas waktu proses', 'Not completed in time'],
  role_citizen: ['Warga', 'Citizen'],
  role_operator: ['Operator desa', 'Village operator'],
  role_village_secretary: ['Sekretaris desa', 'Village secretary'],
  role_village_head: ['Kepala desa', 'Village head'],
  role_district_head: ['Camat', 'District head'],
  role_agency_officer: ['Petugas dinas', 'Agency officer'],
  role_regency_admin: ['Admin kabupaten', 'Regency admin'],
  role_enumerator: ['Pendata tim kemiskinan desa', 'Village poverty team enumerator'],
  role_frontline_worker: ['Guru / tenaga kesehatan desa', 'Village teacher / health worker'],
  role_upt_officer: ['Petugas UPT penanganan kemiskinan', 'Poverty-response unit (UPT) officer'],
  role_poverty_unit_officer: ['Unit kemiskinan kabupaten', 'Regency poverty unit'],
  role_system: ['Sistem', 'System'],
});

/** A status, event type or role in the reader's language, falling back to the raw code. */
export function label(kind: 'status' | 'event' | 'role', code: string): string {
  const key = `${kind}_${code}`;
  const value = common(key as never);
  return value === key ? code : value;
}
