import { createHash } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  Extension,
  Extensions,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  id_ce_subjectKeyIdentifier,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
} from '@peculiar/asn1-x509';
import type { KeySigner } from '../shared/ports.js';

/** ecdsa-with-SHA256 (RFC 5758): the only signature algorithm of the platform's keys (P-256). */
export const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';

const OID = {
  commonName: '2.5.4.3',
  title: '2.5.4.12',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  locality: '2.5.4.7',
  country: '2.5.4.6',
} as const;

/** Who a certificate names: a person and their office, or the regency's certificate authority. */
export interface CertificateSubject {
  readonly commonName: string;
  /** "Kepala Desa Tampo"; absent for the authority. */
  readonly title?: string;
  /** "Pemerintah Desa Tampo", "Pemerintah Kabupaten Banyuwangi". */
  readonly organization: string;
  /** The regency, e.g. "Banyuwangi". */
  readonly locality: string;
}

export interface CertificateRequest {
  readonly subject: CertificateSubject;
  /** The key the certificate binds to the subject (SPKI DER). */
  readonly publicKey: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Positive, unique per issuer: 16 random bytes, or a digest of what makes the certificate unique. */
  readonly serialNumber: Uint8Array;
  /** An authority's own certificate (self-signed, may sign certificates) or a signer's (signs documents). */
  readonly kind: 'authority' | 'signer';
}

/** The issuer: the authority's name and key (for a self-signed certificate, the subject itself). */
export interface CertificateIssuer {
  readonly subject: CertificateSubject;
  readonly key: KeySigner;
}

/** An X.509 v3 certificate (DER), signed by the issuer's key. */
export async function issueCertificate(
  request: CertificateRequest,
  issuer: CertificateIssuer,
): Promise<Uint8Array> {
  const issuerKey = await issuer.key.publicKeyDer();
  const algorithm = new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 });
  const tbs = new TBSCertificate({
    version: 2, // v3
    serialNumber: positive(request.serialNumber),
    signature: algorithm,
    issuer: nameOf(issuer.subject),
    validity: new Validity({ notBefore: request.notBefore, notAfter: request.notAfter }),
    subject: nameOf(request.subject),
    subjectPublicKeyInfo: AsnConvert.parse(request.publicKey, SubjectPublicKeyInfo),
    extensions: new Extensions(extensionsOf(request, issuerKey)),
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const signature = await issuer.key.signBytes(tbsDer);
  const certificate = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: algorithm,
    signatureValue: toArrayBuffer(signature),
  });
  return new Uint8Array(AsnConvert.serialize(certificate));
}

/** The facts of a certificate a verifier shows: who, by whom, until when. */
export interface CertificateFacts {
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly serialNumber: string;
  readonly publicKey: Uint8Array;
}

export function readCertificate(der: Uint8Array): CertificateFacts {
  const { tbsCertificate: tbs } = AsnConvert.parse(der, Certificate);
  return {
    subject: commonNameOf(tbs.subject),
    issuer: commonNameOf(tbs.issuer),
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    serialNumber: Buffer.from(tbs.serialNumber).toString('hex'),
    publicKey: new Uint8Array(AsnConvert.serialize(tbs.subjectPublicKeyInfo)),
  };
}

function extensionsOf(request: CertificateRequest, issuerKey: Uint8Array): Extension[] {
  const extension = (extnID: string, critical: boolean, value: object) =>
    new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
  const authority = request.kind === 'authority';
  return [
    extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: authority })),
    extension(
      id_ce_keyUsage,
      true,
      new KeyUsage(
        authority
          ? KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign
          : KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation,
      ),
    ),
    extension(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(request.publicKey))),
    extension(
      id_ce_authorityKeyIdentifier,
      false,
      new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(keyIdentifier(issuerKey)) }),
    ),
  ];
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bit string (an identifier, not a security use). */
function keyIdentifier(spki: Uint8Array): ArrayBuffer {
  const { subjectPublicKey } = AsnConvert.parse(spki, SubjectPublicKeyInfo);
  return toArrayBuffer(createHash('sha1').update(new Uint8Array(subjectPublicKey)).digest());
}

function nameOf(subject: CertificateSubject): Name {
  const rdn = (type: string, value: string, printable = false) =>
    new RelativeDistinguishedName([
      new AttributeTypeAndValue({
        type,
        value: new AttributeValue(printable ? { printableString: value } : { utf8String: value }),
      }),
    ]);
  return new Name([
    rdn(OID.country, 'ID', true),
    rdn(OID.locality, subject.locality),
    rdn(OID.organization, subject.organization),
    ...(subject.title ? [rdn(OID.title, subject.title)] : []),
    rdn(OID.commonName, subject.commonName),
  ]);
}

function commonNameOf(name: Name): string {
  for (const rdn of name)
    for (const entry of rdn) if (entry.type === OID.commonName) return entry.value.toString();
  return '';
}

/** A DER INTEGER is signed: a serial whose top bit is set gets a leading zero byte. */
function positive(serial: Uint8Array): ArrayBuffer {
  const bytes = (serial[0] ?? 0) & 0x80 ? Uint8Array.of(0, ...serial) : serial;
  return toArrayBuffer(bytes);
}

export const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
