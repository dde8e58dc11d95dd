/**
 * Where a kegiatan stands in a semester's realisation. Its own module so that the route table's schema takes
 * these four words without the budget's reference lists (every handler imports the route table).
 */
export const PROGRESS = ['belum', 'berjalan', 'selesai', 'batal'] as const;
export type Progress = (typeof PROGRESS)[number];
