import { describe, expect, it } from '@jest/globals';
import documentsEn from './documents.en.json';
import documentsIt from './documents.it.json';
import en from './en.json';
import homeEn from './home.en.json';
import homeIt from './home.it.json';
import labsEn from './labs.en.json';
import labsIt from './labs.it.json';
import liveEn from './live.en.json';
import liveIt from './live.it.json';
import italian from './it.json';
import moderationEn from './moderation.en.json';
import moderationIt from './moderation.it.json';
import practicesEn from './practices.en.json';
import practicesIt from './practices.it.json';
import tutoringEn from './tutoring.en.json';
import tutoringIt from './tutoring.it.json';
import twinningsEn from './twinnings.en.json';
import twinningsIt from './twinnings.it.json';

/** Every key path of a bundle, e.g. `login.submit`, so a missing English string is caught here. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keyPaths(inner, prefix ? `${prefix}.${key}` : key));
}

describe('translation bundles', () => {
  it.each([
    ['base', italian, en],
    ['documents', documentsIt, documentsEn],
    ['moderation', moderationIt, moderationEn],
    ['labs', labsIt, labsEn],
    ['live', liveIt, liveEn],
    ['tutoring', tutoringIt, tutoringEn],
    ['twinnings', twinningsIt, twinningsEn],
    ['practices', practicesIt, practicesEn],
    ['home', homeIt, homeEn],
  ])('%s: English has exactly the Italian keys', (_name, itBundle, enBundle) => {
    expect(keyPaths(enBundle).sort()).toEqual(keyPaths(itBundle).sort());
  });
});
