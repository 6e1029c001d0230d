import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

type Token = MarkdownIt.Token;
type TokenClass = new (type: string, tag: string, nesting: -1 | 0 | 1) => Token;

/** `member:<uuid>`, the link target of a mention (`[@Name](member:<uuid>)`). */
const MENTION_HREF = /^member:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
/** Where a rendered mention links: the member's profile in the web app. */
const PROFILE_HREF = /^\/membri\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The only link targets a post may have (mentions aside). */
const SAFE_HREF = /^(https?:\/\/|mailto:)/i;
/** ts_headline marks matches with these: they may never come from a post. */
const SNIPPET_MARKERS = /[\uE000\uE001]/g;
export const SNIPPET_START = '\uE000';
export const SNIPPET_STOP = '\uE001';

export const LINK_REL = 'nofollow noopener noreferrer ugc';

/** The strict allowlist applied to whatever markdown-it produced (defence in depth). */
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    's',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'hr',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'class', 'data-member-id', 'rel', 'target'],
    ol: ['start'],
    code: ['class'],
  },
  allowedClasses: { a: ['mention'], code: ['language-*'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      if (attribs.class === 'mention' && PROFILE_HREF.test(href)) {
        return {
          tagName,
          attribs: { href, class: 'mention', 'data-member-id': attribs['data-member-id'] ?? '' },
        };
      }
      // Not a mention and not http(s)/mailto: keep the text, drop the link.
      if (!SAFE_HREF.test(href)) return { tagName: 'span', attribs: {} };
      const safe: Record<string, string> = { href, rel: LINK_REL, target: '_blank' };
      if (attribs.title) safe.title = attribs.title;
      return { tagName, attribs: safe };
    },
  },
};

export interface ParsedPost {
  /** Distinct ids of the members the post mentions, in order of appearance. */
  mentionIds: string[];
  /** Call once the mentioned members' current names are known (unknown ids render as text). */
  render(names: ReadonlyMap<string, string>): RenderedPost;
}

export interface RenderedPost {
  /** Sanitised HTML. */
  html: string;
  /** Plain text (what search indexes and excerpts quote). */
  text: string;
  /** The mentions that resolved to a member. */
  mentionIds: string[];
}

const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Markdown to safe HTML: markdown-it with raw HTML off and images off (external images would
 * track readers), links only to http(s)/mailto, then sanitize-html with a strict allowlist.
 * Mentions are `[@Name](member:<uuid>)` links; they render with the member's current name.
 */
export class PostRenderer {
  private readonly md: MarkdownIt.MarkdownIt;

  constructor() {
    this.md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
    this.md.disable(['image']);
    this.md.validateLink = (url: string) => SAFE_HREF.test(url.trim()) || MENTION_HREF.test(url.trim());
    this.md.renderer.rules.mention = (tokens: Token[], idx: number) => {
      const { id, name } = tokens[idx].meta as { id: string; name: string };
      return `<a href="/membri/${id}" class="mention" data-member-id="${id}">@${escapeHtml(name)}</a>`;
    };
  }

  parse(markdown: string): ParsedPost {
    const env = {};
    const tokens = this.md.parse(markdown, env);
    const mentionIds: string[] = [];
    for (const token of inlineChildren(tokens)) {
      const match =
        token.type === 'link_open' ? MENTION_HREF.exec(String(token.attrGet('href') ?? '')) : null;
      if (match && !mentionIds.includes(match[1].toLowerCase())) mentionIds.push(match[1].toLowerCase());
    }
    return {
      mentionIds,
      render: (names) => {
        const resolved = resolveMentions(tokens, names);
        const html = sanitizeHtml(this.md.renderer.render(tokens, this.md.options, env), SANITIZE_OPTIONS);
        return { html, text: plainText(tokens), mentionIds: resolved };
      },
    };
  }
}

function* inlineChildren(tokens: Token[]): Generator<Token> {
  for (const token of tokens) {
    if (token.type === 'inline' && token.children) yield* token.children;
  }
}

/** Replaces each `member:` link by a mention token (known member) or by its plain label. */
function resolveMentions(tokens: Token[], names: ReadonlyMap<string, string>): string[] {
  const resolved: string[] = [];
  for (const block of tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const children = block.children;
    for (let i = 0; i < children.length; i += 1) {
      const open = children[i];
      const match = open.type === 'link_open' ? MENTION_HREF.exec(String(open.attrGet('href') ?? '')) : null;
      if (!match) continue;
      let close = i + 1;
      while (close < children.length && children[close].type !== 'link_close') close += 1;
      const label = children
        .slice(i + 1, close)
        .map((t) => t.content)
        .join('');
      const id = match[1].toLowerCase();
      const name = names.get(id);
      const replacement = new (open.constructor as TokenClass)(name ? 'mention' : 'text', '', 0);
      if (name) {
        replacement.meta = { id, name };
        if (!resolved.includes(id)) resolved.push(id);
      } else {
        replacement.content = label;
      }
      children.splice(i, close - i + 1, replacement);
    }
  }
  return resolved;
}

/** The text a reader sees, one line per block, for search and excerpts. */
function plainText(tokens: Token[]): string {
  const parts: string[] = [];
  for (const token of tokens) {
    if (token.type === 'inline' && token.children) {
      parts.push(
        token.children
          .map((t) => {
            if (t.type === 'mention') return `@${(t.meta as { name: string }).name}`;
            if (t.type === 'softbreak' || t.type === 'hardbreak') return '\n';
            return t.type === 'text' || t.type === 'code_inline' ? t.content : '';
          })
          .join(''),
      );
    } else if (token.type === 'fence' || token.type === 'code_block') {
      parts.push(token.content);
    }
  }
  return parts.join('\n').replace(SNIPPET_MARKERS, '').trim();
}

/** A short quote of a post's text, on one line. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** A ts_headline() result made safe: text escaped, only the match markers become `<mark>`. */
export function snippetHtml(headline: string): string {
  return escapeHtml(headline).replaceAll(SNIPPET_START, '<mark>').replaceAll(SNIPPET_STOP, '</mark>');
}

const chatRenderer = new PostRenderer();
/** Mentions are not resolved in a chat: a `[@Name](member:<id>)` link shows as its label. */
const NO_MENTIONS: ReadonlyMap<string, string> = new Map();

/**
 * A chat line (a live session's, a tutoring meeting room's) rendered and sanitised exactly like a
 * post, without resolving mentions. CPU work: call it before entering a transaction.
 */
export function renderChatLine(markdown: string): string {
  return chatRenderer.parse(markdown).render(NO_MENTIONS).html;
}
