import { describe, expect, it } from '@jest/globals';
import { initials, luminance, memberColour } from './member-colour';

describe('memberColour', () => {
  it('is stable per member and readable under white text', () => {
    const ids = Array.from(
      { length: 400 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    for (const id of ids) {
      const colour = memberColour(id);
      expect(colour).toMatch(/^#[0-9a-f]{6}$/);
      expect(memberColour(id)).toBe(colour);
      const contrast = 1.05 / (luminance(colour) + 0.05);
      expect(contrast).toBeGreaterThanOrEqual(4.5);
    }
    expect(new Set(ids.map(memberColour)).size).toBeGreaterThan(50);
  });

  it('makes initials', () => {
    expect(initials('Anna Maria Rossi')).toBe('AR');
    expect(initials('paolo')).toBe('P');
    expect(initials('  ')).toBe('?');
  });
});
