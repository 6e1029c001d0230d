import type { MemberRole } from '@convergo/contracts';

/** Printed at start-up; fine for a demo world, never for a real installation. */
export const DEMO_PASSWORD = 'Convergo-Demo-2026';

export interface DemoAccount {
  email: string;
  displayName: string;
  role: MemberRole;
  /** ISTAT code of a municipality, or the name of a national body below. */
  organization: { istatCode: string } | { name: string };
  isReferent?: boolean;
  jobTitle: string;
  interests: string[];
}

/** National bodies of the programmes (sources: AGIRE POR, Formez labs); not in the ISTAT lists. */
export const DEMO_NATIONAL_BODIES = [
  {
    name: 'Agenzia per la Coesione Territoriale',
    kind: 'agenzia',
    region: 'Lazio',
    website: 'https://www.agenziacoesione.gov.it',
  },
  { name: 'Formez PA', kind: 'ente_pubblico', region: 'Lazio', website: 'https://www.formez.it' },
  {
    name: 'Dipartimento della Funzione Pubblica',
    kind: 'amministrazione_centrale',
    region: 'Lazio',
    website: 'https://www.funzionepubblica.gov.it',
  },
] as const;

/** One account per role, officials in administrations of the four Convergence regions. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'admin@convergo.demo',
    displayName: 'Paola Amministratrice',
    role: 'admin',
    organization: { name: 'Agenzia per la Coesione Territoriale' },
    jobTitle: 'Staff di programma',
    interests: ['indicatori', 'gemellaggi'],
  },
  {
    email: 'tutor@convergo.demo',
    displayName: 'Marco Tutor',
    role: 'tutor',
    organization: { name: 'Formez PA' },
    jobTitle: 'Esperto di cooperazione internazionale',
    interests: ['cooperazione internazionale', 'progettazione europea'],
  },
  {
    email: 'moderatore@convergo.demo',
    displayName: 'Giulia Moderatrice',
    role: 'moderator',
    organization: { name: 'Formez PA' },
    jobTitle: 'Community manager',
    interests: ['comunità di pratica'],
  },
  {
    email: 'referente.napoli@convergo.demo',
    displayName: 'Antonio Esposito',
    role: 'member',
    organization: { istatCode: '063049' },
    isReferent: true,
    jobTitle: 'Dirigente, Servizio Relazioni internazionali',
    interests: ['internazionalizzazione', 'fondi europei'],
  },
  {
    email: 'funzionaria.bari@convergo.demo',
    displayName: 'Francesca De Santis',
    role: 'member',
    organization: { istatCode: '072006' },
    jobTitle: 'Funzionaria, Ufficio Europa',
    interests: ['mobilità sostenibile', 'sviluppo urbano'],
  },
  {
    email: 'funzionario.palermo@convergo.demo',
    displayName: 'Salvatore La Rosa',
    role: 'member',
    organization: { istatCode: '082053' },
    jobTitle: 'Funzionario, Area Sviluppo economico',
    interests: ['servizi alle imprese', 'semplificazione'],
  },
  {
    email: 'funzionaria.reggio@convergo.demo',
    displayName: 'Caterina Morabito',
    role: 'member',
    organization: { istatCode: '080063' },
    jobTitle: 'Funzionaria, Settore Programmazione',
    interests: ['beni culturali', 'turismo'],
  },
];
