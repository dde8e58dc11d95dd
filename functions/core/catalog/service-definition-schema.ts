import * as z from 'zod/mini';
import { fillTemplate, TemplateError } from '../documents/template.js';
import { parseBodyLine } from '../documents/text-layout.js';
import { STAFF_ROLES } from '../identity/roles.js';
import { type FieldIssue, ValidationError } from '../shared/errors.js';
import { type LocalizedText, text } from '../shared/text.js';
import { safeLocalized, safeText } from '../shared/text-schema.js';
import { type FieldLabels, parseOrThrow } from '../shared/validation.js';
import { letterFields } from './letter-fields.js';
import {
  AGENCIES,
  type CheckStage,
  type DecisionStage,
  type FieldDefinition,
  type FieldType,
  type RegistryName,
  SERVICE_FAMILIES,
  type ServiceDefinition,
  type StageCondition,
} from './types.js';

/**
 * The rules every service definition obeys, the regency's own (in code) and a village's programmes (data an
 * admin PUTs): the shape first (zod), then the cross-references a shape cannot express — placeholders that
 * name declared fields, unique keys, a decider and a signer in the chain, registry checks on NIK fields.
 */

/** Placeholders every letter may use besides the applicant's fields: the place names of the letterhead. */
export const PLACE_PLACEHOLDERS = ['village', 'district', 'regency'] as const;

const FIELD_TYPES = ['text', 'longText', 'nik', 'familyCard', 'date', 'integer', 'choice'] as const;
const REGISTRIES = ['population', 'bpjs', 'desil'] as const;
// Compile-time guards: the lists above must name every member of the catalog's unions, and only those.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const fieldTypesAreComplete: Same<(typeof FIELD_TYPES)[number], FieldType> = true;
const registriesAreComplete: Same<(typeof REGISTRIES)[number], RegistryName> = true;
void fieldTypesAreComplete;
void registriesAreComplete;

/** A service code: capitals, digits and dashes, e.g. SKU, IUMK, OR-SEPAKBOLA. */
const SERVICE_CODE = /^[A-Z][A-Z0-9-]{1,19}$/;
/** A field name: camelCase, as it appears in `{{placeholders}}` and in the API's request data. */
const FIELD_NAME = /^[a-z][A-Za-z0-9]{0,39}$/;
/** Stage keys and requirement codes: lowercase words joined by dashes, e.g. `pengantar-rt`. */
const KEY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** A choice's stored value: short, no spaces. */
const CHOICE_VALUE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
/** A search keyword: lowercase words, single spaces or dashes between them: `hilang`, `surat jalan`, `e-ktp`. */
const KEYWORD = /^[a-z0-9]+([ -][a-z0-9]+)*$/;
/** Permendagri 83/2022 classification: three digits, then up to four dotted levels (400.12.3.1). */
const CLASSIFICATION_CODE = /^\d{3}(\.\d{1,3}){0,4}$/;

// Labels and letter lines are shown to staff and printed on letters: safe text, on one line each.
const localized = (max: number) => safeLocalized({ max });

const int = (min: number, max: number) => z.number().check(z.int(), z.minimum(min), z.maximum(max));
const matching = (pattern: RegExp, maxLength?: number) =>
  maxLength === undefined
    ? z.string().check(z.regex(pattern))
    : z.string().check(z.maxLength(maxLength), z.regex(pattern));

const fieldSchema = z.strictObject({
  name: matching(FIELD_NAME),
  type: z.enum(FIELD_TYPES),
  label: localized(120),
  required: z.boolean(),
  minLength: z.optional(int(0, 5000)),
  maxLength: z.optional(int(1, 5000)),
  min: z.optional(int(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)),
  max: z.optional(int(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)),
  choices: z.optional(
    z
      .array(z.strictObject({ value: matching(CHOICE_VALUE), label: localized(120) }))
      .check(z.minLength(1), z.maxLength(100)),
  ),
  hint: z.optional(localized(300)),
  requiredWhen: z.optional(
    z.strictObject({
      field: matching(FIELD_NAME),
      oneOf: z.array(matching(CHOICE_VALUE)).check(z.minLength(1), z.maxLength(30)),
    }),
  ),
});

