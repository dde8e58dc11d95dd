import { describe, expect, it } from 'vitest';
import { parseServiceDefinition } from '../../../functions/core/catalog/service-definition-schema.js';
import { ValidationError } from '../../../functions/core/shared/errors.js';

/** A village's own programme (seed 002: sport), as a village head would PUT it. */
const sportProgramme = () => ({
  code: 'OR-TURNAMEN',
  name: {
    id: 'Pendaftaran Turnamen Sepak Bola Antar Dusun',
    en: 'Inter-hamlet Football Tournament Registration',
  },
  description: {
    id: 'Pendaftaran tim dusun untuk turnamen sepak bola Hari Jadi Desa.',
    en: "Registering a hamlet's team for the village anniversary football tournament.",
  },
  family: 'village-programme',
  fields: [
    { name: 'nik', type: 'nik', label: { id: 'NIK ketua tim', en: "Team captain's NIK" }, required: true },
    {
      name: 'fullName',
      type: 'text',
      label: { id: 'Nama ketua tim', en: "Team captain's name" },
      required: true,
      minLength: 3,
      maxLength: 100,
    },
    {
      name: 'hamlet',
      type: 'choice',
      label: { id: 'Dusun', en: 'Hamlet' },
      required: true,
      choices: [
        { value: 'krajan', label: { id: 'Krajan', en: 'Krajan' } },
        { value: 'sumberagung', label: { id: 'Sumberagung', en: 'Sumberagung' } },
      ],
    },
    {
      name: 'players',
      type: 'integer',
      label: { id: 'Jumlah pemain', en: 'Players' },
      required: true,
      min: 11,
      max: 25,
    },
  ],
  requirements: [
    { code: 'daftar-pemain', label: { id: 'Daftar pemain', en: 'List of players' }, required: true },
  ],
  stages: [
    {
      kind: 'decision',
      key: 'verify',
      role: 'operator',
      label: { id: 'Verifikasi panitia', en: 'Committee checks' },
      deadlineHours: 24,
    },
    {
      kind: 'check',
      key: 'captain-check',
      label: { id: 'Pencocokan NIK ketua tim', en: "Captain's NIK matched" },
      registries: ['population'],
      subjects: [{ nikField: 'nik', nameField: 'fullName' }],
    },
    {
      kind: 'decision',
      key: 'sign',
      role: 'village_head',
      label: { id: 'Tanda tangan Kepala Desa', en: 'Village head signs' },
      deadlineHours: 24,
      escalateTo: 'village_secretary',
      signs: true,
    },
  ],
  targetHours: 72,
  classificationCode: '400.4',
  letter: {
    title: 'TANDA BUKTI PENDAFTARAN TURNAMEN',
    opening:
      'Kepala Desa {{village}}, Kecamatan {{district}}, Kabupaten {{regency}}, menerangkan bahwa tim berikut telah terdaftar:',
    body: [
      'Ketua Tim: {{fullName}}',
      'NIK: {{nik}}',
      'Dusun: {{hamlet}}',
      'Jumlah Pemain: {{players}} orang',
    ],
    closing: 'Demikian tanda bukti ini dibuat untuk dipergunakan sebagaimana mestinya.',
  },
});

type Programme = ReturnType<typeof sportProgramme>;

