import { describe, expect, it } from '@jest/globals';
import { isSafeLink } from './safe-link';

describe('isSafeLink', () => {
  it('accepts http, https and mailto only', () => {
    expect(isSafeLink('https://www.italia.it')).toBe(true);
    expect(isSafeLink('http://example.org/a?b=c')).toBe(true);
    expect(isSafeLink('mailto:ufficio@comune.bari.it')).toBe(true);
    expect(isSafeLink('javascript:alert(1)')).toBe(false);
    expect(isSafeLink(' JavaScript:alert(1)')).toBe(false);
    expect(isSafeLink('data:text/html,<b>x</b>')).toBe(false);
    expect(isSafeLink('/relative')).toBe(false);
    expect(isSafeLink('')).toBe(false);
  });
});
