import { formatIndonesianDate } from '../documents/template.js';

/**
 * Escaping for the pre-rendered pages and feeds: every value that came from a person (news, agenda, the
 * village record) goes through `esc` before it reaches HTML or XML, text and attributes alike.
 */
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const esc = (value: string | number): string =>
  String(value).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);

/** Whole rupiah with Indonesian digit grouping: 1234567 → "1.234.567". */
export const grouped = (amount: number): string =>
  Math.round(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** 1234567 → "Rp 1.234.567". */
export const rupiah = (amount: number): string => `Rp ${grouped(amount)}`;

/** Realised as a share of planned, one decimal, Indonesian comma: "85,3 %"; "–" when nothing was planned. */
export const percent = (realised: number, planned: number): string =>
  planned > 0 ? `${((realised / planned) * 100).toFixed(1).replace('.', ',')} %` : '–';

/** A day as Indonesians write it, in Western Indonesian Time: "5 Mei 2026". */
export const tanggal = (iso: string): string => formatIndonesianDate(iso);

/** A day and time in WIB: "5 Mei 2026, 09.00 WIB". */
export function tanggalJam(iso: string): string {
  const day = wib(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${tanggal(iso)}, ${pad(day.getUTCHours())}.${pad(day.getUTCMinutes())} WIB`;
}

/** The instant shifted to UTC+7, read with the UTC getters. */
const wib = (iso: string) => new Date(new Date(iso).getTime() + 7 * 3600_000);
