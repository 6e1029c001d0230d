import type { PollView } from '@convergo/contracts';
import type { PollRecord } from './polls.repository';

/** The poll with its counts: never who voted what, since every reader of the room receives it. */
export function toPollView(row: PollRecord, counts: ReadonlyMap<number, number> = new Map()): PollView {
  const options = row.options.map((label, index) => ({ label, votes: counts.get(index) ?? 0 }));
  return {
    id: row.id,
    sessionId: row.sessionId,
    question: row.question,
    options,
    totalVotes: options.reduce((sum, option) => sum + option.votes, 0),
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    closedAt: row.closedAt ? row.closedAt.toISOString() : null,
  };
}
