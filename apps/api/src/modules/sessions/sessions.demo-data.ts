import {
  SESSION_TIME_ZONE,
  type AgendaItem,
  type SessionMode,
  type SessionStatus,
} from '@convergo/contracts';

export interface DemoSession {
  /** The module it belongs to, by its position in DEMO_AMBITO_A_MODULES. */
  modulePosition: number;
  title: string;
  mode: SessionMode;
  /** Days from the moment the demo is loaded, and wall-clock times in Europe/Rome. */
  dayOffset: number;
  start: [number, number];
  end: [number, number];
  place: string | null;
  onlineUrl: string | null;
  agenda: AgendaItem[];
  status: SessionStatus;
}

/** Formez (named in the slides) is where the in-presence days of the demo take place. */
const FORMEZ = 'Formez PA, Roma';
const ONLINE = 'https://meet.jit.si/convergo-laboratorio-ambito-a';

/**
 * Sessions of the Ambito A demo lab around the day the demo is loaded, so that calendars have
 * something past, a day in progress and something to come: in presence at Formez (the method's "attività in
 * presenza") and online (the "tutoraggio a distanza").
 */
export const DEMO_AMBITO_A_SESSIONS: readonly DemoSession[] = [
  {
    modulePosition: 1,
    title: 'Introduzione alla metodologia e individuazione delle Macroaree di Internazionalizzazione',
    mode: 'in_presence',
    dayOffset: -21,
    start: [10, 0],
    end: [17, 0],
    place: FORMEZ,
    onlineUrl: null,
    agenda: [
      { title: 'Presentazione del laboratorio e della metodologia di lavoro', minutes: 60 },
      { title: 'Le Macroaree di Internazionalizzazione: lavoro per gruppi', minutes: 180 },
      { title: 'Restituzione in plenaria', minutes: 60 },
    ],
    status: 'ended',
  },
  {
    modulePosition: 2,
    title: 'Tutoraggio a distanza: impostazione dei Quadri Logici',
    mode: 'online',
    dayOffset: -7,
    start: [15, 0],
    end: [16, 30],
    place: null,
    onlineUrl: ONLINE,
    agenda: [
      { title: 'Domande al tutor sui Quadri Logici', minutes: 45 },
      { title: 'Piano di lavoro dei gruppi', minutes: 45 },
    ],
    status: 'ended',
  },
  {
    // Today, wherever the demo is started: the lab's calendar always has a day in progress.
    modulePosition: 2,
    title: 'Giornata di laboratorio a distanza: revisione della prima stesura dei Quadri Logici',
    mode: 'online',
    dayOffset: 0,
    start: [9, 30],
    end: [17, 30],
    place: null,
    onlineUrl: ONLINE,
    agenda: [
      { title: 'Commenti del tutor sulla logica di intervento', minutes: 60 },
      { title: 'Indicatori e fonti di verifica: lavoro per gruppi', minutes: 120 },
      { title: 'Ipotesi e rischi di ciascuna amministrazione', minutes: 90 },
      { title: 'Prossimi passi verso la giornata in presenza', minutes: 30 },
    ],
    status: 'scheduled',
  },
  {
    modulePosition: 2,
    title: 'Creazione dei Quadri Logici relativi alle macroaree individuate',
    mode: 'in_presence',
    dayOffset: 7,
    start: [9, 30],
    end: [17, 0],
    place: FORMEZ,
    onlineUrl: null,
    agenda: [
      { title: 'Dall’analisi dei problemi all’albero degli obiettivi', minutes: 120 },
      { title: 'Quadri Logici per macroarea: lavoro per gruppi', minutes: 180 },
      { title: 'Discussione e prossimi passi', minutes: 60 },
    ],
    status: 'scheduled',
  },
  {
    modulePosition: 3,
    title: 'Tutoraggio a distanza: verso la proposta di piano strategico',
    mode: 'online',
    dayOffset: 14,
    start: [15, 0],
    end: [16, 30],
    place: null,
    onlineUrl: ONLINE,
    agenda: [
      { title: 'Revisione dei Quadri Logici', minutes: 60 },
      { title: 'Struttura del piano', minutes: 30 },
    ],
    status: 'scheduled',
  },
];

/** The instant that reads `hour:minute` in Europe/Rome on the day `dayOffset` days from `now`. */
export function romeWallClock(now: Date, dayOffset: number, [hour, minute]: [number, number]): Date {
  const day = new Date(now.getTime() + dayOffset * 86_400_000);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: SESSION_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(day);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), hour, minute);
  // Rome is UTC+1 or UTC+2: take the offset that maps back to the same wall-clock time.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(wall - offsetHours * 3_600_000);
    const back = new Intl.DateTimeFormat('en-GB', {
      timeZone: SESSION_TIME_ZONE,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(candidate);
    if (back === `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`) return candidate;
  }
  return new Date(wall - 3_600_000);
}
