import { businessCertificate } from '../../../functions/core/catalog/services/business-certificate.js';
import type { LetterContent } from '../../../functions/core/documents/letter-pdf.js';
import { fillLetter } from '../../../functions/core/documents/template.js';

/** The values a business certificate is filled with: the place names plus the applicant's fields. */
export const businessValues: Readonly<Record<string, string>> = {
  village: 'Tampo',
  district: 'Cluring',
  regency: 'Banyuwangi',
  fullName: 'Siti Aminah',
  nik: '3510154607850003',
  birthPlace: 'Banyuwangi',
  birthDate: '6 Juli 1985',
  address: 'Dusun Krajan RT 002 RW 001, Desa Tampo, Kecamatan Cluring',
  businessName: 'Warung Kopi Bu Siti',
  businessType: 'Kuliner',
  businessAddress: 'Jalan Raya Tampo No. 17, Dusun Krajan, Desa Tampo',
  sinceYear: '2015',
  purpose: 'pengajuan Kredit Usaha Rakyat (KUR) di bank',
};

/** A realistic, one-page business certificate from Tampo, Banyuwangi. */
export const sampleLetter = (overrides: Partial<LetterContent> = {}): LetterContent => ({
  documentId: '01JD7X3M4N5P6Q7R8S9T0V1W2X',
  letterNumber: '500.2/007/TMP/XI/2026',
  issuedAt: '2026-11-22T03:15:00.000Z',
  letterhead: {
    regency: 'Banyuwangi',
    district: 'Cluring',
    village: 'Tampo',
    villageKind: 'desa',
    address: 'Jalan Raya Tampo No. 1, Cluring, Banyuwangi, Jawa Timur 68482',
  },
  ...fillLetter(businessCertificate.letter, businessValues),
  signer: { name: 'Slamet Riyadi', title: 'Kepala Desa Tampo' },
  placeOfIssue: 'Tampo',
  verificationUrl: 'https://layanan.banyuwangikab.go.id/verifikasi/01JD7X3M4N5P6Q7R8S9T0V1W2X',
  ...overrides,
});
