/** Quick polls of a live session: the tutor asks, participants vote, everyone sees the counts. */

export const POLL_STATUSES = ['open', 'closed'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];

export const POLL_LIMITS = {
  question: 300,
  optionLabel: 200,
  minOptions: 2,
  maxOptions: 10,
  /** Polls per session, at most. */
  perSession: 100,
  /** Votes (and re-votes) per member per minute. */
  votesPerMinute: 30,
} as const;

export interface PollOptionView {
  label: string;
  votes: number;
}

/** Counts only: who voted what is never sent to anyone. */
export interface PollView {
  id: string;
  sessionId: string;
  question: string;
  options: PollOptionView[];
  totalVotes: number;
  status: PollStatus;
  createdAt: string;
  closedAt: string | null;
}

/** `POST /api/v1/sessions/:id/polls` (tutor). */
export interface CreatePollInput {
  question: string;
  /** 2 to 10 labels. */
  options: string[];
}

/** `POST /api/v1/polls/:id/votes`: one vote per member; a new vote replaces it. */
export interface VoteInput {
  /** 0-based index of the option. */
  option: number;
}

/** `GET /api/v1/sessions/:id/polls`: the session's polls, newest first, and the asker's own votes. */
export interface PollListView {
  items: PollView[];
  /** The asker's option per poll id (absent when they did not vote). */
  myVotes: Record<string, number>;
}
