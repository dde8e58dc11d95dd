import type { StaffRole } from '../identity/roles.js';
import type { LocalizedText } from '../shared/text.js';

/**
 * A service (jenis layanan) as data. This one description drives the API's validation, the workflow's
 * routing, the front end's forms, the office display's requirement lists and the issued letter. Regency
 * services live in code (./services/); a village's own programmes are the same shape, stored as data.
 */
export interface ServiceDefinition {
  readonly code: string;
  readonly name: LocalizedText;
  readonly description: LocalizedText;
  /** Groups services that share a chain shape (for the front end and for tests). */
  readonly family: ServiceFamily;
  readonly fields: readonly FieldDefinition[];
  /** Persyaratan: what the applicant brings or uploads. Required ones must be attached on submission. */
  readonly requirements: readonly RequirementDefinition[];
  /** The chain, in order: human decisions and automated registry checks. */
  readonly stages: readonly StageDefinition[];
  /** Service-level target from submission to issued document. */
  readonly targetHours: number;
  /** Letter classification code (Permendagri 83/2022), the first part of the letter number. */
  readonly classificationCode: string;
  readonly letter: LetterTemplate;
  /**
   * Words citizens search with besides the name and description (Indonesian, lowercase: "hilang",
   * "tanah", "beasiswa"), for the portal's catalogue search.
   */
  readonly keywords?: readonly string[];
  /**
   * Who starts it: citizens (and operators at the counter for them), or the village office itself — a
   * regulation the secretary drafts is not something a citizen applies for (default 'public').
   */
  readonly audience?: ServiceAudience;
  /**
   * An office request only its own route starts, having checked who may and built the data itself (the
   * musdes verification's list of households, core/welfare/musdes.ts; a welfare case, core/cases/): never
   * through POST /v1/requests.
   */
  readonly compiled?: boolean;
}

export type ServiceAudience = 'public' | 'office';

export const SERVICE_FAMILIES = [
  'certificate',
  'civil-registration',
  'permit',
  'statement',
  'welfare',
  'village-programme',
  'legal-product',
  'welfare-verification',
  'welfare-case',
] as const;
export type ServiceFamily = (typeof SERVICE_FAMILIES)[number];

export type FieldType = 'text' | 'longText' | 'nik' | 'familyCard' | 'date' | 'integer' | 'choice';

export interface FieldDefinition {
  readonly name: string;
  readonly type: FieldType;
  readonly label: LocalizedText;
  readonly required: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  readonly choices?: readonly { readonly value: string; readonly label: LocalizedText }[];
  readonly hint?: LocalizedText;
  /**
   * An optional field that is required once a choice field beside it holds one of these values (the school's
   * name once a dropout child is back in school).
   */
  readonly requiredWhen?: { readonly field: string; readonly oneOf: readonly string[] };
}

export interface RequirementDefinition {
  readonly code: string;
  readonly label: LocalizedText;
  readonly required: boolean;
}

export type StageDefinition = DecisionStage | CheckStage | PublicationStage;

/**
 * A stage that applies only to some requests of the service: the camat evaluates a Peraturan Desa only when
 * it is about the budget, the development plan, levies, spatial planning or the village's organisation.
 * Skipped stages are passed over as if they were not in the chain.
 */
export interface StageCondition {
  readonly field: string;
  readonly oneOf: readonly string[];
  /**
   * Read the field from what the decider of this earlier stage recorded (DecisionStage.records), not from
   * the form: the UPT's decision names the dinas a welfare case is referred to, and only that dinas's
   * stage applies.
   */
  readonly stage?: string;
}

/** A person decides: approve, reject or return for correction. */
export interface DecisionStage {
  readonly kind: 'decision';
  readonly key: string;
  readonly role: StaffRole;
  /** For agency stages (role agency_officer): which agency decides, e.g. 'dukcapil', 'kesmas'. */
  readonly agency?: AgencyCode;
  readonly label: LocalizedText;
  /** How long this stage may wait for its decider before it is escalated. */
  readonly deadlineHours: number;
  /** Who may act once the deadline passes (village head absent → village secretary; district → regency). */
  readonly escalateTo?: StaffRole;
  /** The person who approves this stage signs the letter (the last such stage's approver goes on the PDF). */
  readonly signs?: boolean;
  /** The decider attaches a document on approval (Dukcapil attaches the akta it issued). */
  readonly attachesDocument?: { readonly requirementCode: string; readonly label: LocalizedText };
  /**
   * What the decider records on approval, beside the decision (the date the BPD agreed, the number and date
   * of the report to the Bupati): validated like the form's fields and kept on the request under the stage.
   */
  readonly records?: readonly FieldDefinition[];
  readonly when?: StageCondition;
}

/**
 * Automated checks against registries. A mismatch returns the request to the applicant with the reasons;
 * after the applicant corrects it, the checks run again.
 */
export interface CheckStage {
  readonly kind: 'check';
  readonly key: string;
  readonly label: LocalizedText;
  /**
   * The registers asked. The population register is always asked first, whether listed or not: it answers
   * "does this identity match", and no other register is asked about a subject whose identity did not.
   */
  readonly registries: readonly RegistryName[];
  /** Which fields identify each person to check (an SPM checks the applicant; an akta the parents). */
  readonly subjects: readonly CheckSubject[];
  /**
   * What a BPJS answer must be for the check to pass: a participant (default), or not covered at all — the
   * SPM is for poor citizens not yet covered by PBI or regional insurance (seed 002).
   */
  readonly bpjsExpectation?: 'participant' | 'not-covered';
  /**
   * With the desil register: the check passes only when the subject's household is in DTSEN desil
   * 1…maxDesil (programmes use 1–4 or 1–5); the returned request never says which desil it is in.
   */
  readonly maxDesil?: number;
  readonly when?: StageCondition;
}

/**
 * An automated stage that enters the request into a public register once the people before it have
 * decided: a regulation the secretary promulgated gets its numbers (drawn atomically per type and year) and
 * is published. What it draws is kept on the request under the stage, like a decider's records.
 */
export interface PublicationStage {
  readonly kind: 'publication';
  readonly key: string;
  readonly label: LocalizedText;
  readonly register: RegisterName;
  readonly when?: StageCondition;
}

export type RegisterName = 'legal-products';

export type RegistryName = 'population' | 'bpjs' | 'desil';

export interface CheckSubject {
  readonly nikField: string;
  readonly nameField?: string;
  readonly birthDateField?: string;
  readonly familyCardField?: string;
  /** The person whose death is being registered: the registry may already record them as deceased. */
  readonly deceased?: boolean;
}

export const AGENCIES = [
  'dukcapil',
  'dinsos',
  'kesmas',
  'dpmptsp',
  'dishut',
  // Welfare cases (issue 13) are referred to the education office, the health office and the village
  // community empowerment office as well as Dinsos.
  'dindik',
  'dinkes',
  'bpmd',
] as const;
export type AgencyCode = (typeof AGENCIES)[number];

/**
 * The letter body. `{{field}}` placeholders take the applicant's fields; `{{village}}`, `{{district}}`,
 * `{{regency}}` take the place names.
 */
export interface LetterTemplate {
  readonly title: string;
  readonly opening: string;
  readonly body: readonly string[];
  readonly closing: string;
}
