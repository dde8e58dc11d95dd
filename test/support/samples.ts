import { findService } from '../../functions/core/catalog/index.js';
import { formatIndonesianDate } from '../../functions/core/documents/template.js';

/**
 * One complete, valid application per regency service, as a citizen of Tampo (35.10.06.2001, Cluring,
 * Banyuwangi) would send it. NIKs carry Tampo's region digits (351006), the person's birth date (day + 40
 * for women) and a sequence; a newcomer keeps the NIK of where they came from, a spouse-to-be from another
 * village has that village's region digits. Family card numbers are 16 digits, region first.
 *
 * The services with a registry check use the hand-written Tampo households of the demo population
 * (config/population/demo-households.ts), so their checks match: SPM — Misnadi, poor and without BPJS
 * (household 2); AKM — Joko Susilo reports the death of his father Sarkawi (household 5); AKL — Rizal
 * Firmansyah and Anisa Rahmawati register their first child (household 6). The other samples are people of
 * their own, not in that dataset.
 */
export const SAMPLE_APPLICATIONS = {
  SKU: {
    nik: '3510064607850002',
    fullName: 'Siti Aminah',
    birthPlace: 'Banyuwangi',
    birthDate: '1985-07-06',
    address: 'Dusun Krajan RT 02 RW 01, Tampo',
    businessName: 'Warung Kopi Bu Siti',
    businessType: 'kuliner',
    businessAddress: 'Jalan Raya Tampo No. 17, Dusun Krajan',
    sinceYear: 2015,
    purpose: 'Pengajuan Kredit Usaha Rakyat (KUR) di bank',
  },
  SKD: {
    nik: '3510065503960001',
    fullName: 'Rina Wulandari',
    sex: 'perempuan',
    birthPlace: 'Banyuwangi',
    birthDate: '1996-03-15',
    religion: 'islam',
    maritalStatus: 'belum-kawin',
    occupation: 'Karyawan swasta',
    ktpAddress: 'Jalan Letjen Sutoyo No. 8, Kelurahan Tukangkayu, Banyuwangi',
    address: 'Dusun Kedungringin, rumah Bapak Sukri',
    rt: 3,
    rw: 2,
    livingSince: '2023-06-01',
    purpose: 'Melamar pekerjaan di pabrik pengolahan ikan Muncar',
  },
  SKP: {
    nik: '3510060211880004',
    fullName: 'Agus Prasetyo',
    sex: 'laki-laki',
    birthPlace: 'Banyuwangi',
    birthDate: '1988-11-02',
    familyCardNumber: '3510061405150003',
    address: 'Dusun Krajan',
    rt: 1,
    rw: 1,
    destinationAddress: 'Jalan Kalimantan No. 21, RT 004 RW 007',
    destinationVillage: 'Sumbersari',
    destinationDistrict: 'Sumbersari',
    destinationRegency: 'Jember',
    destinationProvince: 'Jawa Timur',
    moveType: 'antar-kabupaten',
    moveReason: 'pekerjaan',
    moveDate: '2026-12-01',
    followerCount: 2,
    movingMembers: '3510064912900002 - Endang Sulistyowati - istri\n3510061003180001 - Bagas Prasetyo - anak',
  },
  SKDT: {
    nik: '3502056001930002',
    fullName: 'Dewi Lestari',
    sex: 'perempuan',
    birthPlace: 'Ponorogo',
    birthDate: '1993-01-20',
    familyCardNumber: '3502052208110004',
    originAddress: 'Dusun Krajan RT 001 RW 002',
    originVillage: 'Sawoo',
    originDistrict: 'Sawoo',
    originRegency: 'Ponorogo',
    originProvince: 'Jawa Timur',
    skpwniNumber: 'SKPWNI/3502/26102026/0087',
    address: 'Dusun Sumberagung, Gang Melati No. 4',
    rt: 4,
    rw: 3,
    arrivalDate: '2026-11-02',
    followerCount: 0,
  },
  SPN: {
    nik: '3510060905980005',
    fullName: 'Ahmad Fauzi',
    sex: 'laki-laki',
    birthPlace: 'Banyuwangi',
    birthDate: '1998-05-09',
    religion: 'islam',
    occupation: 'Petani',
    address: 'Dusun Krajan',
    rt: 2,
    rw: 1,
    maritalStatus: 'belum-kawin',
    fatherNik: '3510061002650001',
    fatherName: 'Slamet',
    motherNik: '3510064304700002',
    motherName: 'Sumiati',
    spouseNik: '3510096512000003',
    spouseName: 'Nur Aini',
    spouseBirthPlace: 'Banyuwangi',
    spouseBirthDate: '2000-12-25',
    spouseAddress: 'Dusun Krajan RT 003 RW 002, Desa Genteng Kulon, Kecamatan Genteng',
    marriageDate: '2027-01-16',
    marriagePlace: 'Rumah mempelai perempuan, Desa Genteng Kulon',
    registrationOffice: 'KUA Kecamatan Genteng',
  },
  SKM: {
    nik: '3510063006790002',
    fullName: 'Wahyu Hidayat',
    reporterRelationship: 'anak',
    deceasedNik: '3510065709410001',
    deceasedName: 'Sarmi',
    deceasedSex: 'perempuan',
    deceasedBirthPlace: 'Banyuwangi',
    deceasedBirthDate: '1941-09-17',
    deceasedReligion: 'islam',
    deceasedAddress: 'Dusun Krajan RT 001 RW 001, Desa Tampo',
    dateOfDeath: '2026-11-18',
    timeOfDeath: '04:30',
    placeOfDeath: 'Rumah duka, Dusun Krajan',
    causeOfDeath: 'sakit',
    deathCertifier: 'tenaga-kesehatan',
    purpose: 'Pengurusan surat keterangan ahli waris',
  },
  SKTM: {
    nik: '3510060510750006',
    fullName: 'Suparman',
    sex: 'laki-laki',
    birthPlace: 'Banyuwangi',
    birthDate: '1975-10-05',
    religion: 'islam',
    occupation: 'Buruh tani',
    familyCardNumber: '3510060803080002',
    address: 'Dusun Wringinpitu',
    rt: 5,
    rw: 3,
    householdSize: 5,
    incomeBracket: '500k-1m',
    socialRegistry: 'ya',
    purpose: 'Keringanan biaya sekolah anak di SMA Negeri 1 Cluring',
  },
  SKCK: {
    nik: '3510062802010003',
    fullName: 'Eko Saputra',
    sex: 'laki-laki',
    birthPlace: 'Banyuwangi',
    birthDate: '2001-02-28',
    religion: 'islam',
    maritalStatus: 'belum-kawin',
    occupation: 'Belum bekerja',
    education: 'sma',
    address: 'Dusun Krajan',
    rt: 2,
    rw: 2,
    purpose: 'Melamar pekerjaan sebagai satpam',
  },
  PKTP: {
    nik: '3510065407080001',
    fullName: 'Nadia Safitri',
    sex: 'perempuan',
    birthPlace: 'Banyuwangi',
    birthDate: '2008-07-14',
    familyCardNumber: '3510062106070005',
    address: 'Dusun Sumberagung',
    rt: 4,
    rw: 3,
    requestType: 'baru',
  },
  PKK: {
    nik: '3510060109920002',
    fullName: 'Hendra Wijaya',
    headOfFamilyName: 'Hendra Wijaya',
    familyCardNumber: '3510061711190006',
    address: 'Dusun Kedungringin',
    rt: 1,
    rw: 2,
    requestType: 'tambah-anggota',
    familyMembers: '3510064310260001 - Aisyah Putri Wijaya - anak',
    changeDetails: 'Kelahiran anak kedua',
  },
  AKL: {
    nik: '3510062502980001',
    fullName: 'Rizal Firmansyah',
    reporterRelationship: 'ayah',
    familyCardNumber: '3510060909230001',
    childName: 'Muhammad Rafa Firmansyah',
    childSex: 'laki-laki',
    childBirthPlace: 'Banyuwangi',
    childBirthDate: '2026-11-20',
    childBirthTime: '07:45',
    birthFacility: 'puskesmas',
    birthAttendant: 'bidan',
    birthType: 'tunggal',
    birthOrder: 1,
    birthWeightGrams: 3200,
    birthLengthCm: 49,
    motherNik: '3510065410000001',
    motherName: 'Anisa Rahmawati',
    fatherNik: '3510062502980001',
    fatherName: 'Rizal Firmansyah',
    marriageCertificateNumber: '0456/012/IX/2023',
  },
  AKM: {
    nik: '3510062001720001',
    fullName: 'Joko Susilo',
    reporterRelationship: 'anak',
    deceasedNik: '3510060304410001',
    deceasedName: 'Sarkawi',
    deceasedSex: 'laki-laki',
    deceasedBirthPlace: 'Banyuwangi',
    deceasedBirthDate: '1941-04-03',
    familyCardNumber: '3510061501140001',
    deceasedAddress: 'Dusun Krajan RT 003 RW 002, Desa Tampo',
    dateOfDeath: '2026-11-15',
    timeOfDeath: '21:10',
    placeOfDeath: 'RSUD Genteng',
    causeOfDeath: 'sakit',
    deathCertifier: 'dokter',
  },
  IUMK: {
    nik: '3510064607850002',
    fullName: 'Siti Aminah',
    sex: 'perempuan',
    birthPlace: 'Banyuwangi',
    birthDate: '1985-07-06',
    address: 'Dusun Krajan',
    rt: 2,
    rw: 1,
    phone: '081234567890',
    businessName: 'Keripik Pisang Bu Siti',
    businessType: 'makanan-minuman',
    businessActivity: 'Produksi dan penjualan keripik pisang',
    businessScale: 'mikro',
    businessAddress: 'Jalan Raya Tampo No. 17, Dusun Krajan',
    employees: 3,
    sinceYear: 2015,
  },
  IPHP: {
    nik: '3510062203680001',
    fullName: 'Sugeng Riyadi',
    birthPlace: 'Banyuwangi',
    birthDate: '1968-03-22',
    occupation: 'Pekebun',
    address: 'Dusun Sumberagung',
    rt: 6,
    rw: 3,
    landLocation: 'Blok Gumuk Sari, persil 45',
    landArea: 5000,
    landBoundaries:
      'Utara: kebun Bapak Marsudi; Timur: jalan desa; Selatan: saluran irigasi; Barat: kebun Ibu Sulastri',
    landStatus: 'hak-milik',
    ownershipDocument: 'Petok D No. 45',
    currentCover: 'Semak belukar dan kebun campuran',
    plannedUse: 'perkebunan',
    plannedCrop: 'Kopi robusta dengan tanaman pelindung sengon',
    clearingMethod: 'manual',
    clearingStart: '2027-01-04',
  },
  SPER: {
    nik: '3510065111990004',
    fullName: 'Lina Marlina',
    sex: 'perempuan',
    birthPlace: 'Banyuwangi',
    birthDate: '1999-11-11',
    occupation: 'Guru honorer',
    address: 'Dusun Kedungringin',
    rt: 3,
    rw: 2,
    subject: 'Belum pernah menikah',
    statement: 'saya belum pernah menikah dan sampai saat ini tidak terikat perkawinan dengan siapa pun.',
    purpose: 'Persyaratan pendaftaran seleksi PPPK',
  },
  SPM: {
    nik: '3510061402620001',
    fullName: 'Misnadi',
    sex: 'laki-laki',
    birthPlace: 'Banyuwangi',
    birthDate: '1962-02-14',
    occupation: 'Buruh tani',
    familyCardNumber: '3510061002160001',
    address: 'Dusun Sumberejo',
    rt: 2,
    rw: 3,
    householdSize: 3,
    incomeBracket: 'under-500k',
    healthCoverage: 'belum-ada',
    careType: 'rawat-inap',
    healthFacility: 'RSUD Genteng',
  },
} as const satisfies Readonly<Record<string, Readonly<Record<string, string | number>>>>;

