import type {
  CalendarFeedView,
  CreateDeliverableInput,
  CreateLabApplicationInput,
  CreateSessionInput,
  DecideLabApplicationInput,
  DeliverableView,
  LabAmbito,
  LabApplicationView,
  LabGroupView,
  LabModuleWithSessions,
  LabParticipantView,
  LabSessionView,
  LabStatus,
  LabView,
  MemberDirectoryEntry,
  Page,
  ReviewDeliverableInput,
  UpdateSessionInput,
} from '@convergo/contracts';
import { api } from '../../api/client';
import { downloadAuthenticated } from '../../api/download';
import { toApiError } from '../../api/problem';

export interface LabFilters {
  ambito: LabAmbito | '';
  status: LabStatus | '';
  region: string;
}

/**
 * The labs' server state: catalogue, one lab and its modules, sessions, people, groups,
 * applications and products; the signed-in member's calendar. The live updates of
 * useLabLiveUpdates fold the `lab:<id>` and `session:<id>` events into these same caches.
 */
export const labKeys = {
  /** Prefix of every catalogue list, whatever its filters. */
  catalogue: ['labs-catalogue'] as const,
  catalogueFiltered: (filters: LabFilters) => ['labs-catalogue', filters] as const,
  /** The labs the member takes part in or tutors (for the calendar's live rooms). */
  mine: ['labs-mine'] as const,
  lab: (labId: string) => ['lab', labId] as const,
  modules: (labId: string) => ['lab', labId, 'modules'] as const,
  sessions: (labId: string) => ['lab', labId, 'sessions'] as const,
  participants: (labId: string) => ['lab', labId, 'participants'] as const,
  groups: (labId: string) => ['lab', labId, 'groups'] as const,
  applications: (labId: string) => ['lab', labId, 'applications'] as const,
  deliverables: (labId: string) => ['lab', labId, 'deliverables'] as const,
  session: (sessionId: string) => ['lab-session', sessionId] as const,
  deliverable: (deliverableId: string) => ['deliverable', deliverableId] as const,
  mySessions: ['me', 'sessions'] as const,
  officials: (organizationId: string) => ['lab-officials', organizationId] as const,
};

/** Rejects with an ApiError (problem details), as the mutations expect. */
async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toApiError(error);
  }
}

export function fetchLabCatalogue(
  filters: LabFilters,
  limit: number,
  cursor: string | null,
  signal?: AbortSignal,
) {
  return api<Page<LabView>>('/labs', { query: { ...filters, limit, cursor }, signal });
}

/** The labs where the member has a role (first 100 of the catalogue; the calendar's rooms). */
export async function fetchMyLabs(signal?: AbortSignal): Promise<LabView[]> {
  const page = await api<Page<LabView>>('/labs', { query: { limit: 100 }, signal });
  return page.items.filter((lab) => lab.myRole !== null);
}

export function fetchLab(labId: string, signal?: AbortSignal) {
  return api<LabView>(`/labs/${labId}`, { signal });
}

export function setLabStatus(labId: string, status: LabStatus): Promise<LabView> {
  return call(() => api<LabView>(`/labs/${labId}/status`, { method: 'POST', body: { status } }));
}

export async function fetchLabModules(labId: string, signal?: AbortSignal) {
  return (await api<{ items: LabModuleWithSessions[] }>(`/labs/${labId}/modules`, { signal })).items;
}

export async function fetchLabSessions(labId: string, signal?: AbortSignal) {
  return (await api<{ items: LabSessionView[] }>(`/labs/${labId}/sessions`, { signal })).items;
}

export async function fetchMySessions(signal?: AbortSignal) {
  return (await api<{ items: LabSessionView[] }>('/me/sessions', { signal })).items;
}

/** Participants and tutors (first 100, by name). */
export async function fetchLabParticipants(labId: string, signal?: AbortSignal) {
  return (
    await api<Page<LabParticipantView>>(`/labs/${labId}/participants`, { query: { limit: 100 }, signal })
  ).items;
}

export async function fetchLabGroups(labId: string, signal?: AbortSignal) {
  return (await api<Page<LabGroupView>>(`/labs/${labId}/groups`, { query: { limit: 100 }, signal })).items;
}

export async function fetchLabApplications(labId: string, signal?: AbortSignal) {
  return (await api<{ items: LabApplicationView[] }>(`/labs/${labId}/applications`, { signal })).items;
}

export function applyToLab(labId: string, body: CreateLabApplicationInput): Promise<LabApplicationView> {
  return call(() => api<LabApplicationView>(`/labs/${labId}/applications`, { method: 'POST', body }));
}

export function decideApplication(id: string, body: DecideLabApplicationInput): Promise<LabApplicationView> {
  return call(() => api<LabApplicationView>(`/lab-applications/${id}/decision`, { method: 'POST', body }));
}

/** The active officials of an administration (first 100), for a referent's application. */
export async function fetchOfficials(organizationId: string, signal?: AbortSignal) {
  return (
    await api<Page<MemberDirectoryEntry>>('/members', { query: { organizationId, limit: 100 }, signal })
  ).items;
}

export async function fetchLabDeliverables(labId: string, signal?: AbortSignal) {
  return (await api<{ items: DeliverableView[] }>(`/labs/${labId}/deliverables`, { signal })).items;
}

export function createDeliverable(labId: string, body: CreateDeliverableInput): Promise<DeliverableView> {
  return call(() => api<DeliverableView>(`/labs/${labId}/deliverables`, { method: 'POST', body }));
}

export function fetchDeliverable(id: string, signal?: AbortSignal) {
  return api<DeliverableView>(`/deliverables/${id}`, { signal });
}

export function submitDeliverable(id: string): Promise<DeliverableView> {
  return call(() => api<DeliverableView>(`/deliverables/${id}/submit`, { method: 'POST' }));
}

export function reviewDeliverable(id: string, body: ReviewDeliverableInput): Promise<DeliverableView> {
  return call(() => api<DeliverableView>(`/deliverables/${id}/review`, { method: 'POST', body }));
}

export function fetchSession(id: string, signal?: AbortSignal) {
  return api<LabSessionView>(`/sessions/${id}`, { signal });
}

export function createSession(labId: string, body: CreateSessionInput): Promise<LabSessionView> {
  return call(() => api<LabSessionView>(`/labs/${labId}/sessions`, { method: 'POST', body }));
}

export function updateSession(id: string, body: UpdateSessionInput): Promise<LabSessionView> {
  return call(() => api<LabSessionView>(`/sessions/${id}`, { method: 'PATCH', body }));
}

export function rotateCalendarFeed(): Promise<CalendarFeedView> {
  return call(() => api<CalendarFeedView>('/me/calendar-feed', { method: 'POST' }));
}

export function revokeCalendarFeed(): Promise<void> {
  return call(() => api<void>('/me/calendar-feed', { method: 'DELETE' }));
}

/**
 * The lab's sessions as an .ics file. The endpoint wants the bearer token, so a plain link
 * cannot open it: the file is fetched and handed to the browser as a download.
 */
export function downloadLabCalendar(labId: string, fileName: string): Promise<void> {
  return downloadAuthenticated(`/labs/${labId}/sessions.ics`, fileName);
}
