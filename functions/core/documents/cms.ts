import { createHash } from 'node:crypto';
import {
  Attribute,
  CertificateChoices,
  CertificateSet,
  ContentInfo,
  DigestAlgorithmIdentifiers,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  id_contentType,
  id_data,
  id_messageDigest,
  id_signedData,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
} from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate } from '@peculiar/asn1-x509';
import type { KeySigner } from '../shared/ports.js';
import { ECDSA_WITH_SHA256, toArrayBuffer } from './certificates.js';

const SHA256 = '2.16.840.1.101.3.4.2.1';
/** id-aa-signingCertificateV2 (RFC 5035): binds the signer's certificate into what is signed (CAdES, PAdES). */
const SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';

/**
 * A detached CMS SignedData (RFC 5652) over `content`, as PAdES baseline B-B asks of a PDF signature
 * (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached): signed attributes content-type, message-digest and
 * signing-certificate-v2, the chain (signer first) in `certificates`, no signing-time (the PDF's /M holds it).
 * `key` is the key the first certificate certifies.
 */
export async function detachedSignature(
  content: Uint8Array,
  chain: readonly Uint8Array[],
  key: KeySigner,
): Promise<Uint8Array> {
  const [signerDer] = chain;
  if (!signerDer) throw new Error('A signature needs the signer certificate');
  const signer = AsnConvert.parse(signerDer, Certificate);
  const signedAttributes = sortedForDer([
    attribute(id_contentType, toArrayBuffer(ID_DATA_DER)),
    attribute(id_messageDigest, AsnConvert.serialize(new OctetString(sha256(content)))),
    attribute(SIGNING_CERTIFICATE_V2, signingCertificateV2(signerDer)),
  ]);
  const signature = await key.signBytes(setOf(signedAttributes.map(({ der }) => der)));
  const sha256Algorithm = new AlgorithmIdentifier({ algorithm: SHA256 });
  const signedData = new SignedData({
    version: 1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([sha256Algorithm]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: id_data }),
    certificates: new CertificateSet(
      chain.map((der) => new CertificateChoices({ certificate: AsnConvert.parse(der, Certificate) })),
    ),
    signerInfos: new SignerInfos([
      new SignerInfo({
        version: 1,
        sid: new SignerIdentifier({
          issuerAndSerialNumber: new IssuerAndSerialNumber({
            issuer: signer.tbsCertificate.issuer,
            serialNumber: signer.tbsCertificate.serialNumber,
          }),
        }),
        digestAlgorithm: sha256Algorithm,
        signedAttrs: signedAttributes.map(({ value }) => value),
        signatureAlgorithm: new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 }),
        signature: new OctetString(toArrayBuffer(signature)),
      }),
    ]),
  });
  const contentInfo = new ContentInfo({
    contentType: id_signedData,
    content: AsnConvert.serialize(signedData),
  });
  return new Uint8Array(AsnConvert.serialize(contentInfo));
}

/** The OBJECT IDENTIFIER id-data (1.2.840.113549.1.7.1), DER: the content type of a signed PDF. */
const ID_DATA_DER = Uint8Array.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01]);

function attribute(type: string, value: ArrayBuffer): { value: Attribute; der: Uint8Array } {
  const entry = new Attribute({ attrType: type, attrValues: [value] });
  return { value: entry, der: new Uint8Array(AsnConvert.serialize(entry)) };
}

/**
 * SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 ::= SEQUENCE {
 * certHash OCTET STRING } with the hash algorithm left at its DEFAULT, SHA-256 (so it is not encoded).
 */
function signingCertificateV2(certificate: Uint8Array): ArrayBuffer {
  const certHash = tlv(0x04, sha256(certificate));
  return toArrayBuffer(tlv(0x30, tlv(0x30, tlv(0x30, certHash))));
}

/** DER orders a SET OF by its members' encodings: sorted here, so what is signed is what is sent. */
function sortedForDer<T extends { der: Uint8Array }>(members: T[]): T[] {
  return members.sort((a, b) => Buffer.compare(a.der, b.der));
}

/** The signed attributes as the signature covers them: a SET OF (tag 0x31), not the [0] of SignerInfo. */
export const setOf = (members: readonly Uint8Array[]): Uint8Array => tlv(0x31, Buffer.concat(members));

function tlv(tag: number, value: Uint8Array): Uint8Array {
  const length = value.length;
  const header =
    length < 0x80
      ? [tag, length]
      : length < 0x100
        ? [tag, 0x81, length]
        : [tag, 0x82, length >> 8, length & 0xff];
  return Buffer.concat([Uint8Array.from(header), value]);
}

const sha256 = (bytes: Uint8Array): Uint8Array => createHash('sha256').update(bytes).digest();
