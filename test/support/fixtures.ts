/** A complete, valid Surat Keterangan Usaha application for a Tampo resident. */
export const validBusinessApplication = {
  nik: '3510061208900003',
  fullName: 'Budi Santoso',
  birthPlace: 'Banyuwangi',
  birthDate: '1990-08-12',
  address: 'Dusun Krajan RT 01 RW 02, Tampo',
  businessName: 'Warung Kopi Osing',
  businessType: 'kuliner',
  businessAddress: 'Jl. Raya Tampo No. 5',
  sinceYear: 2018,
  purpose: 'Pengajuan KUR di bank',
};

export const TAMPO = '35.10.06.2001';
export const SAWOO = '35.02.05.2008';
