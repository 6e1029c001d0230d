import type {
  AttendanceChangeView,
  AttendanceConfirmation,
  AttendanceRow,
  CheckInInput,
  MyAttendanceRow,
  MyAttendanceView,
  SessionAttendanceView,
  UpdateAttendanceInput,
} from '@convergo/contracts';
import { api } from '../../api/client';
import { downloadAuthenticated } from '../../api/download';
import { toApiError } from '../../api/problem';

/**
 * The attendance register's server state: a session's register (live on `attendance:<id>`),
 * its change log, and the member's own rows.
 */
export const attendanceKeys = {
  session: (sessionId: string) => ['attendance', sessionId] as const,
  log: (sessionId: string) => ['attendance', sessionId, 'log'] as const,
  mine: ['me', 'attendance'] as const,
};

/** Rejects with an ApiError (problem details), as the mutations expect. */
async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toApiError(error);
  }
}

export function fetchSessionAttendance(sessionId: string, signal?: AbortSignal) {
  return api<SessionAttendanceView>(`/sessions/${sessionId}/attendance`, { signal });
}

export function updateAttendance(sessionId: string, memberId: string, body: UpdateAttendanceInput) {
  return call(() =>
    api<AttendanceRow>(`/sessions/${sessionId}/attendance/${memberId}`, { method: 'PUT', body }),
  );
}

export function confirmAttendance(sessionId: string) {
  return call(() =>
    api<AttendanceConfirmation>(`/sessions/${sessionId}/attendance/confirm`, { method: 'POST' }),
  );
}

export async function fetchAttendanceLog(sessionId: string, signal?: AbortSignal) {
  return (await api<{ items: AttendanceChangeView[] }>(`/sessions/${sessionId}/attendance/log`, { signal }))
    .items;
}

export function checkIn(sessionId: string, body: CheckInInput) {
  return call(() => api<MyAttendanceRow>(`/sessions/${sessionId}/check-in`, { method: 'POST', body }));
}

export function checkOut(sessionId: string) {
  return call(() => api<MyAttendanceRow>(`/sessions/${sessionId}/check-out`, { method: 'POST' }));
}

export function fetchMyAttendance(signal?: AbortSignal) {
  return api<MyAttendanceView>('/me/attendance', { signal });
}

/** The lab's register as a file, named by the server after the lab (the endpoints want the bearer token). */
export function downloadLabRegister(labId: string, format: 'csv' | 'xlsx', fileName: string): Promise<void> {
  return downloadAuthenticated(`/labs/${labId}/attendance.${format}`, fileName, { serverName: true });
}
