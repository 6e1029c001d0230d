/** Where an `@name` being typed sits in the text, and the name typed so far. */
export interface MentionQuery {
  /** Index of the `@`. */
  start: number;
  /** Index just after the typed name (the caret). */
  end: number;
  query: string;
}

const MENTION_NAME_MAX = 80;
// `@` at the start or after a space/bracket, then up to three words of letters (names such as
// "D'Amico", "Anna-Maria", "De Luca"); the first character after `@` must be a letter.
const TYPED_MENTION = /(?:^|[\s(])@(\p{L}[\p{L}\p{M}'’.-]*(?: \p{L}[\p{L}\p{M}'’.-]*){0,2})$/u;

/** The `@name` ending at the caret, if the member is typing one. */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const match = TYPED_MENTION.exec(before);
  if (!match) return null;
  const query = match[1];
  if (query.length > MENTION_NAME_MAX) return null;
  return { start: caret - query.length - 1, end: caret, query };
}

/** The Markdown the server turns into a mention: `[@Display Name](member:<uuid>)`. */
export function mentionMarkdown(member: { id: string; displayName: string }): string {
  const name =
    member.displayName
      .replace(/[\]\n\r]/g, ' ')
      .trim()
      .slice(0, MENTION_NAME_MAX) || '?';
  return `[@${name}](member:${member.id})`;
}

/** Replaces the typed `@name` with the mention and a space; answers the text and the new caret. */
export function insertMention(
  text: string,
  at: MentionQuery,
  member: { id: string; displayName: string },
): { text: string; caret: number } {
  const inserted = `${mentionMarkdown(member)} `;
  const rest = text.slice(at.end).replace(/^ /, '');
  return { text: text.slice(0, at.start) + inserted + rest, caret: at.start + inserted.length };
}
