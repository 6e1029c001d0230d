import type { DeliverableKind, DocumentKind } from '@convergo/contracts';
import type { DemoHandle } from '../threads/threads.demo-data';
import type { DemoBlock } from './demo-content';

/** Whose document it is; the demo loader finds the owner's id. */
export type DemoDocumentOwnerRef = 'demo_lab' | 'demo_twinning' | { space: string };

export interface DemoDocumentData {
  title: string;
  kind: DocumentKind;
  owner: DemoDocumentOwnerRef;
  tags: string[];
  regions: string[];
  createdBy: DemoHandle;
  /** Written in order; a stage with a version name is then saved as that named version. */
  stages: { by: DemoHandle; versionName: string | null; blocks: DemoBlock[] }[];
  /** Anchored on the first occurrence of `on`. */
  comments: { by: DemoHandle; on: string; body: string; replies: { by: DemoHandle; body: string }[] }[];
}

const QUADRO_HEADER = ['', 'Logica di intervento', 'Indicatori', 'Fonti di verifica', 'Ipotesi e rischi'];

/**
 * The documents of the demo world: the Ambito A lab's logical framework in progress (the
 * "Creazione dei Quadri Logici" module of the Formez slides), the demo twinning's work plan and a
 * Metropoli Strategiche strategic-plan draft in its space.
 */
