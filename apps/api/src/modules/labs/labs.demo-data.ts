import type { LabAmbito } from '@convergo/contracts';

/**
 * The Formez lab on international cooperation, Ambito A, as its slides name it ("Laboratori
 * sulle strategie, sulle competenze e sugli assetti organizzativi per la cooperazione
 * internazionale", PON Governance e Azioni di Sistema FSE 2007-2013). Its modules and days come
 * with the sessions capability; the description lists the three dimensions the slides give.
 */
export const DEMO_LAB: {
  title: string;
  ambito: LabAmbito;
  description: string;
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
