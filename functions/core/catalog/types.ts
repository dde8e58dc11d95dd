import type { StaffRole } from '../roles.js';
import type { LocalizedText } from '../text.js';

/**
 * A service (jenis layanan) as data. This one description drives the API's validation, the workflow's
 * routing, the front end's forms, the office display's requirement lists and the issued letter.
 */
export interface ServiceDefinition {
  readonly code: string;
  readonly name: LocalizedText;
  readonly description: LocalizedText;
  readonly fields: readonly FieldDefinition[];
  /** Persyaratan: what the applicant brings or uploads. */
  readonly requirements: readonly RequirementDefinition[];
  /** The approval chain, in order. */
  readonly stages: readonly StageDefinition[];
  /** Service-level target from submission to issued document. */
  readonly targetHours: number;
  /** Letter classification code (Permendagri 83/2022), the first part of the letter number. */
  readonly classificationCode: string;
  readonly letter: LetterTemplate;
}

export type FieldType = 'text' | 'longText' | 'nik' | 'date' | 'integer' | 'choice';

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
}

export interface RequirementDefinition {
  readonly code: string;
  readonly label: LocalizedText;
  readonly required: boolean;
}

export interface StageDefinition {
  readonly key: string;
  readonly role: StaffRole;
  readonly label: LocalizedText;
  /** How long this stage may wait for its decider before it is escalated. */
  readonly deadlineHours: number;
  /** The person who decides this stage signs the letter (the last signing stage's role goes on the PDF). */
  readonly signs?: boolean;
}

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
