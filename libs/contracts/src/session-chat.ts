/** The chat of a live session: Markdown messages, sanitised like posts, stored and caught up. */
import type { MemberRef } from './spaces';

export const SESSION_MESSAGE_LIMITS = {
  /** Characters of the Markdown body. */
  body: 2000,
  /** Messages per member per minute in one session. */
  perMinute: 20,
  /** `GET …/messages?limit=`: default and ceiling. */
  pageDefault: 50,
  pageMax: 200,
} as const;

export interface SessionMessageView {
  id: string;
  sessionId: string;
  author: MemberRef;
  body: string;
  /** The body rendered from Markdown and sanitised (what the page shows). */
  bodyHtml: string;
  createdAt: string;
}

/** `POST /api/v1/sessions/:id/messages`. */
export interface CreateSessionMessageInput {
  body: string;
}
