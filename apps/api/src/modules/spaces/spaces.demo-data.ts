import type { SpaceVisibility } from '@convergo/contracts';

export interface DemoSpace {
  name: string;
  description: string;
  visibility: SpaceVisibility;
}

/**
 * The demo spaces, named as the source documents name the themes: the three thematic areas of
 * Metropoli Strategiche, the Formez labs on international cooperation and the six themes of
 * the POAT SI "Buone Pratiche e Gemellaggi" database.
 */
export const DEMO_SPACES: readonly DemoSpace[] = [
  {
    name: "Piani di riassetto istituzionale e organizzativo dell'area metropolitana",
    description:
      'Metropoli Strategiche: la riorganizzazione delle Città Metropolitane, il change management e ' +
      'i nuovi assetti istituzionali e organizzativi dei Comuni dell’area metropolitana.',
    visibility: 'public',
  },
  {
    name: 'Piani strategici metropolitani',
    description:
      'Metropoli Strategiche: costruire e attuare il piano strategico metropolitano, in sinergia ' +
      'con il PON Governance e il PON Metro.',
    visibility: 'public',
  },
  {
    name: 'Semplificazione amministrativa in materia edilizia e urbanistica',
    description:
      'Metropoli Strategiche: semplificazione, razionalizzazione e innovazione dei servizi ' +
      'edilizi e urbanistici per gli Enti Locali delle Città Metropolitane.',
    visibility: 'public',
  },
  {
    name: 'Cooperazione internazionale',
    description:
      'La comunità professionale dei laboratori Formez sulle strategie, le competenze e gli assetti ' +
      'organizzativi per la cooperazione internazionale verso i Balcani occidentali e i Paesi della ' +
      'sponda sud del Mediterraneo.',
    visibility: 'public',
  },
  {
    name: 'Servizi ai cittadini',
    description: 'POAT SI – Buone Pratiche e Gemellaggi: esperienze di servizi ai cittadini.',
    visibility: 'public',
  },
  {
    name: 'Servizi alle imprese',
    description: 'POAT SI – Buone Pratiche e Gemellaggi: esperienze di servizi alle imprese.',
    visibility: 'public',
  },
  {
    name: 'Innovazione dei processi nella PA e dematerializzazione',
    description:
      'POAT SI – Buone Pratiche e Gemellaggi: innovazione dei processi nella PA e dematerializzazione.',
    visibility: 'public',
  },
  {
    name: 'Sistema pubblico di connettività',
    description: 'POAT SI – Buone Pratiche e Gemellaggi: sistema pubblico di connettività.',
    visibility: 'public',
  },
  {
    name: 'Patrimonio informativo pubblico',
    description: 'POAT SI – Buone Pratiche e Gemellaggi: patrimonio informativo pubblico e riuso dei dati.',
    visibility: 'public',
  },
  {
    name: 'Interoperabilità e cooperazione applicativa',
    description: 'POAT SI – Buone Pratiche e Gemellaggi: interoperabilità e cooperazione applicativa.',
    visibility: 'public',
  },
];
