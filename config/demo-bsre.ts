import { DEMO_USERS } from './demo-users.js';

/**
 * The people the local BSrE stand-in (lib/local/bsre-stand-in.ts) holds certificates for: the demo signers,
 * each under a synthetic NIK, with one passphrase for all, and one certificate that has expired. Demo data
 * only: a real signer's NIK and passphrase never appear in code or config.
 */
export interface DemoBsreSigner {
  readonly nik: string;
  readonly name: string;
  readonly passphrase: string;
  /** A one-time code the stand-in accepts instead of the passphrase. */
  readonly totp: string;
  /** The certificate expired at the end of last year (bad-input demos). */
  readonly expired?: boolean;
}

export const DEMO_BSRE_PASSPHRASE = 'bsre-demo';
export const DEMO_BSRE_TOTP = '246810';

const SIGNING_ROLES = new Set(['village_head', 'village_secretary', 'district_head']);

/** Synthetic NIKs: 16 digits starting with the signer's area, so they look like what staff type. */
export const DEMO_BSRE_SIGNERS: readonly DemoBsreSigner[] = [
  ...DEMO_USERS.filter((user) => SIGNING_ROLES.has(user.role)).map((user, index) => ({
    nik: `${(user.areas[0] ?? '35.10').replace(/\D/g, '').slice(0, 6).padEnd(6, '0')}0101700${String(index + 1).padStart(3, '0')}`,
    name: user.name,
    passphrase: DEMO_BSRE_PASSPHRASE,
    totp: DEMO_BSRE_TOTP,
  })),
  {
    nik: '3510060101709999',
    name: 'Suwebi',
    passphrase: DEMO_BSRE_PASSPHRASE,
    totp: DEMO_BSRE_TOTP,
    expired: true,
  },
];

/** The demo signer a staff account signs as (its name), when it holds a live certificate. */
export const demoBsreSignerOf = (name: string): DemoBsreSigner | undefined =>
  DEMO_BSRE_SIGNERS.find((signer) => signer.name === name && !signer.expired);
