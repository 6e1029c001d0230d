import type {
  OrganizationNeedsView,
  SuggestedOrganization,
  SuggestedPractice,
  UpdateOrganizationNeedsRequest,
} from '@convergo/contracts';
import { api } from '../../api/client';
import { toApiError } from '../../api/problem';

/** Matching's server state: an administration's needs and the suggestions both ways. */
export const matchingKeys = {
  needs: (organizationId: string) => ['organization-needs', organizationId] as const,
  suggestedPractices: (organizationId: string) => ['suggested-practices', organizationId] as const,
  suggestedOrganizations: (practiceId: string) => ['suggested-organizations', practiceId] as const,
};

export function fetchNeeds(organizationId: string, signal?: AbortSignal) {
  return api<OrganizationNeedsView>(`/organizations/${organizationId}/needs`, { signal });
}

/** Rejects with an ApiError (problem details), as the mutations expect. */
export async function saveNeeds(
  organizationId: string,
  body: UpdateOrganizationNeedsRequest,
): Promise<OrganizationNeedsView> {
  try {
    return await api<OrganizationNeedsView>(`/organizations/${organizationId}/needs`, {
      method: 'PUT',
      body,
    });
  } catch (error) {
    throw toApiError(error);
  }
}

export async function fetchSuggestedPractices(organizationId: string, signal?: AbortSignal) {
  return (
    await api<{ items: SuggestedPractice[] }>(`/organizations/${organizationId}/suggested-practices`, {
      signal,
    })
  ).items;
}

export async function fetchSuggestedOrganizations(practiceId: string, signal?: AbortSignal) {
  return (
    await api<{ items: SuggestedOrganization[] }>(`/practices/${practiceId}/suggested-organizations`, {
      signal,
    })
  ).items;
}