export const DEMO_DOCUMENTS: readonly DemoDocumentData[] = [
  {
    title: 'Quadro logico – Macroarea cooperazione con i Balcani occidentali',
    kind: 'quadro_logico',
    owner: 'demo_lab',
    tags: ['cooperazione internazionale', 'laboratorio ambito a'],
    regions: ['Campania', 'Puglia', 'Sicilia', 'Calabria'],
    createdBy: 'bari',
    stages: [
      {
        by: 'bari',
        versionName: 'Prima stesura del gruppo di lavoro',
        blocks: [
          { heading: 1, text: 'Quadro logico – Macroarea cooperazione con i Balcani occidentali' },
          {
            lead: 'Contesto. ',
            paragraph:
              'Le amministrazioni del gruppo di lavoro hanno individuato, nella prima giornata di laboratorio, ' +
              'la cooperazione con i Balcani occidentali come macroarea prioritaria di internazionalizzazione. ' +
              'Il quadro logico traduce questa scelta in obiettivi, risultati e attività verificabili.',
          },
          { heading: 2, text: 'Obiettivi e risultati' },
          {
            table: [
              QUADRO_HEADER,
              [
                'Obiettivo generale',
                'Rafforzare la capacità delle amministrazioni di partecipare in modo strutturato a interventi di cooperazione internazionale',
                'Numero di progetti di cooperazione presentati dalle amministrazioni del gruppo',
                'Registri dei progetti presentati; banche dati dei programmi',
                'Continuità dell’indirizzo politico',
              ],
              [
                'Obiettivo specifico',
                'Costruire partenariati stabili con enti locali di Albania e Montenegro nei settori dello sviluppo urbano e del turismo culturale',
                'Accordi o lettere di intenti firmati entro dodici mesi',
                'Atti di approvazione degli accordi',
                'Disponibilità delle municipalità partner',
              ],
              [
                'Risultati attesi',
                'Aumento della capacità degli uffici di progettare e gestire iniziative internazionali',
                'Da definire',
                'Da definire',
                'Turnover del personale formato',
              ],
            ],
          },
        ],
      },
      {
        by: 'napoli',
        versionName: 'Revisione dopo il tutoraggio a distanza',
        blocks: [
          { heading: 2, text: 'Attività' },
          {
            numbered: [
              'Mappatura dei partenariati già attivi di ciascuna amministrazione nei Balcani occidentali',
              'Due incontri di lavoro con le municipalità partner, uno in presenza e uno a distanza',
              'Redazione congiunta di una proposta progettuale sul turismo culturale',
              'Presentazione della proposta al primo bando utile della cooperazione territoriale europea',
            ],
          },
          { heading: 2, text: 'Ipotesi e rischi principali' },
          {
            bullets: [
              'Cambio degli interlocutori politici nelle municipalità partner dopo le elezioni locali',
              'Tempi di approvazione degli atti superiori ai tempi dei bandi',
              'Personale dedicato insufficiente negli uffici più piccoli',
            ],
          },
        ],
      },
      {
        by: 'reggio',
        versionName: null,
        blocks: [
          { heading: 2, text: 'Da completare prima della giornata in presenza' },
          {
            bullets: [
              'Indicatori dei risultati attesi e relative fonti di verifica (tutte le amministrazioni)',
              'Un rischio specifico per ciascuna amministrazione (Reggio Calabria: disponibilità delle sedi museali)',
            ],
          },
        ],
      },
    ],
    comments: [
      {
        by: 'tutor',
        on: 'Aumento della capacità degli uffici',
        body:
          'Così il risultato non si misura. Proporrei il numero di funzionari formati che hanno lavorato a una ' +
          'proposta progettuale e il numero di proposte presentate.',
        replies: [
          {
            by: 'bari',
            body: 'D’accordo, lo riformuliamo così e aggiungiamo come fonte i registri delle presenze del laboratorio.',
          },
        ],
      },
      {
        by: 'tutor',
        on: 'Accordi o lettere di intenti firmati entro dodici mesi',
        body: 'Buon indicatore. Indicate anche un valore obiettivo: quanti accordi per amministrazione?',
        replies: [{ by: 'napoli', body: 'Almeno uno per ciascuna delle quattro amministrazioni.' }],
      },
    ],
  },
  {
    title: 'Piano di lavoro del gemellaggio – Cooperazione applicativa tra gli uffici comunali',
    kind: 'proposta_progettuale',
    owner: 'demo_twinning',
    tags: ['gemellaggi', 'interoperabilità e cooperazione applicativa'],
    regions: ['Sicilia', 'Calabria'],
    createdBy: 'palermo',
    stages: [
      {
        by: 'palermo',
        versionName: 'Bozza condivisa con l’amministrazione offerente',
        blocks: [
          { heading: 1, text: 'Piano di lavoro del gemellaggio' },
          {
            lead: 'Obiettivo. ',
            paragraph:
              'Trasferire alle amministrazioni riceventi il modello di scambio dei dati tra anagrafe, tributi e ' +
              'servizi sociali dell’amministrazione offerente, adattandolo ai sistemi informativi di Palermo e ' +
              'Reggio Calabria.',
          },
          { heading: 2, text: 'Fasi e calendario' },
          {
            table: [
              ['Fase', 'Attività', 'Periodo', 'Responsabile'],
              [
                '1. Analisi',
                'Visite di studio e analisi dei flussi tra gli uffici',
                'Primo e secondo mese',
                'Ente offerente',
              ],
              [
                '2. Progettazione',
                'Definizione degli e-service da pubblicare e delle regole di accesso',
                'Terzo mese',
                'Palermo',
              ],
              [
                '3. Sperimentazione',
                'Primo scambio di dati in esercizio tra anagrafe e tributi',
                'Quarto e quinto mese',
                'Reggio Calabria',
              ],
              [
                '4. Consolidamento',
                'Manuale operativo e formazione del personale',
                'Sesto mese',
                'Tutte le amministrazioni',
              ],
            ],
          },
          { heading: 2, text: 'Risultati attesi' },
          {
            bullets: [
              'Almeno due e-service pubblicati per ciascuna amministrazione ricevente',
              'Riduzione delle richieste di certificati tra uffici dello stesso ente',
              'Un gruppo tecnico stabile con un referente per ogni amministrazione',
            ],
          },
        ],
      },
    ],
    comments: [
      {
        by: 'reggio',
        on: 'Primo scambio di dati in esercizio',
        body:
          'Per noi il quarto mese è stretto: il nuovo gestionale dei tributi entra in esercizio solo a fine ' +
          'trimestre. Possiamo prevedere un mese di margine?',
        replies: [
          { by: 'palermo', body: 'Sì, spostiamo la sperimentazione al quinto e sesto mese per Reggio.' },
        ],
      },
    ],
  },
  {
    title: 'Bozza di piano strategico metropolitano – Visione, assi e raccordo con il PON Metro',
    kind: 'piano_strategico',
    owner: { space: 'Piani strategici metropolitani' },
    tags: ['metropoli strategiche', 'piano strategico'],
    regions: ['Puglia'],
    createdBy: 'admin',
    stages: [
      {
        by: 'admin',
        versionName: 'Impianto iniziale',
        blocks: [
          { heading: 1, text: 'Bozza di piano strategico metropolitano' },
          {
            paragraph:
              'Documento di lavoro della comunità Metropoli Strategiche: un impianto comune da adattare a ciascuna ' +
              'Città Metropolitana, coerente con il PON Governance e il PON Metro che intervengono sugli stessi territori.',
          },
          { heading: 2, text: 'Visione' },
          {
            paragraph:
              'Un’area metropolitana che offre servizi semplici e uguali ai cittadini e alle imprese di tutti i ' +
              'Comuni, con un’amministrazione aperta che pubblica e riusa i propri dati.',
          },
          { heading: 2, text: 'Assi strategici' },
          {
            numbered: [
              'Riassetto istituzionale e organizzativo: servizi associati tra Città Metropolitana e Comuni',
              'Semplificazione amministrativa in materia edilizia e urbanistica',
              'Mobilità sostenibile e sviluppo urbano',
              'Open government, trasparenza e riuso dei dati',
            ],
          },
        ],
      },
      {
        by: 'bari',
        versionName: null,
        blocks: [
          { heading: 2, text: 'Raccordo con le fonti di finanziamento' },
          {
            table: [
              ['Asse', 'PON Metro', 'PON Governance', 'Risorse proprie'],
              ['Riassetto istituzionale', '–', 'Metropoli Strategiche', 'Personale dedicato'],
              [
                'Semplificazione edilizia',
                'Agenda digitale',
                'Metropoli Strategiche',
                'Manutenzione del portale',
              ],
              ['Mobilità sostenibile', 'Mobilità e servizi sostenibili', '–', 'Cofinanziamento'],
              [
                'Open government',
                'Agenda digitale',
                'Azioni di capacità amministrativa',
                'Redazione dei dataset',
              ],
            ],
          },
        ],
      },
    ],
    comments: [
      {
        by: 'napoli',
        on: 'Mobilità sostenibile e sviluppo urbano',
        body: 'Proporrei di legare questo asse agli interventi già finanziati, con il CUP accanto a ciascuno.',
        replies: [],
      },
    ],
  },
];

