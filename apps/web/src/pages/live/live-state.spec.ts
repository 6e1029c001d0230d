import { describe, expect, it } from '@jest/globals';
import type { LabSessionView, LiveRoomState, PollView } from '@convergo/contracts';
import { INITIAL_LIVE_ROOM, liveRoomReducer } from './live-state';
import { countdownText } from './live-time';
import { pollOptions } from './poll-options';

const session = { id: 's1', labId: 'l1', currentStep: null, status: 'live' } as LabSessionView;
const poll = (id: string, createdAt: string, votes = 0): PollView => ({
  id,
  sessionId: 's1',
  question: `Domanda ${id}`,
  options: [
    { label: 'Sì', votes },
    { label: 'No', votes: 0 },
  ],
  totalVotes: votes,
  status: 'open',
  createdAt,
  closedAt: null,
});
const joined: LiveRoomState = {
  session,
  currentStep: null,
  present: [],
  hands: [],
  polls: [poll('p1', '2026-12-04T09:00:00.000Z')],
  timerEndsAt: null,
  myVotes: {},
  myRole: 'participant',
};

describe('the live room’s state', () => {
  it('ignores events until the join acknowledgement, which then replaces everything', () => {
    const before = liveRoomReducer(INITIAL_LIVE_ROOM, { type: 'step', step: 2 });
    expect(before.room).toBeNull();
    const room = liveRoomReducer(before, { type: 'joined', state: joined });
    expect(room.room).toEqual(joined);
    expect(liveRoomReducer(room, { type: 'failed', problem: 'unavailable' }).room).toEqual(joined);
  });

  it('follows the agenda step on the session too, and the session’s own step when it changes', () => {
    let model = liveRoomReducer(INITIAL_LIVE_ROOM, { type: 'joined', state: joined });
    model = liveRoomReducer(model, { type: 'step', step: 1 });
    expect(model.room?.currentStep).toBe(1);
    expect(model.room?.session.currentStep).toBe(1);
    model = liveRoomReducer(model, { type: 'session', session: { ...session, currentStep: 2 } });
    expect(model.room?.currentStep).toBe(2);
  });

  it('keeps polls newest first, replacing a poll’s counts, and remembers the asker’s vote', () => {
    let model = liveRoomReducer(INITIAL_LIVE_ROOM, { type: 'joined', state: joined });
    model = liveRoomReducer(model, { type: 'poll', poll: poll('p2', '2026-12-04T09:05:00.000Z') });
    model = liveRoomReducer(model, { type: 'poll', poll: poll('p1', '2026-12-04T09:00:00.000Z', 3) });
    model = liveRoomReducer(model, { type: 'voted', pollId: 'p1', option: 0 });
    expect(model.room?.polls.map((p) => [p.id, p.totalVotes])).toEqual([
      ['p2', 0],
      ['p1', 3],
    ]);
    expect(model.room?.myVotes).toEqual({ p1: 0 });
  });
});

describe('the live room’s small helpers', () => {
  it('shows a countdown as m:ss or h:mm:ss, never below zero', () => {
    expect(countdownText(65)).toBe('1:05');
    expect(countdownText(0.2)).toBe('0:01');
    expect(countdownText(-3)).toBe('0:00');
    expect(countdownText(3 * 3600 + 4)).toBe('3:00:04');
  });

  it('reads poll options one per line, skipping blank lines', () => {
    expect(pollOptions(' Sì \n\n No\n  ')).toEqual(['Sì', 'No']);
  });
});
