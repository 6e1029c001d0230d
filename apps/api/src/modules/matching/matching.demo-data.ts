/** Demo needs (fabbisogni), so suggestions show something on first start: by ISTAT code. */
export interface DemoNeeds {
  istatCode: string;
  themes: string[];
  description: string;
}

export const DEMO_NEEDS: readonly DemoNeeds[] = [
  {
    // Comune di Napoli: the demo referent's administration.
    istatCode: '063049',
    themes: ['servizi-cittadini', 'innovazione-processi-dematerializzazione'],
    description:
      'Portare online i certificati anagrafici e il protocollo informatico, riducendo le code agli sportelli.',
  },
  {
    // Comune di Bari.
    istatCode: '072006',
    themes: ['patrimonio-informativo-pubblico', 'interoperabilita-cooperazione-applicativa'],
    description: 'Pubblicare un catalogo di dati aperti e far dialogare le anagrafi con i servizi sanitari.',
  },
  {
    // Comune di Palermo.
    istatCode: '082053',
    themes: ['servizi-imprese'],
    description: 'Uno sportello unico telematico per le attività produttive.',
  },
];
