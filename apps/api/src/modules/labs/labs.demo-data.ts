import { CONVERGENCE_REGIONS, type LabAmbito, type LabStatus } from '@convergo/contracts';

/** "Obiettivo generale del progetto" (slide 4): shared by the three ambiti. */
const GENERAL_OBJECTIVE =
  'Sviluppare processi di rafforzamento di reti a livello regionale e interregionale, con riferimento ' +
  'alla cooperazione internazionale verso i Balcani occidentali ed i Paesi della sponda sud del Mediterraneo.';

export interface DemoLabData {
  title: string;
  ambito: LabAmbito;
  description: string;
  objectives: string;
  expectedResults: string;
  targetAdministrations: string;
  capacity: number | null;
  status: LabStatus;
  regions: readonly string[];
}

/**
 * The Formez lab on international cooperation, Ambito A, as its slides name it ("Laboratori
 * sulle strategie, sulle competenze e sugli assetti organizzativi per la cooperazione
 * internazionale", PON Governance e Azioni di Sistema FSE 2007-2013). Its modules and days come
 * with the sessions capability; the description lists the three dimensions the slides give.
 */
export const DEMO_LAB: DemoLabData & {
  groupName: string;
  spaceName: string;
  spaceDescription: string;
} = {
  title:
    'Laboratorio sulle strategie, sulle competenze e sugli assetti organizzativi per la cooperazione internazionale',
  ambito: 'A',
  description:
    'Ambito A – Laboratori comunali/provinciali: un gruppo di amministrazioni lavora sulle strategie, ' +
    'sulle competenze e sugli assetti organizzativi per la cooperazione internazionale verso i Balcani ' +
    'occidentali e i Paesi della sponda sud del Mediterraneo, in tre dimensioni: 1. aspetti motivazionali ' +
    'e strategici dell’attività internazionale (perché fare cooperazione e come massimizzare gli impatti ' +
    'di lungo periodo); 2. i sistemi di conoscenze e competenze interni ed esterni e gli strumenti di ' +
    'lavoro necessari; 3. capacità istituzionale, modelli organizzativi e processi relazionali interni ed ' +
    'esterni. Metodo: attività in presenza, tutoraggio a distanza, ambiente web (comunità professionale).',
  objectives:
    `${GENERAL_OBJECTIVE} Un nuovo gruppo di amministrazioni lavora sulle strategie, sulle competenze e ` +
    'sugli assetti organizzativi per la cooperazione internazionale: perché fare cooperazione e come ' +
    'massimizzare gli impatti di lungo periodo; cosa serve conoscere e quali strumenti bisogna ' +
    'padroneggiare per fare cooperazione; come ci si può organizzare per fare cooperazione.',
  expectedResults:
    'Piani strategici definiti, competenze tecniche acquisite e assetti organizzativi e procedurali ' +
    'disegnati che consentano una consapevole ed organizzata partecipazione di Amministrazioni comunali ' +
    'e provinciali delle 4 Regioni dell’Obiettivo Convergenza a programmi di cooperazione internazionale.',
  targetAdministrations:
    'Laboratori comunali/provinciali rivolti a un nuovo gruppo di cinque amministrazioni provinciali.',
  capacity: 25,
  status: 'running',
  regions: CONVERGENCE_REGIONS,
  groupName: 'Gruppo di lavoro – Quadri logici e piano strategico di apertura internazionale',
  spaceName: 'Laboratorio cooperazione internazionale — spazio del gruppo',
  spaceDescription:
    'Lo spazio riservato ai partecipanti e ai tutor del laboratorio Ambito A: materiali, domande al ' +
    'tutor e confronto sui quadri logici delle macroaree di internazionalizzazione.',
};

/** Demo accounts enrolled in the demo lab (see demo-accounts.ts). */
export const DEMO_LAB_TUTOR_EMAILS = ['tutor@convergo.demo'];
export const DEMO_LAB_PARTICIPANT_EMAILS = [
  'referente.napoli@convergo.demo',
  'funzionaria.bari@convergo.demo',
  'funzionario.palermo@convergo.demo',
  'funzionaria.reggio@convergo.demo',
];

/**
 * Ambiti B and C as the slides describe them ("Laboratori ambiti B e C", "Principali risultati
 * attesi"): open, so that applications can be tried on a fresh installation.
 */
export const DEMO_LABS_B_C: readonly DemoLabData[] = [
  {
    title: 'Laboratorio specialistico per la costituzione di Tavoli territoriali con gli attori locali',
    ambito: 'B',
    description:
      'Ambito B – Laboratori specialistici per la costituzione di Tavoli territoriali per il rafforzamento ' +
      'delle attività di condivisione con gli attori locali: sviluppo delle capacità delle aree urbane e ' +
      'provinciali di attivare, attraverso tavoli territoriali tra gli attori, pubblici e privati ' +
      'interessati ai progetti di cooperazione, forme di concertazione e collaborazione operativa stabile.',
    objectives: GENERAL_OBJECTIVE,
    expectedResults:
      'Aumentata capacità delle amministrazioni beneficiarie di realizzare azioni di cooperazione ' +
      'territoriale, la cui efficacia venga migliorata attraverso il confronto stabile con gli attori ' +
      'locali del territorio e le altre amministrazioni. Creazione e rafforzamento, nei territori, di ' +
      'forme di collaborazione con altri Enti locali e attori tecnici sulla base di interessi e di ' +
      'un’impostazione strategica condivisi.',
    targetAdministrations:
      'Aree urbane e provinciali e gli attori, pubblici e privati, interessati ai progetti di cooperazione.',
    capacity: 30,
    status: 'open',
    regions: CONVERGENCE_REGIONS,
  },
  {
    title: 'Laboratorio interregionale per la creazione e il rafforzamento di iniziative internazionali',
    ambito: 'C',
    description:
      'Ambito C – Laboratori interregionali per la creazione e il rafforzamento di iniziative ' +
      'internazionali: si lavorerà, in laboratori interregionali, alla creazione di modalità di ' +
      'collaborazione stabili tra Amministrazioni di regioni diverse, così da rafforzare la capacità di ' +
      'impatto delle quattro Regioni nei Paesi Euromediterranei.',
    objectives: GENERAL_OBJECTIVE,
    expectedResults:
      'Avvio di forme di collaborazione tra Amministrazioni di regioni diverse interessate a rafforzare ' +
      'la propria presenza in attività di cooperazione internazionale grazie alla messa in comune di ' +
      'relazioni con altri Paesi ed esperienze sviluppate in precedenti progetti. Valorizzazione e ' +
      'diffusione delle esperienze realizzate da pubbliche amministrazioni italiane.',
    targetAdministrations:
      'Amministrazioni di regioni diverse delle quattro Regioni dell’Obiettivo Convergenza.',
    capacity: 30,
    status: 'open',
    regions: CONVERGENCE_REGIONS,
  },
];
