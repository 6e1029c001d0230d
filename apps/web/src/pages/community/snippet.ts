const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  '#x27': "'",
  apos: "'",
};

function unescapeText(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#39|#x27);/g, (_m, name: string) => ENTITIES[name] ?? '');
}

export interface SnippetPart {
  text: string;
  mark: boolean;
}

/**
 * The API's search snippet is escaped text with the matches wrapped in `<mark>`. It is split
 * into plain parts (rendered as React text, so never as HTML) and marked ones; any other tag
 * stays visible text.
 */
export function parseSnippet(snippet: string): SnippetPart[] {
  return snippet
    .split(/(<mark>[\s\S]*?<\/mark>)/)
    .filter((part) => part !== '')
    .map((part) => {
      const match = /^<mark>([\s\S]*?)<\/mark>$/.exec(part);
      return match
        ? { text: unescapeText(match[1]), mark: true }
        : { text: unescapeText(part.replace(/<\/?mark>/g, '')), mark: false };
    });
}
