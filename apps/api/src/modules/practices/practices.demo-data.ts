import type { PracticeStatus } from '@convergo/contracts';

/** A demo practice: the offering administration by its ISTAT code (reference directory). */
export interface DemoPracticeData {
  /** ISTAT code of a municipality (6 digits) or of a region (`R08`). */
  offeringIstatCode: string;
  title: string;
  summary: string;
  description: string;
  themes: string[];
  territory: string;
  periodFrom: string | null;
  periodTo: string | null;
  results: string;
  licence: string | null;
  handedOver: string;
  effort: string;
  contactOffice: string;
  status: PracticeStatus;
}

const DEMO_NOTE =
  'Dati dimostrativi nello spirito della banca dati POAT SI “Buone Pratiche e Gemellaggi”: ' +
  'le amministrazioni e i temi sono reali, la scheda è illustrativa.';

/**
 * One practice per POAT SI theme (servizi ai cittadini, servizi alle imprese, innovazione dei
 * processi e dematerializzazione, sistema pubblico di connettività, patrimonio informativo
 * pubblico, interoperabilità e cooperazione applicativa), offered by the kinds of administration
 * the database listed — comuni, regioni — outside the Convergence regions, plus one AGIRE POR
 * area proposed by a Convergence municipality and still waiting for the editors.
 */
