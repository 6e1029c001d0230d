import type { TwinningStatus } from '@convergo/contracts';

/**
 * The AGIRE POR 2007-2013 demo (source: shared/domain/sources/agire-por-2007-2013.txt): 33
 * initiatives — 17 concluded twinnings and 16 start-ups still at the application — in which
 * administrations of the Centre-North hand an experience to administrations of the Convergence
 * regions (Calabria, Campania, Puglia, Sicilia), in the areas the source lists, between 2009 and
 * 2015. The administrations are real (ISTAT codes of the reference directory: six digits for a
 * municipality, `R..` for a region, `P-..` for a province); the pairings and the practices are
 * illustrative, and say so. The indicators computed from them give 33 / 17 / 16 and more than
 * 100 administrations involved.
 */
export const AGIRE_POR_CODE = 'agire-por-2007-2013';

export const AGIRE_POR_DEMO_NOTE =
  'Dati dimostrativi nello spirito di AGIRE POR 2007-2013: le amministrazioni e gli ambiti sono reali, ' +
  'l’abbinamento e la scheda sono illustrativi.';

export interface AgirePorArea {
  /** Practice theme code (group agire_por). */
  theme: string;
  practiceTitle: string;
  summary: string;
  /** The administration that offers the area's practice (Centre-North). */
  offeringIstatCode: string;
}

/** One practice per area the source names, each offered by a Centre-North administration. */
export const AGIRE_POR_AREAS: readonly AgirePorArea[] = [
  {
    theme: 'inclusione-sociale',
    offeringIstatCode: '037006',
    practiceTitle: 'Sportello unico per l’inclusione sociale',
    summary:
      'Un punto di accesso unico ai servizi sociali del comune, con la presa in carico condivisa tra uffici.',
  },
  {
    theme: 'servizi-alla-persona',
    offeringIstatCode: '048017',
    practiceTitle: 'Assistenza domiciliare integrata in rete',
    summary:
      'La programmazione condivisa tra comune e azienda sanitaria dell’assistenza domiciliare agli anziani.',
  },
  {
    theme: 'beni-culturali',
    offeringIstatCode: 'R09',
    practiceTitle: 'Catalogo digitale dei beni culturali del territorio',
    summary: 'La schedatura in rete dei beni culturali e la loro pubblicazione per cittadini e scuole.',
  },
  {
    theme: 'turismo',
    offeringIstatCode: '052032',
    practiceTitle: 'Osservatorio turistico comunale',
    summary:
      'I dati dei flussi turistici raccolti con le strutture ricettive e usati per programmare l’offerta.',
  },
  {
    theme: 'mobilita-sostenibile',
    offeringIstatCode: '015146',
    practiceTitle: 'Gestione integrata della mobilità individuale',
    summary:
      'Soluzioni per la gestione della mobilità individuale: infomobilità, car sharing e accessi regolati.',
  },
  {
    theme: 'legalita',
    offeringIstatCode: 'R08',
    practiceTitle: 'Trasparenza e prevenzione della corruzione negli appalti',
    summary:
      'Un modello di controllo degli appalti pubblici con banche dati condivise e indicatori di rischio.',
  },
  {
    theme: 'logistica',
    offeringIstatCode: 'P-VR',
    practiceTitle: 'Manuale per la pianificazione delle aree logistico industriali',
    summary:
      'Il metodo per pianificare e gestire le aree logistico industriali con imprese e gestori delle reti.',
  },
  {
    theme: 'cultura',
    offeringIstatCode: '001272',
    practiceTitle: 'Rete delle biblioteche civiche e dei servizi culturali',
    summary:
      'La gestione in rete di biblioteche e servizi culturali, con un unico catalogo e una tessera comune.',
  },
  {
    theme: 'sviluppo-urbano',
    offeringIstatCode: '034027',
    practiceTitle: 'Piano di riqualificazione urbana partecipato',
    summary:
      'Modelli di dialogo tra PA e cittadini per la progettazione condivisa della riqualificazione urbana.',
  },
  {
    theme: 'gestione-territorio',
    offeringIstatCode: 'R05',
    practiceTitle: 'Sistema informativo territoriale condiviso',
    summary:
      'Un sistema informativo territoriale comune a regione ed enti locali per pianificazione e catasto.',
  },
  {
    theme: 'innovazione-tecnologica',
    offeringIstatCode: '027042',
    practiceTitle: 'Servizi online in cooperazione applicativa',
    summary: 'Il riuso di piattaforme per i servizi online e lo scambio di dati tra amministrazioni.',
  },
  {
    theme: 'sistemi-gestionali-pa',
    offeringIstatCode: 'P-BO',
    practiceTitle: 'Controllo di gestione e ciclo della performance',
    summary: 'Modalità innovative di gestione dei servizi: obiettivi, indicatori e controllo di gestione.',
  },
];

