import type { OrganizationView, Page } from '@convergo/contracts';
import { api } from '../../api/client';

export interface OrganizationFilters {
  q: string;
  region: string;
  kind: string;
  convergence: boolean;
}

/** Query keys of the organizations (public): the directory and the picker of the account forms. */
export const organizationKeys = {
  directory: (filters: OrganizationFilters) => ['organizations', 'directory', filters] as const,
  picker: (q: string) => ['organizations', 'picker', q] as const,
};

export function fetchOrganizations(
  filters: OrganizationFilters,
  limit: number,
  cursor: string | null,
  signal?: AbortSignal,
) {
  return api<Page<OrganizationView>>('/organizations', {
    query: {
      q: filters.q,
      region: filters.region,
      kind: filters.kind,
      convergence: filters.convergence ? 'true' : undefined,
      limit,
      cursor,
    },
    signal,
  });
}

/** The picker's search: the first matches by name. */
export function searchOrganizations(q: string, limit: number, signal?: AbortSignal) {
  return api<Page<OrganizationView>>('/organizations', { query: { q, limit }, signal });
}
