import {
  PRACTICE_OPEN_DATA_COLUMNS,
  type PracticeOpenDataColumn,
  type PracticeOpenDataRecord,
} from '@convergo/contracts';
import { stringify } from 'csv-stringify/sync';
import { csvText } from '../../common/excel-csv';
import type { PublishedPractice } from '../practices/practices.service';

/**
 * The published practices as open data. Only what the catalogue publishes: the practice, its
 * themes, the offering administration (a public body) and the office contacts the proposers
 * entered as institutional contacts. Never a member: no proposer, no editor, no review note.
 */
export function toOpenDataRecord(item: PublishedPractice, publicUrl: string): PracticeOpenDataRecord {
  const { practice: p, themes, organization } = item;
  return {
    id: p.id,
    titolo: p.title,
    sintesi: p.summary,
    descrizione: p.description,
    temi: themes.map((t) => t.code),
    temi_etichette: themes.map((t) => t.label),
    amministrazione_offerente: organization.name,
    amministrazione_offerente_id: organization.id,
    tipo_amministrazione: organization.kind,
    regione: organization.region,
    regione_convergenza: organization.convergence,
    territorio: p.territory,
    periodo_inizio: p.periodFrom,
    periodo_fine: p.periodTo,
    risultati: p.results,
    licenza: p.licence,
    cosa_si_cede: p.handedOver,
    impegno_richiesto: p.effort,
    contatto_ufficio: p.contactOffice,
    contatto_email: p.contactOffice === null ? null : p.contactEmail,
    contatto_telefono: p.contactOffice === null ? null : p.contactPhone,
    contatto_sito: p.contactOffice === null ? null : p.contactWebsite,
    url: `${publicUrl}/buone-pratiche/${p.id}`,
    data_pubblicazione: new Date(p.publishedAt ?? p.updatedAt).toISOString(),
    data_aggiornamento: new Date(p.updatedAt).toISOString(),
  };
}

/**
 * RFC 4180 CSV, UTF-8, comma-separated, header row of PRACTICE_OPEN_DATA_COLUMNS; lists joined
 * with " | "; text that a spreadsheet would run as a formula is kept as text.
 */
export function toOpenDataCsv(records: readonly PracticeOpenDataRecord[]): string {
  const cell = (value: PracticeOpenDataRecord[PracticeOpenDataColumn]): string => {
    if (value === null) return '';
    if (Array.isArray(value)) return value.join(' | ');
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    return csvText(value);
  };
  return stringify(
    records.map((record) => PRACTICE_OPEN_DATA_COLUMNS.map((column) => cell(record[column]))),
    { header: true, columns: [...PRACTICE_OPEN_DATA_COLUMNS], record_delimiter: '\r\n' },
  );
}

const text = (description: string) => ({ type: 'string', description });
const nullableText = (description: string) => ({ type: ['string', 'null'], description });
const date = (description: string) => ({ type: ['string', 'null'], format: 'date', description });

const COLUMN_SCHEMAS: Record<PracticeOpenDataColumn, Record<string, unknown>> = {
  id: { type: 'string', format: 'uuid', description: 'Identificativo stabile della pratica' },
  titolo: text('Titolo della buona pratica'),
  sintesi: text('Sintesi'),
  descrizione: text('Descrizione (Markdown)'),
  temi: {
    type: 'array',
    items: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
    description: 'Codici dei temi (GET /api/v1/practice-themes)',
  },
  temi_etichette: { type: 'array', items: { type: 'string' }, description: 'Etichette italiane dei temi' },
  amministrazione_offerente: text('Denominazione dell’amministrazione offerente'),
  amministrazione_offerente_id: {
    type: 'string',
    format: 'uuid',
    description: 'Identificativo dell’amministrazione',
  },
  tipo_amministrazione: text(
    'Tipo: regione, provincia, citta_metropolitana, comune, amministrazione_centrale, …',
  ),
  regione: nullableText('Regione dell’amministrazione offerente'),
  regione_convergenza: { type: 'boolean', description: 'Regione dell’obiettivo Convergenza 2007-2013' },
  territorio: text('Territorio in cui la pratica è stata realizzata'),
  periodo_inizio: date('Inizio dell’esperienza (AAAA-MM-GG)'),
  periodo_fine: date('Fine dell’esperienza (AAAA-MM-GG)'),
  risultati: text('Risultati ottenuti'),
  licenza: nullableText('Licenza di riuso (es. EUPL-1.2)'),
  cosa_si_cede: text('Cosa viene ceduto: software, manuali, modelli, formazione'),
  impegno_richiesto: text('Impegno richiesto all’amministrazione ricevente'),
  contatto_ufficio: nullableText('Ufficio di riferimento (mai una persona)'),
  contatto_email: { type: ['string', 'null'], format: 'email', description: 'E-mail o PEC dell’ufficio' },
  contatto_telefono: nullableText('Telefono dell’ufficio'),
  contatto_sito: { type: ['string', 'null'], format: 'uri', description: 'Pagina web dell’ufficio' },
  url: { type: 'string', format: 'uri', description: 'Pagina della pratica su Convergo' },
  data_pubblicazione: { type: 'string', format: 'date-time', description: 'Pubblicazione nel catalogo' },
  data_aggiornamento: { type: 'string', format: 'date-time', description: 'Ultima modifica' },
};

