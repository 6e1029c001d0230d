import type { DeliverableKind } from '@convergo/contracts';

export interface DemoModule {
  title: string;
  dimension: number;
  position: number;
  plannedDays: number;
  description: string;
  expectedDeliverables: DeliverableKind[];
}

/**
 * The structure of the Formez Ambito A lab exactly as its slides give it ("Ambito A Dimensione
 * 1/2/3": titles and "giornate in presenza"). Dimension 2 is one module of "4/5 giornate": it is
 * stored with planned_days 5 (the upper bound, what the calendar must make room for) and its
 * description keeps the slides' "4/5 giornate in presenza".
 */
export const DEMO_AMBITO_A_MODULES: readonly DemoModule[] = [
  {
    dimension: 1,
    position: 1,
    title:
      'Introduzione alla metodologia di lavoro e individuazione delle Macroaree di Internazionalizzazione ' +
      'più rilevanti per l’Amministrazione',
    plannedDays: 1.5,
    description:
      'Dimensione 1 – Aspetti motivazionali e strategici dell’attività internazionale. 1,5 giornate in presenza.',
    expectedDeliverables: [],
  },
  {
    dimension: 1,
    position: 2,
    title: 'Creazione dei Quadri Logici relativi alle macroaree individuate',
    plannedDays: 1.5,
    description:
      'Dimensione 1 – Aspetti motivazionali e strategici dell’attività internazionale. 1,5 giornate in presenza.',
    expectedDeliverables: ['logical_framework'],
  },
  {
    dimension: 1,
    position: 3,
    title: 'Definizione di una proposta di piano strategico di apertura internazionale',
    plannedDays: 1.5,
    description:
      'Dimensione 1 – Aspetti motivazionali e strategici dell’attività internazionale. 1,5 giornate in presenza.',
    expectedDeliverables: ['internationalisation_plan'],
  },
  {
    dimension: 1,
    position: 4,
    title: 'Evento di chiusura',
    plannedDays: 1,
    description:
      'Dimensione 1 – Aspetti motivazionali e strategici dell’attività internazionale. 1 giornata in presenza.',
    expectedDeliverables: [],
  },
  {
    dimension: 2,
    position: 5,
    title:
      'Comunicazione esterna e interna all’Amministrazione, creazione e gestione partenariati, costruzione ' +
      'di budget e di una proposta progettuale',
    plannedDays: 5,
    description:
      'Dimensione 2 – Sistemi di conoscenze e competenze interni ed esterni e gli strumenti di lavoro ' +
      'necessari. 4/5 giornate in presenza.',
    expectedDeliverables: ['project_proposal'],
  },
  {
    dimension: 3,
    position: 6,
    title: 'Modelli organizzativi a tendere degli uffici internazionali',
    plannedDays: 1,
    description:
      'Dimensione 3 – Capacità istituzionale, modelli organizzativi e processi relazionali interni ed ' +
      'esterni. 1 giornata in presenza.',
    expectedDeliverables: [],
  },
  {
    dimension: 3,
    position: 7,
    title: 'Analisi dell’assetto organizzativo e ipotesi di miglioramento',
    plannedDays: 1,
    description:
      'Dimensione 3 – Capacità istituzionale, modelli organizzativi e processi relazionali interni ed ' +
      'esterni. 1 giornata in presenza.',
    expectedDeliverables: ['organisational_analysis'],
  },
  {
    dimension: 3,
    position: 8,
    title: 'Azioni di miglioramento organizzativo',
    plannedDays: 1,
    description:
      'Dimensione 3 – Capacità istituzionale, modelli organizzativi e processi relazionali interni ed ' +
      'esterni. 1 giornata in presenza.',
    expectedDeliverables: ['improvement_actions'],
  },
];