export const DEMO_PRACTICES: readonly DemoPracticeData[] = [
  {
    offeringIstatCode: '037006',
    title: 'Certificati anagrafici e cambi di residenza online',
    summary:
      'Lo sportello anagrafico in rete: certificati con timbro digitale e dichiarazioni di residenza ' +
      'presentate e seguite online, senza code allo sportello.',
    description: `Il servizio porta online le pratiche anagrafiche più richieste.\n\n${DEMO_NOTE}`,
    themes: ['servizi-cittadini'],
    territory: 'Comune',
    periodFrom: '2009-01-01',
    periodTo: '2011-12-31',
    results: 'Meno accessi allo sportello; tempi di rilascio dei certificati ridotti.',
    licence: 'EUPL-1.2',
    handedOver: 'Modello organizzativo, modulistica, specifiche del servizio online',
    effort: 'Un referente dei servizi demografici e uno dei sistemi informativi per sei mesi',
    contactOffice: 'Servizi demografici',
    status: 'published',
  },
  {
    offeringIstatCode: '001272',
    title: 'Sportello unico per le attività produttive telematico',
    summary:
      'Le pratiche del SUAP presentate solo per via telematica, con un fascicolo d’impresa condiviso ' +
      'tra gli uffici comunali e gli enti terzi.',
    description: `Dalla presentazione alla conclusione del procedimento, tutto in rete.\n\n${DEMO_NOTE}`,
    themes: ['servizi-imprese'],
    territory: 'Comune',
    periodFrom: '2010-03-01',
    periodTo: '2012-06-30',
    results: 'Procedimenti conclusi nei termini; nessuna pratica cartacea.',
    licence: 'EUPL-1.2',
    handedOver: 'Software di front office, manuali, percorso di formazione per gli operatori',
    effort: 'Due persone per otto mesi; adeguamento dei regolamenti comunali',
    contactOffice: 'Sportello unico attività produttive',
    status: 'published',
  },
  {
    offeringIstatCode: 'R08',
    title: 'Protocollo informatico e fascicolo digitale dei procedimenti',
    summary:
      'La gestione documentale regionale: protocollo informatico, fascicolo digitale e conservazione ' +
      'a norma, per ridurre la carta negli uffici.',
    description: `Un percorso di dematerializzazione accompagnato da formazione interna.\n\n${DEMO_NOTE}`,
    themes: ['innovazione-processi-dematerializzazione'],
    territory: 'Regione',
    periodFrom: '2008-01-01',
    periodTo: '2012-12-31',
    results: 'Documenti nativi digitali nella maggior parte dei procedimenti regionali.',
    licence: 'EUPL-1.2',
    handedOver: 'Piano di classificazione, manuale di gestione, moduli formativi',
    effort: 'Un gruppo di lavoro interdirezionale per un anno',
    contactOffice: 'Servizio sistemi informativi e gestione documentale',
    status: 'published',
  },
  {
    offeringIstatCode: 'R09',
    title: 'Rete regionale degli enti locali e adesione al Sistema pubblico di connettività',
    summary:
      'Una rete che collega la regione e gli enti locali del territorio e li porta nel Sistema pubblico ' +
      'di connettività con servizi comuni di sicurezza e posta elettronica certificata.',
    description: `Connettività condivisa e servizi infrastrutturali per i piccoli comuni.\n\n${DEMO_NOTE}`,
    themes: ['sistema-pubblico-connettivita'],
    territory: 'Regione e enti locali',
    periodFrom: '2007-06-01',
    periodTo: '2011-12-31',
    results: 'Enti locali connessi alla rete regionale con servizi comuni.',
    licence: null,
    handedOver: 'Modello di governance della rete, capitolati, accordi tipo con gli enti',
    effort: 'Accordo con gli enti locali; un anno per l’avvio',
    contactOffice: 'Settore infrastrutture e tecnologie per lo sviluppo della società dell’informazione',
    status: 'published',
  },
  {
    offeringIstatCode: '048017',
    title: 'Catalogo comunale dei dati aperti',
    summary:
      'I dati del comune pubblicati come dati aperti con licenza libera, metadati e un catalogo ' +
      'consultabile da cittadini, imprese e ricercatori.',
    description: `Dalla ricognizione delle basi di dati alla pubblicazione periodica.\n\n${DEMO_NOTE}`,
    themes: ['patrimonio-informativo-pubblico'],
    territory: 'Comune',
    periodFrom: '2011-01-01',
    periodTo: null,
    results: 'Dataset pubblicati e aggiornati con regolarità; riuso da parte di sviluppatori locali.',
    licence: 'CC BY 4.0',
    handedOver: 'Linee guida interne, modello di metadati, procedure di pubblicazione',
    effort: 'Un referente per i dati aperti e la collaborazione degli uffici titolari',
    contactOffice: 'Ufficio statistica e dati aperti',
    status: 'published',
  },
  {
    offeringIstatCode: 'R03',
    title: 'Cooperazione applicativa tra anagrafi comunali e servizi sanitari',
    summary:
      'Le variazioni anagrafiche dei comuni arrivano ai servizi sanitari per cooperazione applicativa, ' +
      'senza invii manuali né doppie registrazioni.',
    description: `Servizi applicativi standard tra enti diversi.\n\n${DEMO_NOTE}`,
    themes: ['interoperabilita-cooperazione-applicativa', 'servizi-cittadini'],
    territory: 'Regione',
    periodFrom: '2009-09-01',
    periodTo: '2012-12-31',
    results: 'Anagrafi sanitarie allineate a quelle comunali in tempi brevi.',
    licence: 'EUPL-1.2',
    handedOver: 'Specifiche dei servizi, accordi di servizio, componenti software',
    effort: 'Sistemi informativi della regione e dei comuni aderenti; circa un anno',
    contactOffice: 'Direzione sistemi informativi',
    status: 'published',
  },
  {
    offeringIstatCode: '072006',
    title: 'Mobilità sostenibile: percorsi ciclabili e informazione in tempo reale',
    summary:
      'Una proposta dell’amministrazione: percorsi ciclabili casa-lavoro e informazioni in tempo reale ' +
      'sul trasporto pubblico, da condividere con altri comuni.',
    description: `Proposta in attesa di revisione della redazione.\n\n${DEMO_NOTE}`,
    themes: ['mobilita-sostenibile', 'sviluppo-urbano'],
    territory: 'Comune',
    periodFrom: '2013-01-01',
    periodTo: '2015-12-31',
    results: 'Da completare.',
    licence: null,
    handedOver: '',
    effort: '',
    contactOffice: 'Ufficio mobilità',
    status: 'proposed',
  },
];