/** The JSON Schema (draft 2020-12) of `practices.json`. */
export function openDataSchema(publicUrl: string): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${publicUrl}/api/v1/open-data/practices.schema.json`,
    title: 'Buone pratiche della pubblica amministrazione (Convergo)',
    description:
      'Le buone pratiche pubblicate nel catalogo di Convergo. Colonne stabili: nuove colonne solo in coda. ' +
      'Nessun dato personale: i contatti sono quelli di un ufficio.',
    type: 'object',
    required: ['items'],
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: [...PRACTICE_OPEN_DATA_COLUMNS],
          properties: COLUMN_SCHEMAS,
        },
      },
    },
  };
}

/**
 * The dataset described in DCAT-AP_IT (JSON-LD), for a regional open-data portal to harvest:
 * one dcatapit:Dataset with a JSON and a CSV dcatapit:Distribution.
 */
export function openDataCatalog(publicUrl: string, modified: string | null): Record<string, unknown> {
  const api = `${publicUrl}/api/v1/open-data`;
  const publisher = {
    '@id': `${publicUrl}#publisher`,
    '@type': ['foaf:Agent', 'dcatapit:Agent'],
    'foaf:name': 'Convergo – comunità di pratica delle pubbliche amministrazioni',
    'dct:identifier': 'convergo',
  };
  const licence = {
    '@id': 'https://creativecommons.org/licenses/by/4.0/',
    '@type': ['dct:LicenseDocument'],
    'dct:type': { '@id': 'http://purl.org/adms/licencetype/Attribution' },
    'foaf:name': 'Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)',
  };
  const distribution = (format: 'JSON' | 'CSV', file: string, mediaType: string) => ({
    '@id': `${api}/${file}#distribution`,
    '@type': ['dcat:Distribution', 'dcatapit:Distribution'],
    'dct:title': `Buone pratiche (${format})`,
    'dct:format': { '@id': `http://publications.europa.eu/resource/authority/file-type/${format}` },
    'dcat:mediaType': mediaType,
    'dcat:accessURL': { '@id': `${api}/${file}` },
    'dcat:downloadURL': { '@id': `${api}/${file}` },
    'dct:license': licence,
    ...(format === 'JSON' ? { 'dct:conformsTo': { '@id': `${api}/practices.schema.json` } } : {}),
  });
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      dcatapit: 'http://dati.gov.it/onto/dcatapit#',
      foaf: 'http://xmlns.com/foaf/0.1/',
      vcard: 'http://www.w3.org/2006/vcard/ns#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@id': `${api}/catalog.jsonld`,
    '@type': ['dcat:Catalog', 'dcatapit:Catalog'],
    'dct:title': 'Catalogo dei dati aperti di Convergo',
    'dct:description': 'Dati aperti della comunità di pratica Convergo.',
    'dct:publisher': publisher,
    'dct:language': { '@id': 'http://publications.europa.eu/resource/authority/language/ITA' },
    'foaf:homepage': { '@id': publicUrl },
    ...(modified ? { 'dct:modified': { '@value': modified.slice(0, 10), '@type': 'xsd:date' } } : {}),
    'dcat:dataset': [
      {
        '@id': `${api}/practices#dataset`,
        '@type': ['dcat:Dataset', 'dcatapit:Dataset'],
        'dct:identifier': 'convergo:buone-pratiche',
        'dct:title': 'Buone pratiche della pubblica amministrazione',
        'dct:description':
          'Le buone pratiche che le amministrazioni offrono per il riuso (temi POAT SI e ambiti AGIRE POR), ' +
          'con amministrazione offerente, territorio, periodo, risultati e condizioni di riuso. Solo pratiche ' +
          'pubblicate dalla redazione; nessun dato personale.',
        'dct:publisher': publisher,
        'dct:rightsHolder': publisher,
        'dcat:theme': [
          { '@id': 'http://publications.europa.eu/resource/authority/data-theme/GOVE' },
          { '@id': 'http://publications.europa.eu/resource/authority/data-theme/TECH' },
        ],
        'dcat:keyword': [
          'buone pratiche',
          'riuso',
          'gemellaggi',
          'pubblica amministrazione',
          'POAT SI',
          'AGIRE POR',
        ],
        'dct:language': { '@id': 'http://publications.europa.eu/resource/authority/language/ITA' },
        'dct:accrualPeriodicity': {
          '@id': 'http://publications.europa.eu/resource/authority/frequency/CONT',
        },
        'dct:spatial': { '@id': 'http://publications.europa.eu/resource/authority/country/ITA' },
        ...(modified ? { 'dct:modified': { '@value': modified.slice(0, 10), '@type': 'xsd:date' } } : {}),
        'dcat:contactPoint': {
          '@id': `${publicUrl}#contact`,
          '@type': ['vcard:Organization', 'dcatapit:Organization'],
          'vcard:fn': 'Redazione Convergo',
          'vcard:hasURL': { '@id': publicUrl },
        },
        'dcat:landingPage': { '@id': `${publicUrl}/buone-pratiche` },
        'dct:conformsTo': { '@id': `${api}/practices.schema.json` },
        'dcat:distribution': [
          distribution('JSON', 'practices.json', 'application/json'),
          distribution('CSV', 'practices.csv', 'text/csv'),
        ],
      },
    ],
  };
}
