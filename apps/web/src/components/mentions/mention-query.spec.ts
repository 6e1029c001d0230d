import { describe, expect, it } from '@jest/globals';
import { MENTION_PATTERN_SOURCE } from '@convergo/contracts';
import { insertMention, mentionAt, mentionMarkdown } from './mention-query';

const ID = '0b6f1c1e-8f55-4f55-9a43-3c8f6f0a2b11';

describe('mentionAt', () => {
  it('finds the name typed after @ at the caret', () => {
    expect(mentionAt('Ciao @Mar', 9)).toEqual({ start: 5, end: 9, query: 'Mar' });
    expect(mentionAt('@anna', 5)).toEqual({ start: 0, end: 5, query: 'anna' });
    expect(mentionAt("grazie (@D'Ami", 14)).toEqual({ start: 8, end: 14, query: "D'Ami" });
    expect(mentionAt('x @De Lu', 8)).toEqual({ start: 2, end: 8, query: 'De Lu' });
  });

  it('ignores e-mail addresses, a bare @, digits and text after the caret', () => {
    expect(mentionAt('scrivi a mario@ente.it', 22)).toBeNull();
    expect(mentionAt('Ciao @', 6)).toBeNull();
    expect(mentionAt('Ciao @1', 7)).toBeNull();
    expect(mentionAt('Ciao @Mar, e poi', 16)).toBeNull();
    expect(mentionAt('Ciao @Mar\ne poi', 15)).toBeNull();
    expect(mentionAt('Ciao @Mar e poi ancora altro', 28)).toBeNull();
    expect(mentionAt('Ciao @Mar e poi', 9)).toEqual({ start: 5, end: 9, query: 'Mar' });
  });
});

describe('insertMention', () => {
  it('writes the Markdown the server recognises', () => {
    const markdown = mentionMarkdown({ id: ID, displayName: 'Maria Rossi' });
    expect(markdown).toBe(`[@Maria Rossi](member:${ID})`);
    expect(new RegExp(MENTION_PATTERN_SOURCE).exec(markdown)?.[1]).toBe(ID);
  });

  it('keeps the pattern valid for names with brackets or line breaks', () => {
    const markdown = mentionMarkdown({ id: ID, displayName: 'Ente [Bari]\nUfficio' });
    expect(new RegExp(`^${MENTION_PATTERN_SOURCE}$`).test(markdown)).toBe(true);
  });

  it('replaces the typed name and puts the caret after the mention', () => {
    const text = 'Ciao @Mar, come va?';
    const at = mentionAt(text, 9)!;
    const result = insertMention(text, at, { id: ID, displayName: 'Maria Rossi' });
    expect(result.text).toBe(`Ciao [@Maria Rossi](member:${ID}) , come va?`);
    expect(result.text.slice(0, result.caret)).toBe(`Ciao [@Maria Rossi](member:${ID}) `);
  });
});
