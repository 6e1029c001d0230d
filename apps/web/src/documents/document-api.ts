import { useQuery } from '@tanstack/react-query';
import type {
  DocumentAttachmentView,
  DocumentCommentView,
  DocumentLibraryQuery,
  DocumentVersionView,
  DocumentView,
  LabView,
  MemberDirectoryEntry,
  Page,
  TwinningView,
} from '@convergo/contracts';
import { api } from '../api/client';

/** Query keys of the documents feature, in one place so live events update the right caches. */
export const documentKeys = {
  all: ['documents'] as const,
  library: (filters: DocumentLibraryQuery) => ['documents', 'library', filters] as const,
  one: (id: string) => ['documents', 'one', id] as const,
  comments: (id: string) => ['documents', 'comments', id] as const,
  versions: (id: string) => ['documents', 'versions', id] as const,
  attachments: (id: string) => ['documents', 'attachments', id] as const,
};

export const docPath = (id: string) => `/documents/${encodeURIComponent(id)}`;

export function useDocument(id: string) {
  return useQuery({
    queryKey: documentKeys.one(id),
    queryFn: ({ signal }) => api<DocumentView>(docPath(id), { signal }),
    retry: false,
  });
}

/** Comments and replies are few per document: loaded whole, oldest first, up to 20 pages. */
export async function fetchAllComments(id: string, signal?: AbortSignal): Promise<DocumentCommentView[]> {
  const items: DocumentCommentView[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const result: Page<DocumentCommentView> = await api<Page<DocumentCommentView>>(
      `${docPath(id)}/comments`,
      { query: { limit: 100, cursor }, signal },
    );
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return items;
}

export function fetchVersions(id: string, cursor: string | null, signal?: AbortSignal) {
  return api<Page<DocumentVersionView>>(`${docPath(id)}/versions`, { query: { limit: 20, cursor }, signal });
}

export function fetchAttachments(id: string, cursor: string | null, signal?: AbortSignal) {
  return api<Page<DocumentAttachmentView>>(`${docPath(id)}/attachments`, {
    query: { limit: 50, cursor },
    signal,
  });
}

/** A member's display name (comments and versions carry ids only); cached for the session. */
export function useMemberName(memberId: string | null): string | null {
  const query = useQuery({
    queryKey: ['members', memberId],
    queryFn: ({ signal }) => api<MemberDirectoryEntry>(`/members/${memberId}`, { signal }),
    enabled: memberId !== null,
    staleTime: 10 * 60_000,
    retry: false,
  });
  return query.data?.displayName ?? null;
}

/**
 * Labs and twinnings the member takes part in, as document owners. Their endpoints may not be
 * deployed yet: a failure just leaves the list empty.
 */
export function useOptionalOwners() {
  const labs = useQuery({
    queryKey: ['documents', 'owner-labs'],
    queryFn: ({ signal }) => api<Page<LabView>>('/labs', { query: { limit: 100 }, signal }),
    retry: false,
    staleTime: 60_000,
  });
  const twinnings = useQuery({
    queryKey: ['documents', 'owner-twinnings'],
    queryFn: ({ signal }) => api<Page<TwinningView>>('/twinnings', { query: { limit: 100 }, signal }),
    retry: false,
    staleTime: 60_000,
  });
  return {
    labs: (labs.data?.items ?? []).filter((lab) => lab.myRole !== null),
    twinnings: (twinnings.data?.items ?? []).filter((twinning) => twinning.isParty),
  };
}
