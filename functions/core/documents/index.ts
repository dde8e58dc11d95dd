export type { CalendarDate } from './calendar.js';
export { calendarDateIn, DEFAULT_TIME_ZONE } from './calendar.js';
export { sha256Hex } from './hash.js';
export type { LetterNumberParts } from './letter-number.js';
export { formatLetterNumber, toRomanMonth } from './letter-number.js';
export type { LetterContent, Paper } from './letter-pdf.js';
export { PAPER_SIZES, renderLetterPdf } from './letter-pdf.js';
export type { IndonesianDateOptions } from './template.js';
export { fillLetter, fillTemplate, formatIndonesianDate, placeholdersOf, TemplateError } from './template.js';
