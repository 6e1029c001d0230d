import type {
  LabSessionView,
  LiveErrorCode,
  LiveRoomState,
  PollView,
  PresentMember,
  RaisedHand,
} from '@convergo/contracts';

/** Why the room could not be entered: the server's codes, a refused sign-in, or no answer in time. */
export type LiveRoomProblem = LiveErrorCode | 'unauthorized' | 'unavailable';

export interface LiveRoomModel {
  /** The room as of the last acknowledgement, with every event and signal since folded in. */
  room: LiveRoomState | null;
  problem: LiveRoomProblem | null;
}

export type LiveRoomAction =
  | { type: 'joined'; state: LiveRoomState }
  | { type: 'failed'; problem: LiveRoomProblem }
  | { type: 'presence'; present: PresentMember[] }
  | { type: 'hands'; hands: RaisedHand[] }
  | { type: 'step'; step: number }
  | { type: 'timer'; endsAt: string | null }
  | { type: 'poll'; poll: PollView }
  | { type: 'voted'; pollId: string; option: number }
  | { type: 'session'; session: LabSessionView };

export const INITIAL_LIVE_ROOM: LiveRoomModel = { room: null, problem: null };

/** Polls newest first, as the acknowledgement lists them. */
export function upsertPoll(polls: readonly PollView[], poll: PollView): PollView[] {
  const rest = polls.filter((p) => p.id !== poll.id);
  return [...rest, poll].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * The room's state machine. Presence and hands come whole (the server orders the queue), so
 * they replace; the acknowledgement of a (re-)join replaces everything, as it is the newest view.
 */
export function liveRoomReducer(model: LiveRoomModel, action: LiveRoomAction): LiveRoomModel {
  if (action.type === 'joined') return { room: action.state, problem: null };
  if (action.type === 'failed') return { ...model, problem: action.problem };
  const room = model.room;
  if (!room) return model;
  switch (action.type) {
    case 'presence':
      return { ...model, room: { ...room, present: action.present } };
    case 'hands':
      return { ...model, room: { ...room, hands: action.hands } };
    case 'step':
      return {
        ...model,
        room: { ...room, currentStep: action.step, session: { ...room.session, currentStep: action.step } },
      };
    case 'timer':
      return { ...model, room: { ...room, timerEndsAt: action.endsAt } };
    case 'poll':
      return { ...model, room: { ...room, polls: upsertPoll(room.polls, action.poll) } };
    case 'voted':
      return { ...model, room: { ...room, myVotes: { ...room.myVotes, [action.pollId]: action.option } } };
    case 'session':
      return {
        ...model,
        room: { ...room, session: action.session, currentStep: action.session.currentStep },
      };
  }
}