/** Offering administrations of the Centre-North: municipalities, provinces and regions. */
const OFFERING = [
  '037006',
  '048017',
  'R09',
  '052032',
  '015146',
  'R08',
  'P-VR',
  '001272',
  '034027',
  'R05',
  '027042',
  'P-BO',
  '010025',
  '022205',
  '036023',
  '038008',
  '039014',
  '100005',
  '050026',
  '054039',
  '042002',
  '030129',
  '032006',
  '028060',
  '024116',
  '017029',
  'R03',
  'P-FI',
  '097042',
  '058091',
  'R10',
  '019036',
  '020030',
];

/** Receiving administrations in the Convergence regions. */
const RECEIVING = [
  '063049',
  '065116',
  '061022',
  '064008',
  '062008',
  '063060',
  '063084',
  '063034',
  '063023',
  '063024',
  '063002',
  '065014',
  '065078',
  '061005',
  '063059',
  '063064',
  '072006',
  '075035',
  '073027',
  '074001',
  '071024',
  '110001',
  '110002',
  '110009',
  '072004',
  '072029',
  '071020',
  '072011',
  '071029',
  '072030',
  '073013',
  '075052',
  '075029',
  '082053',
  '087015',
  '083048',
  '089017',
  '088009',
  '081021',
  '084001',
  '085004',
  '086009',
  '081011',
  '085007',
  '088012',
  '087004',
  '082006',
  '088006',
  '081012',
  '087033',
  '079023',
  '080063',
  '078045',
  '101010',
  '102047',
  '079160',
  '078102',
  '078033',
  '078003',
  '080057',
  '080088',
  '080038',
  'R15',
  'R16',
  'R18',
  'R19',
  'P-LE',
  'P-SA',
  'P-CS',
  'P-RG',
  'P-FG',
  'P-CZ',
  'P-AG',
  'P-TP',
];

export interface AgirePorTwinning {
  title: string;
  area: AgirePorArea;
  offeringIstatCode: string;
  receivingIstatCodes: string[];
  status: TwinningStatus;
  createdAt: Date;
}

export const AGIRE_POR_CONCLUDED = 17;
export const AGIRE_POR_START_UPS = 16;

/**
 * The 33 initiatives: the first 17 concluded (applied for in 2009-2012), the other 16 start-ups
 * (applied for in 2013-2015). Each hands its area's practice from one Centre-North administration
 * to three Convergence ones, every receiving administration in at least one.
 */
export function agirePorTwinnings(): AgirePorTwinning[] {
  return Array.from({ length: AGIRE_POR_CONCLUDED + AGIRE_POR_START_UPS }, (_, i) => {
    const area = AGIRE_POR_AREAS[i % AGIRE_POR_AREAS.length];
    const concluded = i < AGIRE_POR_CONCLUDED;
    const year = concluded ? 2009 + (i % 4) : 2013 + (i % 3);
    return {
      title: `AGIRE POR ${String(i + 1).padStart(2, '0')}/33 – ${area.practiceTitle} (esempio dimostrativo)`,
      area,
      offeringIstatCode: OFFERING[i % OFFERING.length],
      receivingIstatCodes: [0, 1, 2].map((k) => RECEIVING[(i * 3 + k) % RECEIVING.length]),
      status: concluded ? 'concluso' : 'candidatura',
      createdAt: new Date(Date.UTC(year, (i * 5) % 12, 1 + (i % 27), 9)),
    };
  });
}

const FIRST = ['Alfa', 'Meridiana', 'Ponte', 'Orizzonte', 'Sinergia', 'Aurora', 'Civica'];
const SECOND = ['Consulting', 'Servizi per la PA', 'Progetti Pubblici', 'Advisory', 'Innovazione'];

/** The 35 economic operators (consultancy firms): clearly demo names, no VAT numbers. */
export const AGIRE_POR_ECONOMIC_OPERATORS: readonly { name: string; role: string }[] = SECOND.flatMap(
  (second) =>
    FIRST.map((first) => ({
      name: `${first} ${second} S.r.l. (demo)`,
      role: 'Assistenza tecnica ai gemellaggi',
    })),
);
