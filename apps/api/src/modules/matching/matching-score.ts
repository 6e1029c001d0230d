import type { MatchSignalsRecord } from './matching.repository';

/**
 * The weights of matching, in one place. Why these numbers:
 * - the declared needs are the evidence a suggestion rests on: a theme the administration chose
 *   weighs most (3 each); a word of its own description that the practice's text also uses weighs
 *   less (1 each, at most 3 counted), since one word says less than a chosen theme;
 * - administrations of the same kind and region that already adopted the practice are the best
 *   sign it transfers (2 each, at most 3 counted: "adottata da 3 comuni in Campania");
 * - the same kind as the offering administration means the same organisation model (1);
 * - the programme serves the Convergence regions first (2), but that alone never makes a
 *   suggestion: without a shared theme or word there is no suggestion at all.
 */
export const MATCHING_WEIGHTS = {
  sharedTheme: 3,
  sharedWord: 1,
  maxSharedWords: 3,
  similarAdopter: 2,
  maxSimilarAdopters: 3,
  sameKindAsOffering: 1,
  convergence: 2,
} as const;

/** How many suggestions an answer carries, best first. */
export const MAX_SUGGESTIONS = 20;

const KIND_SINGULAR: Record<string, string> = {
  regione: 'regione',
  provincia: 'provincia',
  citta_metropolitana: 'città metropolitana',
  comune: 'comune',
  amministrazione_centrale: 'amministrazione centrale',
  universita: 'università',
  ente_pubblico: 'ente pubblico',
  agenzia: 'agenzia',
};
const KIND_PLURAL: Record<string, string> = {
  regione: 'regioni',
  provincia: 'province',
  citta_metropolitana: 'città metropolitane',
  comune: 'comuni',
  amministrazione_centrale: 'amministrazioni centrali',
  universita: 'università',
  ente_pubblico: 'enti pubblici',
  agenzia: 'agenzie',
};

export interface Scored {
  score: number;
  reasons: string[];
}

/**
 * The score and the reasons of one pair; undefined when the pair shares no theme and no word (no
 * score without evidence). `themeLabel` gives a theme code's label.
 */
export function scorePair(
  pair: MatchSignalsRecord,
  themeLabel: (code: string) => string,
): Scored | undefined {
  if (pair.sharedThemes.length === 0 && pair.sharedWords.length === 0) return undefined;
  const w = MATCHING_WEIGHTS;
  let score = 0;
  const reasons: string[] = [];
  for (const code of pair.sharedThemes) {
    score += w.sharedTheme;
    reasons.push(`stesso tema: ${themeLabel(code)}`);
  }
  const adopters = Math.min(pair.similarAdopters, w.maxSimilarAdopters);
  if (adopters > 0 && pair.organizationRegion) {
    score += adopters * w.similarAdopter;
    const kind = (pair.similarAdopters === 1 ? KIND_SINGULAR : KIND_PLURAL)[pair.organizationKind];
    reasons.push(`adottata da ${pair.similarAdopters} ${kind} in ${pair.organizationRegion}`);
  }
  if (pair.offeringKind === pair.organizationKind) {
    score += w.sameKindAsOffering;
    reasons.push(`stesso tipo di amministrazione dell’offerente: ${KIND_SINGULAR[pair.offeringKind]}`);
  }
  if (pair.organizationConvergence) {
    score += w.convergence;
    reasons.push('regione Convergenza');
  }
  const words = pair.sharedWords.slice(0, w.maxSharedWords);
  if (words.length > 0) {
    score += words.length * w.sharedWord;
    reasons.push(`parole in comune: ${words.join(', ')}`);
  }
  return { score, reasons };
}

/** Best first; ties by name (Italian collation), then id, so the order never depends on the plan. */
export function rank<T extends Scored>(items: T[], name: (item: T) => string, id: (item: T) => string): T[] {
  return items
    .sort(
      (a, b) =>
        b.score - a.score ||
        name(a).localeCompare(name(b), 'it') ||
        (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0),
    )
    .slice(0, MAX_SUGGESTIONS);
}