const requirementSchema = z.strictObject({
  code: matching(KEY, 40),
  label: localized(200),
  required: z.boolean(),
});

const conditionSchema = z.strictObject({
  field: matching(FIELD_NAME),
  oneOf: z.array(matching(CHOICE_VALUE)).check(z.minLength(1), z.maxLength(30)),
  stage: z.optional(matching(KEY, 40)),
});

const decisionStageSchema = z.strictObject({
  kind: z.literal('decision'),
  key: matching(KEY, 40),
  role: z.enum(STAFF_ROLES),
  agency: z.optional(z.enum(AGENCIES)),
  label: localized(200),
  // Fractions allowed (half an hour); at most 90 days, beyond which a stage is not a service standard.
  deadlineHours: z.number().check(z.positive(), z.maximum(24 * 90)),
  escalateTo: z.optional(z.enum(STAFF_ROLES)),
  signs: z.optional(z.boolean()),
  attachesDocument: z.optional(z.strictObject({ requirementCode: matching(KEY, 40), label: localized(200) })),
  records: z.optional(z.array(fieldSchema).check(z.minLength(1), z.maxLength(10))),
  when: z.optional(conditionSchema),
});

const checkStageSchema = z.strictObject({
  kind: z.literal('check'),
  key: matching(KEY, 40),
  label: localized(200),
  registries: z.array(z.enum(REGISTRIES)).check(z.minLength(1)),
  subjects: z
    .array(
      z.strictObject({
        nikField: matching(FIELD_NAME),
        nameField: z.optional(matching(FIELD_NAME)),
        birthDateField: z.optional(matching(FIELD_NAME)),
        familyCardField: z.optional(matching(FIELD_NAME)),
        deceased: z.optional(z.boolean()),
      }),
    )
    .check(z.minLength(1), z.maxLength(10)),
  bpjsExpectation: z.optional(z.enum(['participant', 'not-covered'])),
  maxDesil: z.optional(int(1, 10)),
  when: z.optional(conditionSchema),
});

const publicationStageSchema = z.strictObject({
  kind: z.literal('publication'),
  key: matching(KEY, 40),
  label: localized(200),
  register: z.enum(['legal-products']),
  when: z.optional(conditionSchema),
});

const letterPart = (max: number) => safeText({ max });

/** The shape of a service definition. Cross-references are checked by `serviceDefinitionIssues`. */
export const serviceDefinitionSchema = z.strictObject({
  code: matching(SERVICE_CODE),
  name: localized(150),
  description: localized(1000),
  family: z.enum(SERVICE_FAMILIES),
  fields: z.array(fieldSchema).check(z.minLength(1), z.maxLength(60)),
  requirements: z.array(requirementSchema).check(z.maxLength(30)),
  stages: z
    .array(z.discriminatedUnion('kind', [decisionStageSchema, checkStageSchema, publicationStageSchema]))
    .check(z.minLength(1), z.maxLength(12)),
  targetHours: z.number().check(z.positive(), z.maximum(24 * 365)),
  classificationCode: matching(CLASSIFICATION_CODE),
  letter: z.strictObject({
    title: letterPart(200),
    opening: letterPart(1000),
    body: z.array(letterPart(1500)).check(z.minLength(1), z.maxLength(60)),
    closing: letterPart(1000),
  }),
  keywords: z.optional(z.array(matching(KEYWORD, 30)).check(z.maxLength(20))),
  audience: z.optional(z.enum(['public', 'office'])),
  compiled: z.optional(z.boolean()),
});

// What the schema accepts is a ServiceDefinition (a compile error here means the two have drifted apart).
const schemaOutputIsADefinition = (parsed: z.output<typeof serviceDefinitionSchema>): ServiceDefinition =>
  parsed;
void schemaOutputIsADefinition;

