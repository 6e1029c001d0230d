import { useCallback, useEffect, useMemo, useRef } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { EditorContent } from '@tiptap/react';
import { roomName, type CommentAnchor, type DocumentView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { useAuth } from '../../auth/auth-context';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { commentHighlightsKey } from '../../documents/comment-highlights';
import { documentKeys, fetchAllComments, useDocument } from './documents-api';
import { memberColour } from '../../documents/member-colour';
import type { SocketYjsProvider, ProviderState } from '../../documents/socket-yjs-provider';
import { useCollaborativeEditor } from '../../documents/useCollaborativeEditor';
import { useDocumentSession } from '../../documents/useDocumentSession';
import { usePresence, type PresenceUser } from '../../documents/usePresence';
import { isEventOfType, useRoomEvents } from '../../realtime/useRoomEvents';
import { DocumentPanels } from './DocumentPanels';
import { DocumentTitle } from './DocumentTitle';
import { EditorToolbar } from './EditorToolbar';
import { PresenceList } from './PresenceList';
import { SaveStatus } from './SaveStatus';

/** `/documenti/:id`: the co-editing page (this route's chunk carries TipTap and Yjs). */
export function DocumentEditorPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const document = useDocument(id);
  const { provider, state } = useDocumentSession(id);
  usePageTitle(document.data?.title ?? t('documents.title'));

  // Title, tags, comments, versions, attachments: live on the document's room.
  useRoomEvents(
    id ? roomName('doc', id) : null,
    (event) => {
      if (isEventOfType(event, 'document.updated')) {
        queryClient.setQueryData<DocumentView>(documentKeys.one(id), event.data);
      } else if (event.type.startsWith('comment.')) {
        void queryClient.invalidateQueries({ queryKey: documentKeys.comments(id) });
      } else if (isEventOfType(event, 'document.version_created')) {
        void queryClient.invalidateQueries({ queryKey: documentKeys.versions(id) });
      } else if (event.type.startsWith('attachment.')) {
        void queryClient.invalidateQueries({ queryKey: documentKeys.attachments(id) });
      }
    },
    {
      onResync: () => void queryClient.invalidateQueries({ queryKey: documentKeys.all }),
    },
  );

  if (document.isPending) return <Loading />;
  if (document.isError) {
    const error = toApiError(document.error);
    return (
      <>
        <BackLink />
        <h1>{t('documents.title')}</h1>
        {error.status === 404 ? (
          <div className="alert alert-warning" role="alert">
            {t('documents.editor.notFound')}
          </div>
        ) : error.status === 403 ? (
          <div className="alert alert-warning" role="alert">
            {t('documents.editor.forbidden')}
          </div>
        ) : (
          <ProblemAlert error={error} onRetry={() => void document.refetch()} />
        )}
      </>
    );
  }

  const doc = document.data;
  return (
    <>
      <BackLink />
      <DocumentTitle doc={doc} canWrite={state.access === 'write'} />
      <p className="mb-2">
        <span className="badge bg-primary me-2">{t(`documents.kinds.${doc.kind}`)}</span>
        {doc.tags.length > 0 && (
          <span className="small">{t('documents.editor.tags', { tags: doc.tags.join(', ') })}</span>
        )}
      </p>
      <SessionBody provider={provider} state={state} />
    </>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <p className="mb-2">
      <Link to="/documenti">← {t('documents.editor.back')}</Link>
    </p>
  );
}

function SessionBody({ provider, state }: { provider: SocketYjsProvider | null; state: ProviderState }) {
  const { t } = useTranslation();
  if (state.phase === 'error') {
    const message =
      state.error === 'forbidden'
        ? t('documents.editor.forbidden')
        : state.error === 'not_found'
          ? t('documents.editor.notFound')
          : t('documents.editor.unavailable');
    return (
      <div className="alert alert-warning" role="alert">
        {message}
      </div>
    );
  }
  if (!provider || !state.synced) {
    return (
      <>
        <SaveStatus state={state} />
        <Loading label={t('documents.editor.loadingDoc')} />
      </>
    );
  }
  return <Workspace provider={provider} state={state} />;
}

function Workspace({ provider, state }: { provider: SocketYjsProvider; state: ProviderState }) {
  const { t } = useTranslation();
  const { member } = useAuth();
  const user = useMemo<PresenceUser>(
    () => ({
      name: member?.displayName ?? '',
      color: memberColour(member?.id ?? ''),
      memberId: member?.id ?? '',
    }),
    [member?.displayName, member?.id],
  );
  const canWrite = state.access === 'write';
  // Open comments' anchors, highlighted in the text (same cache as the comments panel).
  const comments = useQuery({
    queryKey: documentKeys.comments(provider.docId),
    queryFn: ({ signal }) => fetchAllComments(provider.docId, signal),
  });
  const anchorsRef = useRef<CommentAnchor[]>([]);
  const anchors = useCallback(() => anchorsRef.current, []);
  const editor = useCollaborativeEditor(provider, user, canWrite, t('documents.editor.content'), anchors);
  useEffect(() => {
    anchorsRef.current = (comments.data ?? []).flatMap((c) => (c.anchor && !c.resolved ? [c.anchor] : []));
    if (editor && !editor.isDestroyed)
      editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, true));
  }, [comments.data, editor]);
  const present = usePresence(provider);

  return (
    <div className="row g-4">
      <div className="col-12 col-xl-8">
        <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-2">
          <SaveStatus state={state} />
          <PresenceList present={present} />
        </div>
        {!canWrite && (
          <p className="alert alert-info py-2" role="note">
            {t('documents.editor.readOnly')}
          </p>
        )}
        {editor && canWrite && <EditorToolbar editor={editor} />}
        <div className="document-editor">{editor && <EditorContent editor={editor} />}</div>
      </div>
      <div className="col-12 col-xl-4">
        <DocumentPanels docId={provider.docId} editor={editor} canWrite={canWrite} />
      </div>
    </div>
  );
}
