import { text } from '../../shared/text.js';
import type { ServiceDefinition } from '../types.js';
import {
  applicant,
  applicantHome,
  applicantIdentity,
  choiceField,
  closing,
  dateField,
  integerField,
  longTextField,
  operatorVerifies,
  requirement,
  textField,
  VILLAGE_HEAD_CERTIFIES,
  villageHeadSigns,
} from './common.js';

/**
 * Surat Pengantar Izin Keramaian: the village's cover letter for the police permit a crowd event needs (a
 * wedding reception with music, a pengajian akbar, a village festival). OpenSID: surat_izin_keramaian.
 */
export const eventPermitCoverLetter: ServiceDefinition = {
  code: 'SPIK',
  name: text('Surat Pengantar Izin Keramaian', 'Cover Letter for a Public Event Permit'),
  family: 'permit',
  description: text(
    'Pengantar dari desa untuk mengurus izin keramaian di kepolisian bagi hajatan, pertunjukan, pengajian, atau acara lain yang mengundang banyak orang.',
    'A village cover letter for the police permit needed for a celebration, a performance, a religious gathering or any other event that draws a crowd.',
  ),
  keywords: ['keramaian', 'hajatan', 'pernikahan', 'resepsi', 'acara', 'pertunjukan', 'polisi'],
  fields: [
    ...applicantIdentity,
    applicant.occupation,
    ...applicantHome,
    choiceField('eventType', text('Jenis acara', 'Kind of event'), [
      { value: 'hajatan', label: text('Hajatan pernikahan/khitanan', 'Wedding or circumcision celebration') },
      { value: 'keagamaan', label: text('Acara keagamaan', 'Religious gathering') },
      { value: 'hiburan', label: text('Pertunjukan/hiburan', 'Performance or entertainment') },
      { value: 'olahraga', label: text('Olahraga', 'Sport') },
      { value: 'lainnya', label: text('Lainnya', 'Other') },
    ]),
    textField('eventName', text('Nama/uraian acara', 'Name or description of the event'), {
      minLength: 3,
      maxLength: 150,
    }),
    dateField('eventDate', text('Tanggal acara', 'Date of the event')),
    textField('eventTime', text('Waktu acara', 'Time of the event'), {
      minLength: 5,
      maxLength: 30,
      hint: text('Contoh: 19.00 s.d. 23.00 WIB', 'Example: 19.00 to 23.00 WIB'),
    }),
    longTextField('eventPlace', text('Tempat acara', 'Where the event takes place')),
    textField('entertainment', text('Hiburan yang ditampilkan', 'Entertainment'), {
      required: false,
      minLength: 3,
      maxLength: 100,
      hint: text('Contoh: orkes dangdut, gandrung', 'Example: dangdut band, gandrung dance'),
    }),
    integerField('expectedGuests', text('Perkiraan jumlah tamu', 'Expected number of guests'), {
      min: 1,
      max: 100000,
    }),
  ],
  requirements: [
    requirement.ktp,
    requirement.coverLetterRtRw,
    {
      code: 'persetujuan-tetangga',
      label: text(
        'Persetujuan tetangga sekitar (bila memakai jalan)',
        'Neighbours’ consent (when the road is used)',
      ),
      required: false,
    },
  ],
  stages: [operatorVerifies(4), villageHeadSigns(8)],
  targetHours: 24,
  classificationCode: '300',
  letter: {
    title: 'SURAT PENGANTAR IZIN KERAMAIAN',
    opening: VILLAGE_HEAD_CERTIFIES,
    body: [
      'Nama: {{fullName}}',
      'NIK: {{nik}}',
      'Tempat/Tgl. Lahir: {{birthPlace}}, {{birthDate}}',
      'Pekerjaan: {{occupation}}',
      'Alamat: {{address}} RT {{rt}} RW {{rw}}, Desa {{village}}',
      'Orang tersebut di atas bermaksud menyelenggarakan acara dengan keterangan sebagai berikut:',
      'Jenis Acara: {{eventType}}',
      'Acara: {{eventName}}',
      'Tanggal: {{eventDate}}',
      'Waktu: {{eventTime}}',
      'Tempat: {{eventPlace}}',
      'Hiburan: {{entertainment}}',
      'Perkiraan Tamu: {{expectedGuests}} orang',
      'Pemerintah Desa {{village}} tidak berkeberatan atas penyelenggaraan acara tersebut, dengan ketentuan penyelenggara menjaga keamanan, ketertiban dan kebersihan lingkungan. Surat ini menjadi pengantar permohonan izin keramaian kepada Kepolisian Sektor {{district}}.',
    ],
    closing: closing('surat pengantar'),
  },
};
