import { type LocalizedText, text } from '../../shared/text.js';
import type {
  AgencyCode,
  CheckStage,
  CheckSubject,
  DecisionStage,
  FieldDefinition,
  RequirementDefinition,
} from '../types.js';

/**
 * Building blocks the regency's services share, so a field, a persyaratan or a stage reads the same in every
 * service (and in the front end's forms). They only return plain data: a service file stays a declaration.
 */

type FieldOptions = Partial<Omit<FieldDefinition, 'name' | 'type' | 'label' | 'choices'>>;
type Choices = NonNullable<FieldDefinition['choices']>;

export const nikField = (
  name: string,
  label: LocalizedText,
  options: FieldOptions = {},
): FieldDefinition => ({
  name,
  type: 'nik',
  label,
  required: true,
  ...options,
});

export const familyCardField = (
  name: string,
  label: LocalizedText,
  options: FieldOptions = {},
): FieldDefinition => ({ name, type: 'familyCard', label, required: true, ...options });

/** A short text; a person's name by default (3–100 characters). */
export const textField = (
  name: string,
  label: LocalizedText,
  options: FieldOptions = {},
): FieldDefinition => ({
  name,
  type: 'text',
  label,
  required: true,
  minLength: 3,
  maxLength: 100,
  ...options,
});

/** The name of a place (a village, district, regency or province): 2–60 characters. */
export const placeField = (name: string, label: LocalizedText, options: FieldOptions = {}): FieldDefinition =>
  textField(name, label, { minLength: 2, maxLength: 60, ...options });

/** An address or a list (one item per line). */
export const longTextField = (
  name: string,
  label: LocalizedText,
  options: FieldOptions = {},
): FieldDefinition => ({
  name,
  type: 'longText',
  label,
  required: true,
  minLength: 5,
  maxLength: 200,
  ...options,
});

export const dateField = (
  name: string,
  label: LocalizedText,
  options: FieldOptions = {},
): FieldDefinition => ({
  name,
  type: 'date',
  label,
  required: true,
  ...options,
});

export const integerField = (
  name: string,
  label: LocalizedText,
  options: FieldOptions & { min: number; max: number },
): FieldDefinition => ({ name, type: 'integer', label, required: true, ...options });

export const choiceField = (
  name: string,
  label: LocalizedText,
  choices: Choices,
  options: FieldOptions = {},
): FieldDefinition => ({ name, type: 'choice', label, required: true, choices, ...options });

const choice = (value: string, id: string, en: string) => ({ value, label: text(id, en) });

export const SEXES: Choices = [
  choice('laki-laki', 'Laki-laki', 'Male'),
  choice('perempuan', 'Perempuan', 'Female'),
];

/** The six religions recorded on the KTP, and belief in God Almighty (kepercayaan), as SIAK records them. */
export const RELIGIONS: Choices = [
  choice('islam', 'Islam', 'Islam'),
  choice('kristen', 'Kristen', 'Protestant Christianity'),
  choice('katolik', 'Katolik', 'Catholicism'),
  choice('hindu', 'Hindu', 'Hinduism'),
  choice('buddha', 'Buddha', 'Buddhism'),
  choice('khonghucu', 'Khonghucu', 'Confucianism'),
  choice('kepercayaan', 'Kepercayaan terhadap Tuhan YME', 'Belief in God Almighty (kepercayaan)'),
];

export const MARITAL_STATUSES: Choices = [
  choice('belum-kawin', 'Belum kawin', 'Not married'),
  choice('kawin', 'Kawin', 'Married'),
  choice('cerai-hidup', 'Cerai hidup', 'Divorced'),
  choice('cerai-mati', 'Cerai mati', 'Widowed'),
];

/** Who reports a birth or a death, relative to the child or the deceased. */
export const REPORTER_RELATIONSHIPS: Choices = [
  choice('ayah', 'Ayah', 'Father'),
  choice('ibu', 'Ibu', 'Mother'),
  choice('suami-istri', 'Suami/istri', 'Husband/wife'),
  choice('anak', 'Anak', 'Child'),
  choice('saudara', 'Saudara', 'Sibling or relative'),
  choice('lainnya', 'Lainnya', 'Other'),
];

