import type {
  ChangeTwinningStatusInput,
  CreateTwinningActivityInput,
  CreateTwinningRequestInput,
  Page,
  PracticeAdopterView,
  TwinningActivityView,
  TwinningStatus,
  TwinningView,
  UpdateTwinningInput,
} from '@convergo/contracts';
import { api } from '../../api/client';
import { toApiError } from '../../api/problem';

export interface TwinningFilters {
  status: TwinningStatus | '';
  /** Only my administration's (members); admins see all. */
  mine: boolean;
}

/** The twinnings' server state: lists, one twinning, a practice's twinnings and adopters. */
export const twinningKeys = {
  lists: ['twinnings'] as const,
  list: (filters: TwinningFilters) => ['twinnings', filters] as const,
  twinning: (id: string) => ['twinning', id] as const,
  ofPractice: (practiceId: string) => ['practice-twinnings', practiceId] as const,
  adopters: (practiceId: string) => ['practice-adopters', practiceId] as const,
};

/** Rejects with an ApiError (problem details), as the mutations expect. */
async function mutate<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toApiError(error);
  }
}

export function fetchTwinnings(
  filters: TwinningFilters,
  limit: number,
  cursor: string | null,
  signal?: AbortSignal,
) {
  return api<Page<TwinningView>>('/twinnings', {
    query: { status: filters.status, mine: filters.mine ? 'true' : undefined, limit, cursor },
    signal,
  });
}

export function fetchTwinning(id: string, signal?: AbortSignal) {
  return api<TwinningView>(`/twinnings/${id}`, { signal });
}

export function fetchPracticeTwinnings(practiceId: string, signal?: AbortSignal) {
  return api<TwinningView[]>(`/practices/${practiceId}/twinnings`, { signal });
}

export function fetchPracticeAdopters(practiceId: string, signal?: AbortSignal) {
  return api<PracticeAdopterView[]>(`/practices/${practiceId}/adopters`, { signal });
}

export function requestTwinning(practiceId: string, body: CreateTwinningRequestInput) {
  return mutate(() =>
    api<TwinningView>(`/practices/${practiceId}/twinning-requests`, { method: 'POST', body }),
  );
}

export function updateTwinning(id: string, body: UpdateTwinningInput) {
  return mutate(() => api<TwinningView>(`/twinnings/${id}`, { method: 'PATCH', body }));
}

export function changeTwinningStatus(id: string, body: ChangeTwinningStatusInput) {
  return mutate(() => api<TwinningView>(`/twinnings/${id}/status`, { method: 'POST', body }));
}

export function addTwinningActivity(id: string, body: CreateTwinningActivityInput) {
  return mutate(() => api<TwinningActivityView>(`/twinnings/${id}/activities`, { method: 'POST', body }));
}

export function setTwinningActivityDone(activityId: string, done: boolean) {
  return mutate(() =>
    api<TwinningActivityView>(`/twinning-activities/${activityId}`, { method: 'PATCH', body: { done } }),
  );
}
