import { useQuery } from '@tanstack/react-query';
import type {
  CommentAnchor,
  CreateDocumentInput,
  DocumentAttachmentView,
  DocumentCommentView,
  DocumentLibraryQuery,
  DocumentVersionCompare,
  DocumentVersionDetail,
  DocumentVersionView,
  DocumentView,
  LabView,
  Page,
  SpaceView,
  TwinningView,
  UpdateDocumentInput,
} from '@convergo/contracts';
import { api } from '../../api/client';
import { fetchMember, memberKeys } from '../members/members-api';

/** Query keys of the documents feature, in one place so live events update the right caches. */
export const documentKeys = {
  all: ['documents'] as const,
  /** Prefix of every library listing, whatever its filters. */
  allLibraries: ['documents', 'library'] as const,
  library: (filters: DocumentLibraryQuery) => ['documents', 'library', filters] as const,
  one: (id: string) => ['documents', 'one', id] as const,
  comments: (id: string) => ['documents', 'comments', id] as const,
  versions: (id: string) => ['documents', 'versions', id] as const,
  attachments: (id: string) => ['documents', 'attachments', id] as const,
  versionDetail: (id: string, versionId: string) =>
    ['documents', 'versions', id, 'detail', versionId] as const,
  versionCompare: (id: string, from: string, to: string) =>
    ['documents', 'versions', id, 'compare', from, to] as const,
  ownerSpaces: ['documents', 'owner-spaces'] as const,
  ownerLabs: ['documents', 'owner-labs'] as const,
  ownerTwinnings: ['documents', 'owner-twinnings'] as const,
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
    queryKey: memberKeys.member(memberId),
    queryFn: ({ signal }) => fetchMember(memberId ?? '', signal),
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
    queryKey: documentKeys.ownerLabs,
    queryFn: ({ signal }) => api<Page<LabView>>('/labs', { query: { limit: 100 }, signal }),
    retry: false,
    staleTime: 60_000,
  });
  const twinnings = useQuery({
    queryKey: documentKeys.ownerTwinnings,
    queryFn: ({ signal }) => api<Page<TwinningView>>('/twinnings', { query: { limit: 100 }, signal }),
    retry: false,
    staleTime: 60_000,
  });
  return {
    labs: (labs.data?.items ?? []).filter((lab) => lab.myRole !== null),
    twinnings: (twinnings.data?.items ?? []).filter((twinning) => twinning.isParty),
  };
}

export function fetchLibrary(
  filters: DocumentLibraryQuery,
  limit: number,
  cursor: string | null,
  signal?: AbortSignal,
) {
  return api<Page<DocumentView>>('/documents', { query: { ...filters, limit, cursor }, signal });
}

export function createDocument(input: CreateDocumentInput) {
  return api<DocumentView>('/documents', { method: 'POST', body: input });
}

export function updateDocument(id: string, input: UpdateDocumentInput) {
  return api<DocumentView>(docPath(id), { method: 'PATCH', body: input });
}

/** Spaces the member reads, as document owners. */
export function fetchOwnerSpaces(signal?: AbortSignal) {
  return api<Page<SpaceView>>('/spaces', { query: { limit: 100 }, signal });
}

export interface NewComment {
  body: string;
  anchor?: CommentAnchor;
  parentId?: string;
}

export function createComment(id: string, input: NewComment) {
  return api<DocumentCommentView>(`${docPath(id)}/comments`, { method: 'POST', body: input });
}

/** Resolves an open comment, or reopens a resolved one. */
export function setCommentResolved(id: string, commentId: string, resolved: boolean) {
  return api<DocumentCommentView>(`${docPath(id)}/comments/${commentId}/${resolved ? 'resolve' : 'reopen'}`, {
    method: 'POST',
  });
}

export function createVersion(id: string, name: string) {
  return api<DocumentVersionView>(`${docPath(id)}/versions`, { method: 'POST', body: { name } });
}

export function restoreVersion(id: string, versionId: string) {
  return api<DocumentVersionView>(`${docPath(id)}/versions/${versionId}/restore`, { method: 'POST' });
}

export function fetchVersionDetail(id: string, versionId: string, signal?: AbortSignal) {
  return api<DocumentVersionDetail>(`${docPath(id)}/versions/${versionId}`, { signal });
}

export function compareVersions(id: string, from: string, to: string, signal?: AbortSignal) {
  return api<DocumentVersionCompare>(`${docPath(id)}/versions/compare`, { query: { from, to }, signal });
}

export function deleteAttachment(id: string, attachmentId: string) {
  return api<void>(`${docPath(id)}/attachments/${attachmentId}`, { method: 'DELETE' });
}