/** The issues of a refused definition (fails the test if it is accepted or fails otherwise). */
function refusal(change: (definition: Programme & Record<string, unknown>) => void): ValidationError {
  const definition = sportProgramme();
  change(definition);
  try {
    parseServiceDefinition(definition);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected the definition to be refused');
}

const fieldsOf = (error: ValidationError) => error.issues.map((issue) => issue.field);

describe('parseServiceDefinition', () => {
  it("accepts a village's own programme and returns it as a service definition", () => {
    const service = parseServiceDefinition(sportProgramme());

    expect(service.code).toBe('OR-TURNAMEN');
    expect(service.family).toBe('village-programme');
    expect(service.stages.map((stage) => stage.kind)).toEqual(['decision', 'check', 'decision']);
  });

  it('names a missing part in Indonesian and English', () => {
    const error = refusal((definition) => {
      delete (definition as Partial<Programme>).code;
    });

    expect(error.issues).toEqual([
      { field: 'code', message: { id: 'Kode layanan: wajib diisi', en: 'Service code: is required' } },
    ]);
    expect(error.status).toBe(400);
  });

  it('refuses keys a service definition does not have', () => {
    const error = refusal((definition) => {
      definition.owner = 'someone';
    });

    expect(fieldsOf(error)).toEqual(['owner']);
  });

  it('refuses an unknown family, role or agency', () => {
    const error = refusal((definition) => {
      definition.family = 'sport';
      Object.assign(definition.stages[0] ?? {}, { role: 'kepala_dusun' });
      Object.assign(definition.stages[2] ?? {}, { agency: 'polres' });
    });

    expect(fieldsOf(error).sort()).toEqual(['family', 'stages.0.role', 'stages.2.agency']);
  });

  it('refuses a placeholder that is neither a field nor a place name, and a malformed one', () => {
    const error = refusal((definition) => {
      definition.letter.body[2] = 'Dusun: {{dusun}}';
      definition.letter.closing = 'Demikian {{village} untuk dipergunakan.';
    });

    expect(fieldsOf(error)).toEqual(['letter.body.2', 'letter.closing']);
    expect(error.issues[0]?.message.en).toContain('{{dusun}} is neither a form field nor a place name');
    expect(error.issues[1]?.message.id).toContain('penanda isian tidak lengkap');
  });

  it('refuses a body line that starts with a placeholder or prints an empty table row', () => {
    const error = refusal((definition) => {
      definition.letter.body.push('{{fullName}} adalah ketua tim.', 'Susunan pemain terlampir:');
    });

    expect(fieldsOf(error)).toEqual(['letter.body.4', 'letter.body.5']);
  });

  it('refuses duplicate field names, stage keys and requirement codes', () => {
    const error = refusal((definition) => {
      definition.fields.push({
        ...definition.fields[1],
        name: 'fullName',
      } as (typeof definition.fields)[number]);
      Object.assign(definition.stages[2] ?? {}, { key: 'verify' });
      definition.requirements.push({ ...definition.requirements[0], required: false } as never);
    });

    expect(fieldsOf(error)).toEqual(['fields.4.name', 'requirements.1.code', 'stages.2.key']);
  });

  it('reserves the place names for the letterhead', () => {
    const error = refusal((definition) => {
      Object.assign(definition.fields[2] ?? {}, { name: 'village' });
      definition.letter.body[2] = 'Dusun: {{village}}';
    });

    expect(fieldsOf(error)).toEqual(['fields.2.name']);
  });

  it('needs a decision by a person, and a stage that signs the letter', () => {
    expect(
      fieldsOf(refusal((definition) => definition.stages.splice(0, 3, definition.stages[1] as never))),
    ).toEqual(['stages']);

    const unsigned = refusal((definition) => {
      Object.assign(definition.stages[2] ?? {}, { signs: false });
    });
    expect(unsigned.issues).toEqual([
      expect.objectContaining({
        field: 'stages',
        message: expect.objectContaining({ en: expect.stringContaining('signs: true') }),
      }),
    ]);
  });

  it('checks registry subjects against the form: the NIK field must exist, be a required NIK', () => {
    const error = refusal((definition) => {
      const check = definition.stages[1] as { subjects: Record<string, string>[] };
      check.subjects = [
        { nikField: 'fullName' },
        { nikField: 'ketua' },
        { nikField: 'nik', birthDateField: 'players' },
      ];
    });

    expect(fieldsOf(error)).toEqual([
      'stages.1.subjects.0.nikField',
      'stages.1.subjects.1.nikField',
      'stages.1.subjects.2.birthDateField',
    ]);
    expect(error.issues[0]?.message.en).toBe(
      'stages.1.subjects.0.nikField: "fullName" must be a nik field, not text',
    );
  });

  it('refuses a registry check on an optional NIK, and a BPJS expectation without a BPJS check', () => {
    const error = refusal((definition) => {
      Object.assign(definition.fields[0] ?? {}, { required: false });
      Object.assign(definition.stages[1] ?? {}, { bpjsExpectation: 'not-covered' });
    });

    expect(fieldsOf(error)).toEqual(['stages.1.bpjsExpectation', 'stages.1.subjects.0.nikField']);
  });

  it('requires an agency on agency stages, a different role to escalate to, and a fresh code for attached documents', () => {
    const error = refusal((definition) => {
      definition.stages.push({
        kind: 'decision',
        key: 'agency',
        role: 'agency_officer',
        label: { id: 'Dinas', en: 'Agency' },
        deadlineHours: 24,
        escalateTo: 'agency_officer',
        attachesDocument: { requirementCode: 'daftar-pemain', label: { id: 'Jadwal', en: 'Schedule' } },
      } as never);
    });

    expect(fieldsOf(error)).toEqual([
      'stages.3.agency',
      'stages.3.escalateTo',
      'stages.3.attachesDocument.requirementCode',
    ]);
  });

  it('refuses a target shorter than the stage deadlines together', () => {
    const error = refusal((definition) => {
      definition.targetHours = 24;
    });

    expect(error.issues).toEqual([
      {
        field: 'targetHours',
        message: {
          id: 'targetHours: 24 jam lebih pendek dari jumlah batas waktu tahap (48 jam)',
          en: "targetHours: 24 hours is shorter than the stages' deadlines together (48 hours)",
        },
      },
    ]);
  });

  it('refuses field options that do not fit the field type, and inverted bounds', () => {
    const error = refusal((definition) => {
      Object.assign(definition.fields[0] ?? {}, { maxLength: 20 });
      Object.assign(definition.fields[3] ?? {}, { min: 30 });
    });

    expect(fieldsOf(error)).toEqual(['fields.0.maxLength', 'fields.3.min']);
  });

  it('refuses a choice field without choices', () => {
    const error = refusal((definition) => {
      delete (definition.fields[2] as { choices?: unknown }).choices;
    });

    expect(error.issues).toEqual([
      {
        field: 'fields.2.choices',
        message: {
          id: 'fields.2.choices: isian pilihan memerlukan daftar pilihan',
          en: 'fields.2.choices: a choice field needs its choices',
        },
      },
    ]);
  });

  it('refuses a classification code that cannot head a letter number', () => {
    const error = refusal((definition) => {
      definition.classificationCode = '400/4';
    });

    expect(fieldsOf(error)).toEqual(['classificationCode']);
    expect(error.issues[0]?.message.id).toMatch(/^Kode klasifikasi surat: /);
  });

  it("refuses a programme whose labels or letter lines hold control characters or break a letter's line", () => {
    const error = refusal((definition) => {
      definition.name.id = 'Turnamen\u202e';
      (definition.letter.body as string[])[0] = 'Ketua Tim: {{fullName}}\nCatatan Kepala Desa: sah';
    });
    expect(fieldsOf(error)).toEqual(['name.id', 'letter.body.0']);
    expect(error.issues.map((issue) => issue.message.en)).toEqual([
      expect.stringContaining('contains control characters'),
      expect.stringContaining('must be a single line'),
    ]);
  });
});
