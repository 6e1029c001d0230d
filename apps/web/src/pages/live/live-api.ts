import type {
  AgendaStepInput,
  CheckInCodeView,
  CreatePollInput,
  CreateSessionMessageInput,
  LabSessionView,
  Page,
  PollView,
  SessionMessageView,
  TimerEvent,
  TimerInput,
  VoteInput,
} from '@convergo/contracts';
import { SESSION_MESSAGE_LIMITS } from '@convergo/contracts';
import { api } from '../../api/client';
import { toApiError } from '../../api/problem';
import { byCreatedAt } from './chat-lines';

/**
 * The live room's REST side: the chat history, the tutor's commands (agenda step, timer, polls,
 * check-in code). The room's state itself comes from the `session:join` acknowledgement and the
 * `session:<id>` events (useLiveRoom), not from these caches.
 */
export const liveKeys = {
  messages: (sessionId: string) => ['live', sessionId, 'messages'] as const,
};

/** Rejects with an ApiError (problem details), as the mutations expect. */
async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toApiError(error);
  }
}

/** The latest messages of the chat, oldest first (the page appends live ones below). */
export async function fetchSessionMessages(sessionId: string, signal?: AbortSignal) {
  const page = await api<Page<SessionMessageView>>(`/sessions/${sessionId}/messages`, {
    query: { limit: SESSION_MESSAGE_LIMITS.pageDefault },
    signal,
  });
  return [...page.items].sort(byCreatedAt);
}

export function postSessionMessage(sessionId: string, body: CreateSessionMessageInput) {
  return call(() => api<SessionMessageView>(`/sessions/${sessionId}/messages`, { method: 'POST', body }));
}

export function pushAgendaStep(sessionId: string, body: AgendaStepInput) {
  return call(() => api<LabSessionView>(`/sessions/${sessionId}/agenda-step`, { method: 'POST', body }));
}

export function setTimer(sessionId: string, body: TimerInput) {
  return call(() => api<TimerEvent>(`/sessions/${sessionId}/timer`, { method: 'POST', body }));
}

export function createPoll(sessionId: string, body: CreatePollInput) {
  return call(() => api<PollView>(`/sessions/${sessionId}/polls`, { method: 'POST', body }));
}

export function votePoll(pollId: string, body: VoteInput) {
  return call(() => api<PollView>(`/polls/${pollId}/votes`, { method: 'POST', body }));
}

export function closePoll(pollId: string) {
  return call(() => api<PollView>(`/polls/${pollId}/close`, { method: 'POST' }));
}

export function newCheckInCode(sessionId: string) {
  return call(() => api<CheckInCodeView>(`/sessions/${sessionId}/check-in-code`, { method: 'POST' }));
}