/** Monthly household income, in the brackets village poverty data uses. */
export const INCOME_BRACKETS: Choices = [
  choice('under-500k', 'Kurang dari Rp500.000', 'Less than IDR 500,000'),
  choice('500k-1m', 'Rp500.000 sampai Rp1.000.000', 'IDR 500,000 to 1,000,000'),
  choice('1m-1.5m', 'Rp1.000.001 sampai Rp1.500.000', 'IDR 1,000,001 to 1,500,000'),
  choice('1.5m-2m', 'Rp1.500.001 sampai Rp2.000.000', 'IDR 1,500,001 to 2,000,000'),
  choice('over-2m', 'Lebih dari Rp2.000.000', 'More than IDR 2,000,000'),
];

/** The applicant's own data, named alike in every service (the issued document's name is `fullName`). */
export const applicant = {
  nik: nikField('nik', text('NIK pemohon', "Applicant's NIK")),
  fullName: textField('fullName', text('Nama lengkap', 'Full name')),
  birthPlace: textField('birthPlace', text('Tempat lahir', 'Place of birth'), {
    minLength: 2,
    maxLength: 60,
  }),
  birthDate: dateField('birthDate', text('Tanggal lahir', 'Date of birth')),
  sex: choiceField('sex', text('Jenis kelamin', 'Sex'), SEXES),
  religion: choiceField('religion', text('Agama', 'Religion'), RELIGIONS),
  maritalStatus: choiceField('maritalStatus', text('Status perkawinan', 'Marital status'), MARITAL_STATUSES),
  occupation: textField('occupation', text('Pekerjaan', 'Occupation'), {
    minLength: 2,
    maxLength: 60,
    hint: text(
      'Sesuai KTP, misalnya: Petani, Wiraswasta, Pelajar',
      'As on the ID card, e.g. farmer, trader, student',
    ),
  }),
  address: longTextField(
    'address',
    text('Alamat (dusun/jalan, nomor rumah)', 'Address (hamlet/street, house number)'),
    {
      hint: text('Tanpa RT/RW: keduanya diisi di kolom sendiri', 'Without RT/RW: they have their own fields'),
    },
  ),
  rt: integerField('rt', text('RT', 'RT (neighbourhood unit)'), { min: 1, max: 999 }),
  rw: integerField('rw', text('RW', 'RW (community unit)'), { min: 1, max: 999 }),
  familyCardNumber: familyCardField(
    'familyCardNumber',
    text('Nomor Kartu Keluarga (KK)', 'Family card (KK) number'),
  ),
  purpose: (hint: LocalizedText) =>
    textField('purpose', text('Keperluan surat', 'Purpose of the letter'), {
      minLength: 3,
      maxLength: 150,
      hint,
    }),
} as const;

/** Who the applicant is, as most letters name them: NIK, name, sex, place and date of birth. */
export const applicantIdentity = [
  applicant.nik,
  applicant.fullName,
  applicant.sex,
  applicant.birthPlace,
  applicant.birthDate,
] as const;

/** Where the applicant lives: address, RT and RW. */
export const applicantHome = [applicant.address, applicant.rt, applicant.rw] as const;

/** The persyaratan most letters ask for. */
export const requirement = {
  ktp: {
    code: 'ktp',
    label: text('KTP-el pemohon', "Applicant's electronic ID card (KTP-el)"),
    required: true,
  },
  kk: { code: 'kk', label: text('Kartu Keluarga (KK)', 'Family card (KK)'), required: true },
  coverLetterRtRw: {
    code: 'pengantar-rt',
    label: text('Surat pengantar RT/RW', 'Cover letter from the neighbourhood heads (RT/RW)'),
    required: true,
  },
} as const satisfies Record<string, RequirementDefinition>;

/** Pas foto: size and background colour differ by destination (SKCK: red; marriage: blue). */
export const photoRequirement = (size: string, background: LocalizedText): RequirementDefinition => ({
  code: 'pas-foto',
  label: text(
    `Pas foto ${size} latar ${background.id}`,
    `Passport photo ${size}, ${background.en} background`,
  ),
  required: true,
});

