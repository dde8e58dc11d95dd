/**
 * The regency-wide service catalog (DESIGN.md §1; seed 002's list of Smart Kampung services). One file per
 * service under ./services/; a village's own programmes are the same shape, stored as data and checked by
 * ./service-definition-schema.ts (which every service here passes too).
 *
 * Letter classification codes (the first part of the letter number) follow the structure of Permendagri
 * No. 83 Tahun 2022 (Kode Klasifikasi Arsip): 400.12 Kependudukan dan Pencatatan Sipil (400.12.2.1 identitas
 * penduduk: domisili, KTP-el, KK; 400.12.2.2 pindah datang; 400.12.3.1 kelahiran dan kematian; 400.12.3.2
 * perkawinan), 400.9.14 penanggulangan kemiskinan (SKTM, SPM), 500.2 perdagangan (SKU), 500.3 koperasi dan
 * UKM (IUMK), 500.4 kehutanan (IPHP), 300 ketenteraman dan ketertiban umum (pengantar SKCK), 100.2
 * pemerintahan umum (surat pernyataan).
 * Issue 16 reuses those classes (300 for the police cover letters: kehilangan, keramaian; 500.2 for trade:
 * jual beli, surat jalan, domisili usaha; 100.2 for letters about legal standing: ahli waris, wali, kuasa,
 * kendaraan) and adds two: 400.3 pendidikan (penghasilan orang tua for scholarships) and 500.17 pertanahan
 * (riwayat and harga tanah). Those two are the least certain: older letters print 421 (pendidikan) and
 * 590/593 (pertanahan).
 * Source and assumption: these were taken from published transcriptions of the regulation's appendix and
 * from codes villages print on their letters, not from the official gazette itself; the regulation only
 * fixes the archive classes, and regencies and villages refine them. Many villages still print the older
 * codes (Permendagri 78/2012 era): 470 domisili/KTP/KK, 474.1 kelahiran, 474.2 perkawinan, 474.3 kematian,
 * 475 pindah, 400/401 SKTM, 331 pengantar SKCK, 503/510 usaha, 522 kehutanan, 145 pernyataan.
 * Each village administration should confirm its codes (and its regency's refinements) before issuing real
 * letters; changing a code here changes only the numbers of letters of requests submitted afterwards (a
 * request keeps the version of its service it was submitted under: ./service-version.ts).
 */
import { NotFoundError } from '../shared/errors.js';
import { text } from '../shared/text.js';
import { birthRegistration } from './services/birth-registration.js';
import { businessCertificate } from './services/business-certificate.js';
import { businessDomicileCertificate } from './services/business-domicile-certificate.js';
import { deathRegistration } from './services/death-registration.js';
import { deathStatement } from './services/death-statement.js';
import { domicileCertificate } from './services/domicile-certificate.js';
import { eventPermitCoverLetter } from './services/event-permit-cover-letter.js';
import { familyCardCoverLetter } from './services/family-card-cover-letter.js';
import { forestClearingPermit } from './services/forest-clearing-permit.js';
import { generalStatement } from './services/general-statement.js';
import { goodConductCoverLetter } from './services/good-conduct-cover-letter.js';
import { guardianCertificate } from './services/guardian-certificate.js';
import { heirsCertificate } from './services/heirs-certificate.js';
import { idCardCoverLetter } from './services/id-card-cover-letter.js';
import { idCardInProcessCertificate } from './services/id-card-in-process-certificate.js';
import { identityDiscrepancyCertificate } from './services/identity-discrepancy-certificate.js';
import { landHistoryCertificate } from './services/land-history-certificate.js';
import { landPriceCertificate } from './services/land-price-certificate.js';
import {
  jointRegulation,
  villageHeadDecree,
  villageHeadRegulation,
  villageRegulation,
} from './services/legal-products.js';
import { lostReportCoverLetter } from './services/lost-report-cover-letter.js';
import { lowIncomeCertificate } from './services/low-income-certificate.js';
import { marriageCoverLetter } from './services/marriage-cover-letter.js';
import { microBusinessPermit } from './services/micro-business-permit.js';
import { moveInCertificate } from './services/move-in-certificate.js';
import { moveOutCertificate } from './services/move-out-certificate.js';
import { musdesVerification } from './services/musdes-verification.js';
import { parentsIncomeCertificate } from './services/parents-income-certificate.js';
import { povertyDeclaration } from './services/poverty-declaration.js';
import { powerOfAttorney } from './services/power-of-attorney.js';
import { residentBiodata } from './services/resident-biodata.js';
import { residentCertificate } from './services/resident-certificate.js';
import { saleCertificate } from './services/sale-certificate.js';
import { socialSecurityCertificate } from './services/social-security-certificate.js';
import { stillbirthCertificate } from './services/stillbirth-certificate.js';
import { travelPermit } from './services/travel-permit.js';
import { unmarriedCertificate } from './services/unmarried-certificate.js';
import { vehicleOwnershipCertificate } from './services/vehicle-ownership-certificate.js';
import { WELFARE_CASE_SERVICES } from './services/welfare-cases.js';
import { widowhoodCertificate } from './services/widowhood-certificate.js';
import type { ServiceDefinition } from './types.js';