export type SampleServiceCode = keyof typeof SAMPLE_APPLICATIONS;

/** The sample application of a service, by code (throws for a service without a sample). */
export function sampleApplication(code: string): Readonly<Record<string, string | number>> {
  const sample = (SAMPLE_APPLICATIONS as Readonly<Record<string, Readonly<Record<string, string | number>>>>)[
    code
  ];
  if (!sample) throw new Error(`No sample application for service ${code}`);
  return sample;
}

/** The place names of Tampo's letterhead. */
export const TAMPO_PLACES = { village: 'Tampo', district: 'Cluring', regency: 'Banyuwangi' } as const;

/**
 * The values a service's letter is filled with for its sample, as the issued letter shows them: place
 * names, dates in Indonesian, choices by their Indonesian label, '-' for an optional field left empty.
 */
export function sampleLetterValues(code: string): Record<string, string> {
  const service = findService(code);
  const data = sampleApplication(code);
  const values: Record<string, string> = { ...TAMPO_PLACES };
  for (const field of service.fields) {
    const value = data[field.name];
    if (value === undefined) values[field.name] = '-';
    else if (field.type === 'date') values[field.name] = formatIndonesianDate(String(value));
    else if (field.type === 'choice') {
      values[field.name] = field.choices?.find((choice) => choice.value === value)?.label.id ?? String(value);
    } else values[field.name] = String(value);
  }
  return values;
}
