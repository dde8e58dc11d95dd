import { createHash } from 'node:crypto';
import type { Clock, KeySigner } from '../shared/ports.js';
import type { Village } from '../villages/places.js';
import { type CertificateSubject, issueCertificate } from './certificates.js';

/** Certificates as issued, by id: written once (the first of two racing issuers wins, the other uses it). */
export interface CertificateStore {
  get(id: string): Promise<Uint8Array | undefined>;
  /** Stores `der` unless a certificate with this id exists; answers the one stored. */
  create(id: string, der: Uint8Array): Promise<Uint8Array>;
}

export interface SignerCertificateDeps {
  /** The regency's certificate authority key (KMS in AWS, a key file locally). */
  readonly authorityKey: KeySigner;
  /** The key that signs letters, which each signer's certificate certifies. */
  readonly documentKey: KeySigner;
  readonly certificates: CertificateStore;
  readonly clock: Clock;
}

/** Who signs a letter: the person and their office, as printed under the signature. */
export interface LetterSigner {
  readonly name: string;
  readonly title: string;
}

const YEAR_MS = 365.25 * 86_400_000;
/** The authority's certificate outlives every signer certificate it issues. */
const AUTHORITY_YEARS = 20;

/**
 * The certificate chain a letter's PAdES signature carries, signer first: a certificate naming the signer
 * (name, office, village) over the document key, issued by the regency's authority, and the authority's
 * self-signed certificate. Each is issued once and kept: the authority's per regency and key, a signer's per
 * person, office, key and calendar year, so a new office holder (onboarding's signer field) or a new year
 * gets a new certificate and an old letter keeps the one it was signed under.
 */
export async function signingChain(
  deps: SignerCertificateDeps,
  signer: LetterSigner,
  village: Village,
): Promise<Uint8Array[]> {
  const [authorityKey, documentKey] = await Promise.all([
    deps.authorityKey.publicKeyDer(),
    deps.documentKey.publicKeyDer(),
  ]);
  const now = deps.clock.now();
  const authority = authoritySubject(village);
  const authorityId = certificateId('authority', village.regency.code, authorityKey);
  const authorityCertificate = await once(deps.certificates, authorityId, () => {
    const start = startOfYear(now.getUTCFullYear());
    return issueCertificate(
      {
        subject: authority,
        publicKey: authorityKey,
        notBefore: start,
        notAfter: new Date(start.getTime() + AUTHORITY_YEARS * YEAR_MS),
        serialNumber: serialOf(authorityId),
        kind: 'authority',
      },
      { subject: authority, key: deps.authorityKey },
    );
  });
  const year = now.getUTCFullYear();
  const signerId = certificateId(
    'signer',
    `${village.code}|${signer.title}|${signer.name}|${year}`,
    documentKey,
    authorityKey,
  );
  const signerCertificate = await once(deps.certificates, signerId, () =>
    issueCertificate(
      {
        subject: {
          commonName: signer.name,
          title: signer.title,
          organization: `Pemerintah ${village.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${village.name}`,
          locality: village.regency.name,
        },
        publicKey: documentKey,
        // The whole year and a month's grace: a letter signed on 31 December still verifies at its date.
        notBefore: startOfYear(year),
        notAfter: startOfYear(year + 1, 31),
        serialNumber: serialOf(signerId),
        kind: 'signer',
      },
      { subject: authority, key: deps.authorityKey },
    ),
  );
  return [signerCertificate, authorityCertificate];
}

function authoritySubject(village: Village): CertificateSubject {
  return {
    commonName: `Desa Digital CA Kabupaten ${village.regency.name}`,
    organization: `Pemerintah Kabupaten ${village.regency.name}`,
    locality: village.regency.name,
  };
}

async function once(
  store: CertificateStore,
  id: string,
  issue: () => Promise<Uint8Array>,
): Promise<Uint8Array> {
  return (await store.get(id)) ?? store.create(id, await issue());
}

/** Names a certificate by what makes it unique (kind, subject, keys), without spelling out a person's name. */
const certificateId = (kind: string, subject: string, ...keys: Uint8Array[]): string =>
  `${kind}#${createHash('sha256').update(subject).update(Buffer.concat(keys)).digest('hex').slice(0, 40)}`;

/** A serial number unique per issuer and stable for the certificate it names (16 bytes of its id's digest). */
const serialOf = (id: string): Uint8Array => createHash('sha256').update(id).digest().subarray(0, 16);

const startOfYear = (year: number, day = 1): Date => new Date(Date.UTC(year, 0, day));