/** Every regency service, in the order the office display and the portal list them. */
export const SERVICE_CATALOG: readonly ServiceDefinition[] = [
  // Surat keterangan and cover letters: operator → village head (signs).
  businessCertificate,
  domicileCertificate,
  moveOutCertificate,
  moveInCertificate,
  marriageCoverLetter,
  deathStatement,
  lowIncomeCertificate,
  goodConductCoverLetter,
  idCardCoverLetter,
  familyCardCoverLetter,
  // Civil registration: operator → registry check → village head (signs) → Dukcapil (issues the akta).
  birthRegistration,
  deathRegistration,
  // Permits: operator → village head (recommends) → camat (signs).
  microBusinessPermit,
  forestClearingPermit,
  // Statements.
  generalStatement,
  // Welfare, the SPM scheme: operator → registry check → village head (signs) → regency welfare (kesmas).
  povertyDeclaration,
  // Issue 16, the letters villages moving from OpenSID issue every week (most issued first).
  // Operator → village head (signs):
  residentCertificate,
  lostReportCoverLetter,
  eventPermitCoverLetter,
  travelPermit,
  saleCertificate,
  businessDomicileCertificate,
  unmarriedCertificate,
  widowhoodCertificate,
  identityDiscrepancyCertificate,
  idCardInProcessCertificate,
  residentBiodata,
  landPriceCertificate,
  vehicleOwnershipCertificate,
  socialSecurityCertificate,
  // Operator → registry check of the people the letter names → village head (signs):
  parentsIncomeCertificate,
  guardianCertificate,
  powerOfAttorney,
  stillbirthCertificate,
  // Operator → (registry check) → village head (recommends) → camat (acknowledges and signs):
  heirsCertificate,
  landHistoryCertificate,
  // Issue 12, the office's own legal products (audience 'office', drafted by the village secretary).
  villageRegulation,
  jointRegulation,
  villageHeadRegulation,
  villageHeadDecree,
  // Issue 13: the musdes verification of the household surveys, compiled from them (core/welfare/musdes.ts).
  musdesVerification,
  // Issue 13, cases to the UPT penanganan kemiskinan (audience 'office', reported through POST /v1/cases).
  ...WELFARE_CASE_SERVICES,
];

/** The codes of the regency's services, e.g. for the services a demo village offers. */
export const REGENCY_SERVICE_CODES: readonly string[] = SERVICE_CATALOG.map((service) => service.code);

/** A regency service by code, or undefined (a village's own programme may still have that code). */
export const regencyService = (code: string): ServiceDefinition | undefined =>
  SERVICE_CATALOG.find((candidate) => candidate.code === code);

export const unknownService = (code: string) =>
  new NotFoundError(
    text(`serviceCode: layanan "${code}" tidak dikenal.`, `serviceCode: unknown service "${code}".`),
  );

export function findService(code: string): ServiceDefinition {
  const service = regencyService(code);
  if (!service) throw unknownService(code);
  return service;
}

export { applicationSchema } from './application-schema.js';
export {
  PLACE_PLACEHOLDERS,
  parseServiceDefinition,
  serviceDefinitionIssues,
} from './service-definition-schema.js';
export type {
  AgencyCode,
  CheckStage,
  CheckSubject,
  DecisionStage,
  FieldDefinition,
  FieldType,
  LetterTemplate,
  RegistryName,
  RequirementDefinition,
  ServiceDefinition,
  ServiceFamily,
  StageDefinition,
} from './types.js';
export {
  birthRegistration,
  businessCertificate,
  businessDomicileCertificate,
  deathRegistration,
  deathStatement,
  domicileCertificate,
  eventPermitCoverLetter,
  familyCardCoverLetter,
  forestClearingPermit,
  generalStatement,
  goodConductCoverLetter,
  guardianCertificate,
  heirsCertificate,
  idCardCoverLetter,
  idCardInProcessCertificate,
  identityDiscrepancyCertificate,
  landHistoryCertificate,
  landPriceCertificate,
  lostReportCoverLetter,
  lowIncomeCertificate,
  marriageCoverLetter,
  microBusinessPermit,
  moveInCertificate,
  moveOutCertificate,
  parentsIncomeCertificate,
  povertyDeclaration,
  powerOfAttorney,
  residentBiodata,
  residentCertificate,
  saleCertificate,
  socialSecurityCertificate,
  stillbirthCertificate,
  travelPermit,
  unmarriedCertificate,
  vehicleOwnershipCertificate,
  widowhoodCertificate,
};