const LABELS: FieldLabels = {
  code: text('Kode layanan', 'Service code'),
  name: text('Nama layanan', 'Service name'),
  description: text('Uraian layanan', 'Service description'),
  family: text('Kelompok layanan', 'Service family'),
  fields: text('Isian formulir', 'Form fields'),
  requirements: text('Persyaratan', 'Requirements'),
  stages: text('Alur persetujuan', 'Approval chain'),
  targetHours: text('Target waktu layanan (jam)', 'Service target (hours)'),
  classificationCode: text('Kode klasifikasi surat', 'Letter classification code'),
  letter: text('Templat surat', 'Letter template'),
  'letter.title': text('Judul surat', 'Letter title'),
  'letter.opening': text('Pembuka surat', 'Letter opening'),
  'letter.body': text('Isi surat', 'Letter body'),
  'letter.closing': text('Penutup surat', 'Letter closing'),
  keywords: text('Kata kunci pencarian', 'Search keywords'),
  compiled: text('Disusun dari data desa', "Compiled from the village's data"),
};

/**
 * Parses a service definition that comes from data (a village's programme, PUT by an admin).
 * Throws a ValidationError naming each offending field (`stages.2.subjects.0.nikField`, `letter.body.4`…)
 * in Indonesian and English.
 */
export function parseServiceDefinition(input: unknown): ServiceDefinition {
  const definition: ServiceDefinition = parseOrThrow(serviceDefinitionSchema, input, LABELS);
  const issues = serviceDefinitionIssues(definition);
  if (issues.length > 0) {
    throw new ValidationError(
      text(
        `Definisi layanan tidak valid: ${issues.map((issue) => issue.message.id).join('; ')}`,
        `Invalid service definition: ${issues.map((issue) => issue.message.en).join('; ')}`,
      ),
      issues,
    );
  }
  return definition;
}

/** The rules a definition of the right shape must still obey; empty when it obeys them all. */
export function serviceDefinitionIssues(definition: ServiceDefinition): FieldIssue[] {
  return [
    ...fieldIssues(definition),
    ...requirementIssues(definition),
    ...stageIssues(definition),
    ...letterIssues(definition),
    // Compiled from the village's data by a route of its own: only ever a document of the office.
    ...(definition.compiled && definition.audience !== 'office'
      ? [
          issue(
            'compiled',
            "hanya untuk dokumen kantor (audience 'office')",
            "only for office documents (audience 'office')",
          ),
        ]
      : []),
  ];
}

const issue = (field: string, id: string, en: string): FieldIssue => ({
  field,
  message: text(`${field}: ${id}`, `${field}: ${en}`),
});

/** Index of each value's second and later occurrences. */
const duplicates = (values: readonly string[]): number[] =>
  values.flatMap((value, index) => (values.indexOf(value) < index ? [index] : []));

const isPlaceName = (name: string): boolean => (PLACE_PLACEHOLDERS as readonly string[]).includes(name);

function fieldIssues({ fields }: ServiceDefinition): FieldIssue[] {
  const issues = duplicates(fields.map((field) => field.name)).map((index) =>
    issue(
      `fields.${index}.name`,
      `nama "${fields[index]?.name}" sudah dipakai isian lain`,
      `the name "${fields[index]?.name}" is already used by another field`,
    ),
  );
  fields.forEach((field, index) => {
    const at = `fields.${index}`;
    if (isPlaceName(field.name)) {
      issues.push(
        issue(
          `${at}.name`,
          `"${field.name}" dicadangkan untuk nama wilayah pada surat`,
          `"${field.name}" is reserved for the place names on the letter`,
        ),
      );
    }
    issues.push(...fieldOptionIssues(field, at));
  });
  return [...issues, ...requiredWhenIssues(fields, 'fields')];
}

/** A field required only when another is set names a choice field of the same list, and is itself optional. */
function requiredWhenIssues(fields: readonly FieldDefinition[], at: string): FieldIssue[] {
  return fields.flatMap((field, index) => {
    const { requiredWhen } = field;
    if (!requiredWhen) return [];
    const where = `${at}.${index}.requiredWhen`;
    if (field.required) {
      return [issue(where, 'hanya untuk isian yang tidak wajib', 'only for a field that is not required')];
    }
    const choice = fields.find((candidate) => candidate.name === requiredWhen.field);
    const offered = new Set((choice?.choices ?? []).map((option) => option.value));
    return choice?.type === 'choice' && requiredWhen.oneOf.every((value) => offered.has(value))
      ? []
      : [
          issue(
            `${where}.field`,
            `harus isian pilihan "${requiredWhen.field}" dengan nilai-nilai itu`,
            `must be a choice field "${requiredWhen.field}" offering those values`,
          ),
        ];
  });
}

