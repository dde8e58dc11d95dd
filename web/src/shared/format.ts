import { common, lang } from './i18n.js';

/** Dates as people in East Java read them: Western Indonesian Time (WIB, UTC+7). */
export function dateTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const formatted = new Intl.DateTimeFormat(lang() === 'id' ? 'id-ID' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Jakarta',
  }).format(date);
  return `${formatted} WIB`;
}

export function dateOnly(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang() === 'id' ? 'id-ID' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Asia/Jakarta',
  }).format(date);
}

/** "12 menit", "6 jam", "2 hari": minutes under an hour, hours up to two days, days beyond. */
export function duration(hours: number): string {
  const number = (value: number) =>
    new Intl.NumberFormat(lang() === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 }).format(value);
  if (hours < 1) return common('minutes', { n: Math.max(1, Math.round(hours * 60)) });
  return hours <= 48 ? common('hours', { n: number(hours) }) : common('days', { n: number(hours / 24) });
}

export function bytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${Math.round(size / 1024)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}
