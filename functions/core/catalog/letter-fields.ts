import { text } from '../shared/text.js';
import type { FieldDefinition, RegisterName, ServiceDefinition } from './types.js';

/**
 * What a publication stage draws and keeps on the request (PublicationStage), by register: the letter may
 * print it like a form field.
 */
export const PUBLICATION_FIELDS: Readonly<Record<RegisterName, readonly FieldDefinition[]>> = {
  'legal-products': [
    { name: 'regulationNumber', type: 'integer', label: text('Nomor', 'Number'), required: true },
    { name: 'regulationYear', type: 'integer', label: text('Tahun', 'Year'), required: true },
    { name: 'enactedOn', type: 'date', label: text('Tanggal penetapan', 'Date set'), required: true },
    { name: 'gazette', type: 'text', label: text('Diundangkan dalam', 'Promulgated in'), required: false },
    {
      name: 'gazetteNumber',
      type: 'integer',
      label: text('Nomor lembaran/berita', 'Gazette number'),
      required: false,
    },
    {
      name: 'promulgatedOn',
      type: 'date',
      label: text('Tanggal pengundangan', 'Date promulgated'),
      required: false,
    },
  ],
};

/**
 * Every value a service's letter may print: the form's fields, what deciders record at their stages, and
 * what a publication draws.
 */
export function letterFields(service: ServiceDefinition): FieldDefinition[] {
  return [
    ...service.fields,
    ...service.stages.flatMap((stage) =>
      stage.kind === 'decision'
        ? (stage.records ?? [])
        : stage.kind === 'publication'
          ? PUBLICATION_FIELDS[stage.register]
          : [],
    ),
  ];
}
