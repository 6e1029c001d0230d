import type { AgendaItem } from '@convergo/contracts';

/** "Saluti | 15" per line → agenda items (minutes optional). */
export function parseAgenda(text: string): AgendaItem[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const bar = line.lastIndexOf('|');
      const minutes = bar >= 0 ? Number(line.slice(bar + 1).trim()) : Number.NaN;
      if (bar >= 0 && Number.isInteger(minutes)) return { title: line.slice(0, bar).trim(), minutes };
      return { title: line, minutes: null };
    });
}

export function agendaText(agenda: readonly AgendaItem[]): string {
  return agenda.map((item) => (item.minutes ? `${item.title} | ${item.minutes}` : item.title)).join('\n');
}
