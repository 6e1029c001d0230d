import { describe, expect, it } from '@jest/globals';
import { parseSnippet } from './snippet';

describe('parseSnippet', () => {
  it('splits marked matches from escaped text, which stays text', () => {
    expect(parseSnippet('il <mark>riuso</mark> di &lt;script&gt; &amp; altro')).toEqual([
      { text: 'il ', mark: false },
      { text: 'riuso', mark: true },
      { text: ' di <script> & altro', mark: false },
    ]);
  });

  it('does not decode twice', () => {
    expect(parseSnippet('&amp;lt;b&amp;gt;')).toEqual([{ text: '&lt;b&gt;', mark: false }]);
  });
});
