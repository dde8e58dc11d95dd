/**
 * Calendar dates as people in a village read them. A letter issued at 23:30 UTC on 31 October is dated
 * 1 November in Java (WIB, UTC+7), so every date on a letter goes through the village's time zone.
 * Indonesia has three zones (WIB Asia/Jakarta, WITA Asia/Makassar, WIT Asia/Jayapura); WIB is the default.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

export interface CalendarDate {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  readonly day: number;
}

// Creating an Intl.DateTimeFormat costs far more than using one: keep one per locale, zone and shape.
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A formatter of instants in a time zone, made once and reused. Gregorian calendar and Latin digits
 * explicitly, so no locale default can change the numbers.
 */
export function zonedFormatter(
  locale: string,
  timeZone: string,
  fields: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(fields)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      ...fields,
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

const DATE_FIELDS = { year: 'numeric', month: 'numeric', day: 'numeric' } as const;

/** The calendar date of an instant in a time zone (throws RangeError for an unknown zone). */
export const calendarDateIn = (instant: Date, timeZone: string = DEFAULT_TIME_ZONE): CalendarDate => {
  assertValidDate(instant);
  const parts = zonedFormatter('en-US', timeZone, DATE_FIELDS).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
};

// A timestamp must say which zone it is in: "2026-11-22T10:00" alone would be read in the server's local
// zone, so the same input would give different letters on a laptop and in Lambda.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses an ISO 8601 timestamp with a zone designator (Z or ±hh:mm). */
export const parseInstant = (value: string, what = 'timestamp'): Date => {
  const instant = ISO_INSTANT.test(value) ? new Date(value) : undefined;
  if (!instant || Number.isNaN(instant.getTime())) {
    throw new RangeError(`${what} must be an ISO 8601 timestamp with a time zone, got "${value}"`);
  }
  return instant;
};

/**
 * Parses a date-only ISO string ("2026-11-22") as a calendar date, not as an instant: a birth date is the
 * same day everywhere. Returns undefined when the string is not date-only; throws for an impossible date.
 */
export const parseCalendarDate = (value: string): CalendarDate | undefined => {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new RangeError(`"${value}" is not a calendar date`);
  }
  return { year, month, day };
};

export const assertValidDate = (date: Date): void => {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new RangeError('Invalid date');
};
