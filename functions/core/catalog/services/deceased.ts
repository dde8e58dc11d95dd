import { text } from '../../shared/text.js';
import type { FieldDefinition } from '../types.js';
import {
  applicant,
  choiceField,
  dateField,
  familyCardField,
  longTextField,
  nikField,
  placeField,
  RELIGIONS,
  REPORTER_RELATIONSHIPS,
  SEXES,
  textField,
} from './common.js';

/**
 * The data of a death as Dukcapil's death report (F-2.01) records it, shared by the village's death
 * certificate (SKM) and the akta kematian request (AKM). The applicant is the reporter (pelapor).
 */
export const reporterRelationship = choiceField(
  'reporterRelationship',
  text('Hubungan pelapor dengan almarhum/almarhumah', 'Your relationship to the deceased'),
  REPORTER_RELATIONSHIPS,
);

/** The reporter (the applicant) of a death: who they are and how they relate to the deceased. */
export const deathReporter: readonly FieldDefinition[] = [
  { ...applicant.nik, label: text('NIK pelapor', "Reporter's NIK") },
  { ...applicant.fullName, label: text('Nama pelapor', "Reporter's name") },
  reporterRelationship,
];

export const deceasedIdentity: readonly FieldDefinition[] = [
  nikField('deceasedNik', text('NIK almarhum/almarhumah', 'NIK of the deceased')),
  textField('deceasedName', text('Nama almarhum/almarhumah', 'Name of the deceased')),
  choiceField('deceasedSex', text('Jenis kelamin almarhum/almarhumah', 'Sex of the deceased'), SEXES),
  placeField(
    'deceasedBirthPlace',
    text('Tempat lahir almarhum/almarhumah', 'Place of birth of the deceased'),
  ),
  dateField('deceasedBirthDate', text('Tanggal lahir almarhum/almarhumah', 'Date of birth of the deceased')),
];

export const deceasedReligion = choiceField(
  'deceasedReligion',
  text('Agama almarhum/almarhumah', 'Religion of the deceased'),
  RELIGIONS,
);

export const deceasedAddress = longTextField(
  'deceasedAddress',
  text('Alamat terakhir almarhum/almarhumah', 'Last address of the deceased'),
);

export const deceasedFamilyCard = familyCardField(
  'familyCardNumber',
  text('Nomor KK almarhum/almarhumah', 'Family card (KK) number of the deceased'),
);

export const deathEvent: readonly FieldDefinition[] = [
  dateField('dateOfDeath', text('Tanggal meninggal', 'Date of death')),
  textField('timeOfDeath', text('Pukul meninggal', 'Time of death'), {
    required: false,
    minLength: 4,
    maxLength: 5,
    hint: text('Format JJ:MM, contoh 14:30', 'As HH:MM, e.g. 14:30'),
  }),
  textField('placeOfDeath', text('Tempat meninggal', 'Place of death'), {
    minLength: 3,
    maxLength: 150,
    hint: text(
      'Contoh: rumah duka di Dusun Krajan; RSUD Genteng',
      'Example: at home in Dusun Krajan; RSUD Genteng',
    ),
  }),
  choiceField('causeOfDeath', text('Sebab kematian', 'Cause of death'), [
    { value: 'sakit', label: text('Sakit biasa/tua', 'Illness or old age') },
    { value: 'wabah', label: text('Wabah penyakit', 'Epidemic') },
    { value: 'kecelakaan', label: text('Kecelakaan', 'Accident') },
    { value: 'kriminalitas', label: text('Kriminalitas', 'Crime') },
    { value: 'bunuh-diri', label: text('Bunuh diri', 'Suicide') },
    { value: 'lainnya', label: text('Lainnya', 'Other') },
  ]),
  choiceField('deathCertifier', text('Yang menerangkan kematian', 'Who certified the death'), [
    { value: 'dokter', label: text('Dokter', 'Doctor') },
    { value: 'tenaga-kesehatan', label: text('Tenaga kesehatan', 'Health worker') },
    { value: 'kepolisian', label: text('Kepolisian', 'Police') },
    { value: 'lainnya', label: text('Lainnya (keluarga/saksi)', 'Other (family or witnesses)') },
  ]),
];