function fieldOptionIssues(field: FieldDefinition, at: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const isText = field.type === 'text' || field.type === 'longText';
  const misplaced = (option: keyof FieldDefinition, forWhat: LocalizedText) => {
    if (field[option] !== undefined) {
      issues.push(
        issue(
          `${at}.${option}`,
          `hanya berlaku untuk isian ${forWhat.id}, bukan ${field.type}`,
          `applies only to ${forWhat.en} fields, not ${field.type}`,
        ),
      );
    }
  };
  if (!isText) {
    misplaced('minLength', text('teks', 'text'));
    misplaced('maxLength', text('teks', 'text'));
  }
  if (field.type !== 'integer') {
    misplaced('min', text('bilangan bulat', 'integer'));
    misplaced('max', text('bilangan bulat', 'integer'));
  }
  if (field.type !== 'choice') misplaced('choices', text('pilihan', 'choice'));
  if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength) {
    issues.push(issue(`${at}.minLength`, 'lebih besar dari maxLength', 'is greater than maxLength'));
  }
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
    issues.push(issue(`${at}.min`, 'lebih besar dari max', 'is greater than max'));
  }
  if (field.type === 'choice') {
    const choices = field.choices ?? [];
    if (choices.length === 0) {
      issues.push(
        issue(`${at}.choices`, 'isian pilihan memerlukan daftar pilihan', 'a choice field needs its choices'),
      );
    }
    for (const index of duplicates(choices.map((choice) => choice.value))) {
      issues.push(
        issue(
          `${at}.choices.${index}.value`,
          `nilai "${choices[index]?.value}" muncul lebih dari sekali`,
          `the value "${choices[index]?.value}" appears more than once`,
        ),
      );
    }
  }
  return issues;
}

function requirementIssues({ requirements }: ServiceDefinition): FieldIssue[] {
  return duplicates(requirements.map((requirement) => requirement.code)).map((index) =>
    issue(
      `requirements.${index}.code`,
      `kode "${requirements[index]?.code}" sudah dipakai persyaratan lain`,
      `the code "${requirements[index]?.code}" is already used by another requirement`,
    ),
  );
}

