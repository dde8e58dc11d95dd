import { createHash, createPublicKey, verify } from 'node:crypto';
import { ContentInfo, id_messageDigest, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import type { Certificate } from '@peculiar/asn1-x509';
import { readCertificate } from './certificates.js';
import { setOf } from './cms.js';

/** What a PDF's own (PAdES) signature says, checked without our records: what any PDF reader would check. */
export interface EmbeddedSignature {
  /** The signature verifies over the signed bytes with the signer certificate's key. */
  readonly valid: boolean;
  /** The signed bytes are the whole file but the signature itself (nothing appended after signing). */
  readonly coversWholeFile: boolean;
  /**
   * The signer's certificate chains, through the certificates the signature carries, to a key this deployment
   * trusts: its own certificate authority's, or a signing service's root (BSrE).
   */
  readonly trusted: boolean;
  readonly signer: string;
  readonly issuer: string;
  /** The signer certificate's validity, ISO 8601 (absent when the signature cannot be read). */
  readonly validFrom?: string;
  readonly validUntil?: string;
  /** The signing time the PDF states (its /M), ISO 8601. */
  readonly signedAt?: string;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
const SIGNED_AT = /\/M\s*\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'?\d{2}'?)?/;

/**
 * Reads and checks the last signature embedded in a PDF (PAdES, adbe.pkcs7.detached or ETSI.CAdES.detached):
 * its byte ranges, the CMS message digest over them, the signature over the signed attributes, and whether
 * the signer's certificate chains to one of `trustedKeys` (SPKI DER). Undefined when the PDF carries no signature
 * (a letter issued before signatures were embedded still verifies by its hash). Never throws on a malformed
 * signature: it is reported not valid.
 */
export function readEmbeddedSignature(
  pdf: Uint8Array,
  trustedKeys: readonly Uint8Array[],
): EmbeddedSignature | undefined {
  const text = Buffer.from(pdf).toString('latin1');
  const range = [...text.matchAll(BYTE_RANGE)].at(-1);
  if (!range) return undefined;
  const [start = 0, firstLength = 0, secondStart = 0, secondLength = 0] = range.slice(1).map(Number);
  const coversWholeFile =
    start === 0 && secondStart > firstLength && secondStart + secondLength === pdf.length;
  const signedAtMatch = SIGNED_AT.exec(text.slice(range.index ?? 0, (range.index ?? 0) + 40_000));
  const signedAt = signedAtMatch ? isoOf(signedAtMatch) : undefined;
  try {
    const hex = text.slice(firstLength + 1, secondStart - 1);
    const cms = derPrefix(Buffer.from(hex, 'hex'));
    const signed = Buffer.concat([
      pdf.subarray(start, firstLength),
      pdf.subarray(secondStart, secondStart + secondLength),
    ]);
    const info = AsnConvert.parse(cms, ContentInfo);
    const data = AsnConvert.parse(info.content, SignedData);
    const [signerInfo] = data.signerInfos;
    const certificates = (data.certificates ?? [])
      .map((choice) => choice.certificate)
      .filter((certificate): certificate is Certificate => certificate !== undefined);
    const serial = signerInfo?.sid.issuerAndSerialNumber?.serialNumber;
    const signerCertificate = certificates.find(
      (certificate) =>
        serial && Buffer.from(certificate.tbsCertificate.serialNumber).equals(Buffer.from(serial)),
    );
    if (!signerInfo?.signedAttrs || !signerCertificate) throw new Error('No signer in the signature');
    const signerDer = new Uint8Array(AsnConvert.serialize(signerCertificate));
    const facts = readCertificate(signerDer);
    const digest = signerInfo.signedAttrs?.find((attribute) => attribute.attrType === id_messageDigest);
    const stated = digest?.attrValues[0] ? AsnConvert.parse(digest.attrValues[0], OctetString) : undefined;
    const digestMatches =
      stated !== undefined && Buffer.from(stated.buffer).equals(createHash('sha256').update(signed).digest());
    // The signature covers the signed attributes as a SET OF (tag 0x31), in the order they were sent (DER).
    const attributes = setOf(
      signerInfo.signedAttrs.map((attribute) => new Uint8Array(AsnConvert.serialize(attribute))),
    );
    const signatureMatches = verifies(facts.publicKey, attributes, signerInfo.signature.buffer);
    return {
      valid: digestMatches && signatureMatches,
      coversWholeFile,
      trusted: chainsTo(signerCertificate, certificates, trustedKeys),
      signer: facts.subject,
      issuer: facts.issuer,
      validFrom: facts.notBefore.toISOString(),
      validUntil: facts.notAfter.toISOString(),
      ...(signedAt ? { signedAt } : {}),
    };
  } catch {
    return {
      valid: false,
      coversWholeFile,
      trusted: false,
      signer: '',
      issuer: '',
      ...(signedAt ? { signedAt } : {}),
    };
  }
}

/** Longest chain followed: a signer, two intermediate authorities and a root, with room to spare. */
const MAX_CHAIN = 5;

/**
 * Whether `certificate` was signed by a trusted key, directly or through issuers among `carried` (matched by
 * name, then proven by their signature), as a PDF reader walks a chain to its trust anchors.
 */
function chainsTo(
  certificate: Certificate,
  carried: readonly Certificate[],
  trustedKeys: readonly Uint8Array[],
): boolean {
  let current = certificate;
  for (let hop = 0; hop < MAX_CHAIN; hop += 1) {
    const tbs = current.tbsCertificateRaw ?? AsnConvert.serialize(current.tbsCertificate);
    if (trustedKeys.some((key) => verifies(key, tbs, current.signatureValue))) return true;
    const issuerName = Buffer.from(AsnConvert.serialize(current.tbsCertificate.issuer));
    const issuer = carried.find(
      (candidate) =>
        candidate !== current &&
        issuerName.equals(Buffer.from(AsnConvert.serialize(candidate.tbsCertificate.subject))) &&
        verifies(
          new Uint8Array(AsnConvert.serialize(candidate.tbsCertificate.subjectPublicKeyInfo)),
          tbs,
          current.signatureValue,
        ),
    );
    if (!issuer) return false;
    current = issuer;
  }
  return false;
}

function verifies(spki: Uint8Array, message: ArrayBuffer | Uint8Array, signature: ArrayBuffer): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    return verify(
      'sha256',
      Buffer.from(message as ArrayBuffer),
      { key, dsaEncoding: 'der' },
      Buffer.from(signature),
    );
  } catch {
    return false;
  }
}

/** The DER value at the start of the zero-padded Contents: its header says how long it is. */
function derPrefix(bytes: Buffer): Uint8Array {
  const lengthByte = bytes[1] ?? 0;
  if (lengthByte < 0x80) return bytes.subarray(0, 2 + lengthByte);
  const count = lengthByte & 0x7f;
  let length = 0;
  for (let index = 0; index < count; index += 1) length = length * 256 + (bytes[2 + index] ?? 0);
  return bytes.subarray(0, 2 + count + length);
}

/** A PDF date (D:YYYYMMDDHHmmSS with an offset like +07'00') as ISO 8601 in UTC. */
function isoOf(match: RegExpExecArray): string | undefined {
  const [, year, month, day, hour, minute, second, zone] = match;
  const offset = !zone || zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.replaceAll("'", '').slice(3, 5)}`;
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
