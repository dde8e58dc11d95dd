import { DomainError, ValidationError } from '../shared/errors.js';
import { text } from '../shared/text.js';

/**
 * A certified signing service that signs a whole PDF for a person (BSrE, BSSN's Balai Sertifikasi
 * Elektronik): the signer proves who they are with their NIK and a passphrase or a one-time code they type at
 * that moment, and the service embeds its own PAdES signature under the certificate it issued that person.
 */
export interface ExternalSigner {
  signPdf(request: ExternalSignRequest): Promise<Uint8Array>;
}

/** The signer's proof, typed in the console at the moment of signing: sent on, never stored or logged. */
export interface SignerCredentials {
  /** The signer's NIK, which their BSrE certificate is registered under. */
  readonly nik: string;
  readonly passphrase?: string;
  /** A one-time code from the signer's authenticator app, instead of the passphrase. */
  readonly totp?: string;
}

export interface ExternalSignRequest {
  readonly credentials: SignerCredentials;
  readonly pdf: Uint8Array;
  /** Where the visible signature goes: page (1-based) and box in points from the page's bottom-left corner. */
  readonly box: {
    readonly page: number;
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
  };
  readonly reason: string;
  readonly location: string;
}

/** Each regency's signing service, by regency code; a regency without one signs with the platform's key. */
export type ExternalSigners = (regencyCode: string) => ExternalSigner | undefined;

/** The signing service refused the signer's proof (a wrong passphrase, an inactive certificate): they may retry. */
export class SignerRefusedError extends DomainError {
  constructor(reason: string) {
    super(
      400,
      'SIGNATURE_REFUSED',
      text(
        `BSrE menolak tanda tangan: ${reason}. Periksa NIK dan passphrase, lalu coba lagi.`,
        `BSrE refused the signature: ${reason}. Check the NIK and passphrase, then try again.`,
      ),
    );
  }
}

/**
 * The signing service cannot sign now (down, timing out, or refusing the regency's own credentials): nothing
 * was signed or decided; the stage keeps waiting and says why (a SIGNING_FAILED event), and the signer tries
 * again later.
 */
export class SignerUnavailableError extends DomainError {
  constructor(
    readonly kind: 'unavailable' | 'credentials',
    retryAfterSeconds = 60,
  ) {
    super(
      503,
      kind === 'credentials' ? 'SIGNING_SERVICE_MISCONFIGURED' : 'SIGNING_SERVICE_UNAVAILABLE',
      kind === 'credentials'
        ? text(
            'Layanan tanda tangan BSrE menolak kredensial kabupaten; surat belum ditandatangani. Hubungi admin kabupaten.',
            "The BSrE signing service rejects the regency's credentials; the letter is not signed. Contact the regency admin.",
          )
        : text(
            'Layanan tanda tangan BSrE sedang tidak dapat dihubungi; surat belum ditandatangani dan tetap menunggu. Coba lagi beberapa menit lagi.',
            'The BSrE signing service cannot be reached; the letter is not signed and keeps waiting. Try again in a few minutes.',
          ),
      undefined,
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
}

const NIK = /^\d{16}$/;
const TOTP = /^\d{6}$/;

/** Checks the signer's proof before anything is drawn or sent: a NIK, and a passphrase or a one-time code. */
export function assertSignerCredentials(credentials: SignerCredentials): void {
  const issues = [];
  if (!NIK.test(credentials.nik)) {
    issues.push({ field: 'nik', message: text('nik: harus 16 angka', 'nik: must be 16 digits') });
  }
  const hasPassphrase = (credentials.passphrase ?? '') !== '';
  const hasTotp = credentials.totp !== undefined;
  if (hasPassphrase === hasTotp) {
    issues.push({
      field: 'passphrase',
      message: text(
        'passphrase: isi passphrase atau kode TOTP (salah satu)',
        'passphrase: give a passphrase or a TOTP code (one of them)',
      ),
    });
  } else if (hasTotp && !TOTP.test(credentials.totp ?? '')) {
    issues.push({ field: 'totp', message: text('totp: harus 6 angka', 'totp: must be 6 digits') });
  }
  if (issues.length > 0) {
    throw new ValidationError(
      text('Data tanda tangan tidak lengkap.', 'The signing details are incomplete.'),
      issues,
    );
  }
}