function stageIssues(definition: ServiceDefinition): FieldIssue[] {
  const { stages, requirements, targetHours } = definition;
  const issues = duplicates(stages.map((stage) => stage.key)).map((index) =>
    issue(
      `stages.${index}.key`,
      `kunci "${stages[index]?.key}" sudah dipakai tahap lain`,
      `the key "${stages[index]?.key}" is already used by another stage`,
    ),
  );
  const decisions = stages.filter((stage) => stage.kind === 'decision');
  if (decisions.length === 0) {
    issues.push(
      issue(
        'stages',
        'harus ada sedikitnya satu tahap keputusan petugas',
        'needs at least one decision by a person',
      ),
    );
  } else if (!decisions.some((stage) => stage.signs)) {
    issues.push(
      issue(
        'stages',
        'tidak ada tahap yang menandatangani surat (signs: true)',
        'no stage signs the letter (signs: true)',
      ),
    );
  }
  const requirementCodes = new Set(requirements.map((requirement) => requirement.code));
  const attachedCodes: string[] = [];
  stages.forEach((stage, index) => {
    const at = `stages.${index}`;
    if (stage.when) issues.push(...conditionIssues(definition, index, stage.when, `${at}.when`));
    if (stage.kind === 'check') {
      issues.push(...checkStageIssues(definition, stage, at));
      return;
    }
    if (stage.kind === 'publication') {
      if (definition.family !== 'legal-product') {
        issues.push(
          issue(`${at}.kind`, 'hanya produk hukum yang diundangkan', 'only legal products are published'),
        );
      }
      return;
    }
    if (stage.records) issues.push(...requiredWhenIssues(stage.records, `${at}.records`));
    if (stage.role === 'agency_officer' && !stage.agency) {
      issues.push(
        issue(
          `${at}.agency`,
          'tahap petugas instansi harus menyebut instansinya',
          'an agency stage must name its agency',
        ),
      );
    }
    if (stage.role !== 'agency_officer' && stage.agency) {
      issues.push(
        issue(`${at}.agency`, 'hanya untuk tahap agency_officer', 'only applies to agency_officer stages'),
      );
    }
    if (stage.escalateTo === stage.role) {
      issues.push(
        issue(
          `${at}.escalateTo`,
          'harus peran lain dari peran tahap ini',
          "must be a role other than the stage's own",
        ),
      );
    }
    const attached = stage.attachesDocument?.requirementCode;
    if (attached !== undefined) {
      if (requirementCodes.has(attached) || attachedCodes.includes(attached)) {
        issues.push(
          issue(
            `${at}.attachesDocument.requirementCode`,
            `kode "${attached}" sudah dipakai persyaratan atau lampiran lain`,
            `the code "${attached}" is already used by a requirement or another attachment`,
          ),
        );
      }
      attachedCodes.push(attached);
    }
  });
  const deadlines = longestPath(decisions);
  if (deadlines > targetHours) {
    issues.push(
      issue(
        'targetHours',
        `${targetHours} jam lebih pendek dari jumlah batas waktu tahap (${deadlines} jam)`,
        `${targetHours} hours is shorter than the stages' deadlines together (${deadlines} hours)`,
      ),
    );
  }
  return issues;
}

/** Which field type each part of a check subject must point at. */
const SUBJECT_FIELD_TYPES = {
  nikField: 'nik',
  nameField: 'text',
  birthDateField: 'date',
  familyCardField: 'familyCard',
} as const satisfies Record<Exclude<keyof CheckStage['subjects'][number], 'deceased'>, FieldType>;

/**
 * The longest a chain's decisions may take: every unconditional stage, and of the stages conditional on one
 * field (alternatives: a case goes to Dinkes or to Dinsos) the longest.
 */
function longestPath(decisions: readonly DecisionStage[]): number {
  const alternatives = new Map<string, number>();
  let sum = 0;
  for (const stage of decisions) {
    if (!stage.when) sum += stage.deadlineHours;
    else {
      const on = `${stage.when.stage ?? ''}#${stage.when.field}`;
      alternatives.set(on, Math.max(alternatives.get(on) ?? 0, stage.deadlineHours));
    }
  }
  return sum + [...alternatives.values()].reduce((total, hours) => total + hours, 0);
}

/**
 * A condition names a choice field and only values that field offers: a field of the form, or (with `stage`)
 * a choice an earlier decision stage records.
 */
function conditionIssues(
  { fields, stages }: ServiceDefinition,
  index: number,
  when: StageCondition,
  at: string,
): FieldIssue[] {
  let source = fields;
  if (when.stage !== undefined) {
    const earlier = stages
      .slice(0, index)
      .find((stage): stage is DecisionStage => stage.kind === 'decision' && stage.key === when.stage);
    if (!earlier?.records) {
      return [
        issue(
          `${at}.stage`,
          `tidak ada tahap keputusan "${when.stage}" sebelumnya yang mencatat data`,
          `there is no earlier decision stage "${when.stage}" that records data`,
        ),
      ];
    }
    source = earlier.records;
  }
  const field = source.find((candidate) => candidate.name === when.field);
  if (field?.type !== 'choice') {
    return [
      issue(
        `${at}.field`,
        `isian pilihan "${when.field}" tidak ada`,
        `there is no choice field "${when.field}"`,
      ),
    ];
  }
  const offered = new Set((field.choices ?? []).map((choice) => choice.value));
  return when.oneOf.flatMap((value, index) =>
    offered.has(value)
      ? []
      : [
          issue(
            `${at}.oneOf.${index}`,
            `"${value}" bukan pilihan isian ini`,
            `"${value}" is not one of the field's choices`,
          ),
        ],
  );
}

