import type { DeskView } from '@convergo/contracts';
import { api } from '../../api/client';

export const deskKeys = {
  all: ['desk'] as const,
};

export function fetchDesk(signal?: AbortSignal): Promise<DeskView> {
  return api<DeskView>('/me/desk', { signal });
}