/** The village operator checks the application and its attachments (first stage of every chain). */
export const operatorVerifies = (deadlineHours: number): DecisionStage => ({
  kind: 'decision',
  key: 'verify',
  role: 'operator',
  label: text('Verifikasi berkas oleh operator desa', 'Village operator checks the application'),
  deadlineHours,
});

/** The village head signs the village's letter; the village secretary acts when the head is away. */
export const villageHeadSigns = (deadlineHours: number): DecisionStage => ({
  kind: 'decision',
  key: 'sign',
  role: 'village_head',
  label: text('Tanda tangan Kepala Desa', 'Village head signs'),
  deadlineHours,
  escalateTo: 'village_secretary',
  signs: true,
});

/** The village head recommends; someone above signs (permits the camat grants). */
export const villageHeadRecommends = (deadlineHours: number, label: LocalizedText): DecisionStage => ({
  kind: 'decision',
  key: 'recommend',
  role: 'village_head',
  label,
  deadlineHours,
  escalateTo: 'village_secretary',
});

/** The camat grants and signs; the regency acts when the district passes its deadline. */
export const districtHeadSigns = (deadlineHours: number): DecisionStage => ({
  kind: 'decision',
  key: 'district-sign',
  role: 'district_head',
  label: text('Penerbitan dan tanda tangan Camat', 'District head (camat) grants and signs'),
  deadlineHours,
  escalateTo: 'regency_admin',
  signs: true,
});

/** A regency agency decides (Dukcapil issues an akta, kesmas examines an SPM); the regency steps in late. */
export const agencyDecides = (stage: {
  key: string;
  agency: AgencyCode;
  label: LocalizedText;
  deadlineHours: number;
  attachesDocument?: DecisionStage['attachesDocument'];
}): DecisionStage => ({
  kind: 'decision',
  role: 'agency_officer',
  escalateTo: 'regency_admin',
  ...stage,
});

/** "Yang bertanda tangan di bawah ini Kepala Desa …" — the village head certifies what follows. */
export const VILLAGE_HEAD_CERTIFIES =
  'Yang bertanda tangan di bawah ini Kepala Desa {{village}}, Kecamatan {{district}}, Kabupaten {{regency}}, menerangkan dengan sebenarnya bahwa:';

/** "Demikian surat keterangan ini dibuat …" with the document's own name. */
export const closing = (document: string): string =>
  `Demikian ${document} ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.`;

/**
 * Another person a letter speaks about (an heir, a witness, a child, a guardian, a grantee): NIK, name and
 * date of birth, named `${prefix}Nik`, `${prefix}Name`, `${prefix}BirthDate`, so a registry check can match
 * all three (see `peopleCheck`).
 */
export const personFields = (prefix: string, who: LocalizedText): FieldDefinition[] => [
  nikField(`${prefix}Nik`, text(`NIK ${who.id}`, `NIK of the ${who.en}`)),
  textField(`${prefix}Name`, text(`Nama ${who.id}`, `Name of the ${who.en}`)),
  dateField(`${prefix}BirthDate`, text(`Tanggal lahir ${who.id}`, `Date of birth of the ${who.en}`)),
];

/**
 * The people a letter names, matched against the population register before the village head signs (as the
 * SPM and the akta check theirs): each by NIK, name and date of birth, as `personFields` names them.
 */
export const peopleCheck = (
  label: LocalizedText,
  people: readonly ({ prefix: string; deceased?: boolean } | CheckSubject)[],
): CheckStage => ({
  kind: 'check',
  key: 'people-check',
  label,
  registries: ['population'],
  subjects: people.map((person) =>
    'nikField' in person
      ? person
      : {
          nikField: `${person.prefix}Nik`,
          nameField: `${person.prefix}Name`,
          birthDateField: `${person.prefix}BirthDate`,
          ...(person.deceased ? { deceased: true } : {}),
        },
  ),
});

/** The applicant, matched like the other people of a letter: NIK, name and date of birth. */
export const applicantSubject: CheckSubject = {
  nikField: 'nik',
  nameField: 'fullName',
  birthDateField: 'birthDate',
};
