/**
 * The household survey's answers (core/welfare/survey.ts) and how enumerators read them: the one list the
 * API's schema (welfare-routes.ts), the checks and the console's survey form are all made from. Plain data,
 * so the console bundles it without the server's code.
 */

export const FLOORS = ['tanah', 'bambu', 'kayu-murah', 'semen', 'keramik', 'kayu-kualitas-tinggi'] as const;
export const WALLS = [
  'bambu-rumbia',
  'kayu-murah',
  'tembok-tanpa-plester',
  'tembok-plester',
  'kayu-kualitas-tinggi',
] as const;
export const TOILETS = ['tidak-ada', 'bersama', 'sendiri'] as const;
export const LIGHTING = ['bukan-listrik', 'listrik-non-pln', 'listrik-pln'] as const;
export const WATER = [
  'sumur-mata-air-tak-terlindung',
  'sungai-air-hujan',
  'sumur-terlindung',
  'ledeng',
  'air-kemasan',
] as const;
export const COOKING_FUEL = ['kayu-arang', 'minyak-tanah', 'gas', 'listrik'] as const;
export const INCOME_SOURCES = [
  'petani-lahan-kecil',
  'buruh-tani',
  'nelayan',
  'buruh-bangunan',
  'buruh-perkebunan',
  'pedagang',
  'pekerjaan-lain',
  'tidak-bekerja',
] as const;
export const EDUCATION = ['tidak-sekolah', 'tidak-tamat-sd', 'sd', 'smp', 'sma', 'diploma-ke-atas'] as const;
/** School participation per member (Regsosek): never, in school now, no longer (dropped out or finished). */
export const SCHOOLING = [
  'belum-sekolah',
  'masih-sekolah',
  'tidak-sekolah-lagi',
  'tidak-pernah-sekolah',
] as const;
export const RELATIONS = [
  'kepala-keluarga',
  'istri-suami',
  'anak',
  'menantu',
  'cucu',
  'orang-tua',
  'famili-lain',
] as const;

type Labels<T extends readonly string[]> = Readonly<Record<T[number], string>>;

/** A question with a fixed set of answers, each with the words the enumerator reads (Indonesian). */
export interface SurveyChoice<T extends readonly string[] = readonly string[]> {
  readonly label: string;
  readonly options: T;
  readonly labels: Labels<T>;
}

const choice = <T extends readonly string[]>(
  label: string,
  options: T,
  labels: Labels<T>,
): SurveyChoice<T> => ({
  label,
  options,
  labels,
});

/** The choice questions by their place in the body (`housing.floor`, `members.relation`…). */
export const SURVEY_CHOICES = {
  'housing.floor': choice('Jenis lantai terluas', FLOORS, {
    tanah: 'Tanah',
    bambu: 'Bambu',
    'kayu-murah': 'Kayu kualitas rendah',
    semen: 'Semen / bata merah',
    keramik: 'Keramik / ubin',
    'kayu-kualitas-tinggi': 'Kayu kualitas tinggi',
  }),
  'housing.wall': choice('Jenis dinding terluas', WALLS, {
    'bambu-rumbia': 'Bambu / rumbia',
    'kayu-murah': 'Kayu kualitas rendah',
    'tembok-tanpa-plester': 'Tembok tanpa plester',
    'tembok-plester': 'Tembok berplester',
    'kayu-kualitas-tinggi': 'Kayu kualitas tinggi',
  }),
  'housing.toilet': choice('Fasilitas buang air besar', TOILETS, {
    'tidak-ada': 'Tidak ada',
    bersama: 'Bersama / umum',
    sendiri: 'Sendiri',
  }),
  'housing.lighting': choice('Sumber penerangan', LIGHTING, {
    'bukan-listrik': 'Bukan listrik',
    'listrik-non-pln': 'Listrik non-PLN',
    'listrik-pln': 'Listrik PLN',
  }),
  'housing.drinkingWater': choice('Sumber air minum', WATER, {
    'sumur-mata-air-tak-terlindung': 'Sumur / mata air tak terlindung',
    'sungai-air-hujan': 'Sungai / air hujan',
    'sumur-terlindung': 'Sumur terlindung',
    ledeng: 'Ledeng / PDAM',
    'air-kemasan': 'Air kemasan / isi ulang',
  }),
  'housing.cookingFuel': choice('Bahan bakar memasak', COOKING_FUEL, {
    'kayu-arang': 'Kayu bakar / arang',
    'minyak-tanah': 'Minyak tanah',
    gas: 'Gas (LPG)',
    listrik: 'Listrik',
  }),
  'head.incomeSource': choice('Sumber penghasilan kepala rumah tangga', INCOME_SOURCES, {
    'petani-lahan-kecil': 'Petani lahan < 0,5 ha',
    'buruh-tani': 'Buruh tani',
    nelayan: 'Nelayan',
    'buruh-bangunan': 'Buruh bangunan',
    'buruh-perkebunan': 'Buruh perkebunan',
    pedagang: 'Pedagang',
    'pekerjaan-lain': 'Pekerjaan lain',
    'tidak-bekerja': 'Tidak bekerja',
  }),
  'head.education': choice('Pendidikan tertinggi kepala rumah tangga', EDUCATION, {
    'tidak-sekolah': 'Tidak sekolah',
    'tidak-tamat-sd': 'Tidak tamat SD',
    sd: 'SD / sederajat',
    smp: 'SMP / sederajat',
    sma: 'SMA / sederajat',
    'diploma-ke-atas': 'Diploma ke atas',
  }),
  'members.relation': choice('Hubungan dengan kepala keluarga', RELATIONS, {
    'kepala-keluarga': 'Kepala keluarga',
    'istri-suami': 'Istri / suami',
    anak: 'Anak',
    menantu: 'Menantu',
    cucu: 'Cucu',
    'orang-tua': 'Orang tua',
    'famili-lain': 'Famili lain',
  }),
  'members.school': choice('Partisipasi sekolah', SCHOOLING, {
    'belum-sekolah': 'Belum sekolah',
    'masih-sekolah': 'Masih sekolah',
    'tidak-sekolah-lagi': 'Tidak sekolah lagi',
    'tidak-pernah-sekolah': 'Tidak pernah sekolah',
  }),
} as const;

/** The number questions, with the form inputs' bounds (survey.ts surveyProblems is what decides). */
export const SURVEY_NUMBERS = {
  'housing.floorAreaM2': { label: 'Luas lantai rumah (m²)', min: 1, max: 5000 },
  'consumption.meatMilkPerWeek': { label: 'Makan daging/susu/ayam (kali per minggu)', min: 0, max: 21 },
  'consumption.mealsPerDay': { label: 'Makan per hari (kali)', min: 1, max: 5 },
  'consumption.newClothesPerYear': { label: 'Membeli pakaian baru (stel per tahun)', min: 0, max: 52 },
  'head.monthlyIncome': {
    label: 'Penghasilan kepala rumah tangga per bulan (Rp)',
    min: 0,
    max: 1_000_000_000,
  },
} as const;

/** The yes/no questions. */
export const SURVEY_FLAGS = {
  'consumption.canPayTreatment': 'Sanggup membayar berobat ke puskesmas/poliklinik',
  saleableAssets: 'Punya tabungan/barang mudah dijual senilai minimal Rp500.000',
  'programmes.pkh': 'Menerima PKH',
  'programmes.bpnt': 'Menerima BPNT (sembako)',
  'programmes.pbiJk': 'Peserta PBI-JK (BPJS Kesehatan dibayar pemerintah)',
  'programmes.bltDanaDesa': 'Menerima BLT Dana Desa',
} as const;