function checkStageIssues({ fields }: ServiceDefinition, stage: CheckStage, at: string): FieldIssue[] {
  const issues = duplicates([...stage.registries]).map((index) =>
    issue(`${at}.registries.${index}`, 'register disebut dua kali', 'registry listed twice'),
  );
  if (stage.bpjsExpectation && !stage.registries.includes('bpjs')) {
    issues.push(
      issue(
        `${at}.bpjsExpectation`,
        'hanya berlaku bila register bpjs diperiksa',
        'only applies when bpjs is checked',
      ),
    );
  }
  if (stage.registries.includes('desil') !== (stage.maxDesil !== undefined)) {
    issues.push(
      issue(
        `${at}.maxDesil`,
        'register desil dan maxDesil harus disebut bersama',
        'the desil register and maxDesil go together',
      ),
    );
  }
  stage.subjects.forEach((subject, index) => {
    for (const [part, type] of Object.entries(SUBJECT_FIELD_TYPES)) {
      const name = subject[part as keyof typeof SUBJECT_FIELD_TYPES];
      if (name === undefined) continue;
      const path = `${at}.subjects.${index}.${part}`;
      const field = fields.find((candidate) => candidate.name === name);
      if (!field) {
        issues.push(issue(path, `isian "${name}" tidak ada pada formulir`, `there is no field "${name}"`));
      } else if (field.type !== type) {
        issues.push(
          issue(
            path,
            `isian "${name}" harus bertipe ${type}, bukan ${field.type}`,
            `"${name}" must be a ${type} field, not ${field.type}`,
          ),
        );
      } else if (part === 'nikField' && !field.required) {
        issues.push(
          issue(
            path,
            `isian "${name}" harus wajib diisi agar dapat diperiksa`,
            `"${name}" must be required to be checked`,
          ),
        );
      }
    }
  });
  return issues;
}

function letterIssues(service: ServiceDefinition): FieldIssue[] {
  const { letter } = service;
  const known = Object.fromEntries(
    [...PLACE_PLACEHOLDERS, ...letterFields(service).map((field) => field.name)].map((name) => [name, 'x']),
  );
  const parts: [string, string][] = [
    ['letter.title', letter.title],
    ['letter.opening', letter.opening],
    ...letter.body.map((line, index): [string, string] => [`letter.body.${index}`, line]),
    ['letter.closing', letter.closing],
  ];
  const issues: FieldIssue[] = [];
  for (const [path, part] of parts) {
    try {
      // The renderer's own fill: what it refuses at issue time is refused here, when the definition is saved.
      fillTemplate(part, known);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      for (const name of error.missing) {
        issues.push(
          issue(
            path,
            `{{${name}}} bukan isian formulir maupun nama wilayah (${PLACE_PLACEHOLDERS.join(', ')})`,
            `{{${name}}} is neither a form field nor a place name (${PLACE_PLACEHOLDERS.join(', ')})`,
          ),
        );
      }
      for (const fragment of error.malformed) {
        issues.push(
          issue(path, `penanda isian tidak lengkap: "${fragment}"`, `malformed placeholder: "${fragment}"`),
        );
      }
    }
  }
  letter.body.forEach((line, index) => {
    const path = `letter.body.${index}`;
    if (line.startsWith('{{')) {
      // The applicant's text would decide whether the line is a "Label: value" row or a paragraph.
      issues.push(
        issue(
          path,
          'baris tidak boleh diawali penanda isian; awali dengan teks tetap',
          'a line must not begin with a placeholder; start it with fixed text',
        ),
      );
      return;
    }
    const block = parseBodyLine(line);
    if (block.kind === 'field' && block.value === '') {
      issues.push(
        issue(
          path,
          `"${block.label}:" akan tercetak sebagai baris tabel kosong; tulis sebagai kalimat (lebih dari empat kata)`,
          `"${block.label}:" would print as an empty table row; write it as a sentence (more than four words)`,
        ),
      );
    }
  });
  return issues;
}
