import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EditorContent } from '@tiptap/react';
import type { CommentAnchor } from '@convergo/contracts';
import { useAuth } from '../../auth/auth-context';
import { Loading } from '../../components/Loading';
import { memberColour } from '../../documents/member-colour';
import type { SocketYjsProvider, ProviderState } from '../../documents/socket-yjs-provider';
import { useCollaborativeEditor } from '../../documents/useCollaborativeEditor';
import { useDocumentSession } from '../../documents/useDocumentSession';
import type { PresenceUser } from '../../documents/usePresence';
import { EditorToolbar } from '../documents/EditorToolbar';
import { SaveStatus } from '../documents/SaveStatus';

const NO_ANCHORS: CommentAnchor[] = [];
const noAnchors = () => NO_ANCHORS;

/**
 * The session's shared notes (verbale) in the room: the documents' collaborative editor on
 * `notesDocumentId`, without the side panels (comments and versions are on the document's
 * own page, linked here). Its own chunk: TipTap and Yjs load with it.
 */
export default function LiveNotes({ docId }: { docId: string }) {
  const { t } = useTranslation();
  const { provider, state } = useDocumentSession(docId);
  return (
    <>
      <p className="small mb-2">
        <Link to={`/documenti/${docId}`}>{t('live.notes.open')}</Link>
      </p>
      {state.phase === 'error' ? (
        <p className="alert alert-warning" role="alert">
          {state.error === 'forbidden' ? t('live.notes.forbidden') : t('live.notes.unavailable')}
        </p>
      ) : !provider || !state.synced ? (
        <Loading label={t('live.notes.loading')} />
      ) : (
        <NotesEditor provider={provider} state={state} />
      )}
    </>
  );
}

function NotesEditor({ provider, state }: { provider: SocketYjsProvider; state: ProviderState }) {
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
  const editor = useCollaborativeEditor(provider, user, canWrite, t('live.notes.label'), noAnchors);
  return (
    <>
      <SaveStatus state={state} />
      {!canWrite && (
        <p className="alert alert-info py-2 mt-2" role="note">
          {t('live.notes.readOnly')}
        </p>
      )}
      {editor && canWrite && <EditorToolbar editor={editor} />}
      <div className="document-editor live-notes">{editor && <EditorContent editor={editor} />}</div>
    </>
  );
}
