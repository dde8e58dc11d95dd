import { citation, type LegalProduct } from './legal-products.js';
import { GAZETTE_NAMES, LEGAL_TYPE_DEFINITIONS, type LegalStatus } from './legal-types.js';

/**
 * One document as JDIHN members publish it for the national network to harvest (Perpres 33/2012): the
 * field names and string values of BPHN's ILDIS feed (`console/controllers/FeedController.php` of
 * bphndigitalservice/ildis, its `document.json`), so a harvester reads ours like any member's.
 */
export interface JdihnDocument {
  readonly idData: string;
  readonly tahun_pengundangan: string;
  readonly tanggal_penetapan: string;
  readonly tanggal_pengundangan: string;
  readonly jenis: string;
  readonly noPeraturan: string;
  readonly judul: string;
  readonly noPanggil: string;
  readonly singkatanJenis: string;
  readonly tempatTerbit: string;
  readonly penerbit: string;
  readonly deskripsiFisik: string;
  readonly sumber: string;
  readonly subjek: string;
  readonly isbn: string;
  readonly status: string;
  readonly bahasa: string;
  readonly bidangHukum: string;
  readonly teuBadan: string;
  readonly nomorIndukBuku: string;
  readonly fileDownload: string;
  readonly urlDownload: string;
  readonly urlDetailPeraturan: string;
  readonly operasi: string;
  readonly display: string;
  readonly abstrak: string;
  readonly urlAbstrak: string;
  readonly last_updated: string;
}

const STATUS_LABELS: Readonly<Record<LegalStatus, string>> = {
  berlaku: 'Berlaku',
  diubah: 'Diubah',
  dicabut: 'Dicabut',
};

/** Where a product's public pages are: the API's base URL (this deployment's, from its configuration). */
export interface JdihnUrls {
  readonly apiBaseUrl: string;
}

/**
 * A register entry as a JDIHN document. Values JDIHN asks for that a village does not have (call number,
 * ISBN, book number) are "-", as members print them; `operasi` "4" and `display` "1" as ILDIS sends.
 */
export function jdihnDocument(product: LegalProduct, urls: JdihnUrls): JdihnDocument {
  const definition = LEGAL_TYPE_DEFINITIONS[product.type];
  const detail = `${urls.apiBaseUrl}/v1/legal-products/${product.id}`;
  const fileName = `${definition.abbreviation.toLowerCase()}-${product.villageCode}-${product.number}-${product.year}.pdf`;
  return {
    idData: product.id,
    tahun_pengundangan: String(product.year),
    tanggal_penetapan: product.enactedOn,
    tanggal_pengundangan: product.gazette?.on ?? product.enactedOn,
    jenis: definition.name.id,
    noPeraturan: String(product.number),
    judul: citation(product).id,
    noPanggil: '-',
    singkatanJenis: definition.abbreviation,
    tempatTerbit: product.villageName,
    penerbit: `Pemerintah Desa ${product.villageName}`,
    deskripsiFisik: `${Math.max(1, Math.round(product.text.size / 1024))} KB (PDF)`,
    sumber: product.gazette
      ? `${GAZETTE_NAMES[product.gazette.kind].id} ${product.villageName} Tahun ${product.year} Nomor ${product.gazette.number}`
      : '-',
    subjek: product.subject,
    isbn: '-',
    status: STATUS_LABELS[product.status],
    bahasa: 'Indonesia',
    bidangHukum: 'Hukum Administrasi Negara',
    teuBadan: `Desa ${product.villageName}`,
    nomorIndukBuku: '-',
    fileDownload: fileName,
    urlDownload: `${detail}/text`,
    urlDetailPeraturan: detail,
    operasi: '4',
    display: '1',
    abstrak: product.abstract,
    urlAbstrak: `${detail}#abstrak`,
    last_updated: product.updatedAt.slice(0, 19).replace('T', ' '),
  };
}
