import type {
  EmailFrequency,
  MutedThreadView,
  NotificationPage,
  NotificationPreferences,
  NotificationsRead,
} from '@convergo/contracts';
import { api } from '../api/client';
import { toApiError } from '../api/problem';
import { notificationsKey } from './notification-cache';

/** Query keys of the notifications: the bell's list, the e-mail preferences, the muted threads. */
export const notificationKeys = {
  list: notificationsKey,
  preferences: ['notification-preferences'] as const,
  mutedThreads: ['muted-threads'] as const,
};

export type MarkReadBody = { ids: string[] } | { all: true };

export function fetchNotifications(limit: number, cursor: string | null, signal?: AbortSignal) {
  return api<NotificationPage>('/notifications', { query: { limit, cursor }, signal });
}

export function markNotificationsRead(body: MarkReadBody) {
  return api<NotificationsRead>('/notifications/read', { method: 'POST', body });
}

export function fetchNotificationPreferences(signal?: AbortSignal) {
  return api<NotificationPreferences>('/me/notification-preferences', { signal });
}

export async function saveEmailFrequency(email: EmailFrequency): Promise<NotificationPreferences> {
  try {
    return await api<NotificationPreferences>('/me/notification-preferences', {
      method: 'PATCH',
      body: { email },
    });
  } catch (error) {
    throw toApiError(error);
  }
}

export function fetchMutedThreads(signal?: AbortSignal) {
  return api<{ items: MutedThreadView[] }>('/me/muted-threads', { signal });
}