/**
 * A product of the demo lab's working group, submitted and waiting for the tutor's review: the
 * "Analisi dell'assetto organizzativo" of the slides' third dimension.
 */
export const DEMO_DELIVERABLE: {
  title: string;
  kind: DeliverableKind;
  /** Days from the load to the deadline. */
  dueInDays: number;
  submittedBy: DemoHandle;
  blocks: DemoBlock[];
} = {
  title: 'Analisi dell’assetto organizzativo degli uffici per la cooperazione internazionale',
  kind: 'organisational_analysis',
  dueInDays: 5,
  submittedBy: 'reggio',
  blocks: [
    { heading: 1, text: 'Analisi dell’assetto organizzativo' },
    {
      paragraph:
        'Il gruppo di lavoro ha analizzato come sono organizzate oggi le attività internazionali nelle quattro ' +
        'amministrazioni, a partire dalle interviste ai dirigenti e dalle schede dei servizi.',
    },
    {
      table: [
        ['Amministrazione', 'Struttura', 'Personale dedicato', 'Criticità principale'],
        ['Comune di Napoli', 'Servizio Relazioni internazionali', '6', 'Raccordo con i settori tecnici'],
        ['Comune di Bari', 'Ufficio Europa', '4', 'Rendicontazione dei progetti'],
        ['Comune di Palermo', 'Area Sviluppo economico', '2', 'Personale insufficiente'],
        ['Comune di Reggio Calabria', 'Settore Programmazione', '3', 'Competenze linguistiche'],
      ],
    },
    { heading: 2, text: 'Ipotesi di miglioramento' },
    {
      bullets: [
        'Un punto di coordinamento unico per le iniziative internazionali, alle dirette dipendenze del direttore generale',
        'Una rete di referenti nei settori tecnici, con ore dedicate riconosciute negli obiettivi di performance',
        'Un piano di formazione linguistica per i funzionari coinvolti nei partenariati',
      ],
    },
  ],
};

export const DEMO_DOCUMENT_COUNT = DEMO_DOCUMENTS.length;
/**
 * Versions the demo documents' writers named. The server adds its own, automatic ones (the
 * version frozen when the deliverable is submitted, one at the end of each editing session).
 */
export const DEMO_DOCUMENT_NAMED_VERSION_COUNT = DEMO_DOCUMENTS.reduce(
  (sum, d) => sum + d.stages.filter((s) => s.versionName).length,
  0,
);
/** Comment threads and their replies. */
export const DEMO_DOCUMENT_COMMENT_COUNT = DEMO_DOCUMENTS.reduce(
  (sum, d) => sum + d.comments.reduce((n, c) => n + 1 + c.replies.length, 0),
  0,
);
