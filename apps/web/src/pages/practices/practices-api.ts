import type {
  CreatePracticeInput,
  Page,
  PracticeAction,
  PracticeThemeView,
  PracticeView,
  RequestPracticeChangesInput,
} from '@convergo/contracts';
import { api } from '../../api/client';
import { toApiError } from '../../api/problem';

export interface PracticeFilters {
  q: string;
  theme: string;
  region: string;
  kind: string;
}

/** The practices' server state: themes, the catalogue, one practice. */
export const practiceKeys = {
  themes: ['practice-themes'] as const,
  catalogue: ['practices-catalogue'] as const,
  catalogueFiltered: (filters: PracticeFilters) => ['practices-catalogue', filters] as const,
  practice: (id: string) => ['practice', id] as const,
};

/** The review moves as paths of the API. */
const ACTION_PATHS: Record<PracticeAction, string> = {
  publish: 'publish',
  request_changes: 'request-changes',
  resubmit: 'resubmit',
  archive: 'archive',
};

export async function fetchPracticeThemes(signal?: AbortSignal): Promise<PracticeThemeView[]> {
  return (await api<{ items: PracticeThemeView[] }>('/practice-themes', { signal })).items;
}

export function fetchPractices(
  filters: PracticeFilters,
  limit: number,
  cursor: string | null,
  signal?: AbortSignal,
) {
  const query = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''));
  return api<Page<PracticeView>>('/practices', { query: { ...query, limit, cursor }, signal });
}

export function fetchPractice(id: string, signal?: AbortSignal) {
  return api<PracticeView>(`/practices/${id}`, { signal });
}

/** Rejects with an ApiError (problem details), as the mutations expect. */
export async function movePractice(id: string, action: PracticeAction, note?: string): Promise<PracticeView> {
  try {
    const body: RequestPracticeChangesInput | Record<string, never> = note === undefined ? {} : { note };
    return await api<PracticeView>(`/practices/${id}/${ACTION_PATHS[action]}`, { method: 'POST', body });
  } catch (error) {
    throw toApiError(error);
  }
}

/** Rejects with an ApiError (problem details), as the mutations expect. */
export async function proposePractice(body: CreatePracticeInput): Promise<PracticeView> {
  try {
    return await api<PracticeView>('/practices', { method: 'POST', body });
  } catch (error) {
    throw toApiError(error);
  }
}
