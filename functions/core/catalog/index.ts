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
 * Source and assumption: these were taken from published transcriptions of the regulation's appendix and
 * from codes villages print on their letters, not from the official gazette itself; the regulation only
 * fixes the archive classes, and regencies and villages refine them. Many villages still print the older
 * codes (Permendagri 78/2012 era): 470 domisili/KTP/KK, 474.1 kelahiran, 474.2 perkawinan, 474.3 kematian,
 * 475 pindah, 400/401 SKTM, 331 pengantar SKCK, 503/510 usaha, 522 kehutanan, 145 pernyataan.
 * Each village administration should confirm its codes (and its regency's refinements) before issuing real
 * letters; changing a code here changes only the numbers of letters issued afterwards.
 */
import { NotFoundError } from '../errors.js';
import { text } from '../text.js';
import { birthRegistration } from './services/birth-registration.js';
import { businessCertificate } from './services/business-certificate.js';
import { deathRegistration } from './services/death-registration.js';
import { deathStatement } from './services/death-statement.js';
import { domicileCertificate } from './services/domicile-certificate.js';
import { familyCardCoverLetter } from './services/family-card-cover-letter.js';
import { forestClearingPermit } from './services/forest-clearing-permit.js';
import { generalStatement } from './services/general-statement.js';
import { goodConductCoverLetter } from './services/good-conduct-cover-letter.js';
import { idCardCoverLetter } from './services/id-card-cover-letter.js';
import { lowIncomeCertificate } from './services/low-income-certificate.js';
import { marriageCoverLetter } from './services/marriage-cover-letter.js';
import { microBusinessPermit } from './services/micro-business-permit.js';
import { moveInCertificate } from './services/move-in-certificate.js';
import { moveOutCertificate } from './services/move-out-certificate.js';
import { povertyDeclaration } from './services/poverty-declaration.js';
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
  deathRegistration,
  deathStatement,
  domicileCertificate,
  familyCardCoverLetter,
  forestClearingPermit,
  generalStatement,
  goodConductCoverLetter,
  idCardCoverLetter,
  lowIncomeCertificate,
  marriageCoverLetter,
  microBusinessPermit,
  moveInCertificate,
  moveOutCertificate,
  povertyDeclaration,
};
