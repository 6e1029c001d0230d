import { useEffect } from 'react';
import { useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TableKit } from '@tiptap/extension-table';
import { DOCUMENT_CONTENT_FRAGMENT, type CommentAnchor } from '@convergo/contracts';
import { CommentHighlights } from './comment-highlights';
import { isSafeLink } from './safe-link';
import type { SocketYjsProvider } from './socket-yjs-provider';
import type { PresenceUser } from './usePresence';

/** The caret of another editor: a coloured bar with their name (CSS: "documents" in app.css). */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const colour = typeof user.color === 'string' ? user.color : '#17324d';
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.style.borderColor = colour;
  const label = document.createElement('span');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = colour;
  label.textContent = typeof user.name === 'string' ? user.name : '';
  caret.append(label);
  return caret;
}

/**
 * TipTap bound to the provider's Y.Doc (`content` fragment): Yjs owns the history (StarterKit's
 * undo/redo is off; Collaboration brings Yjs' undo manager), carets come from awareness.
 */
export function useCollaborativeEditor(
  provider: SocketYjsProvider,
  user: PresenceUser,
  editable: boolean,
  label: string,
  anchors: () => CommentAnchor[],
): Editor | null {
  const editor = useEditor(
    {
      editable,
      shouldRerenderOnTransaction: true,
      extensions: [
        StarterKit.configure({
          undoRedo: false,
          link: {
            openOnClick: false,
            autolink: true,
            defaultProtocol: 'https',
            protocols: ['http', 'https', 'mailto'],
            isAllowedUri: (url) => isSafeLink(url),
            HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
          },
        }),
        TableKit.configure({ table: { resizable: false } }),
        Collaboration.configure({ document: provider.doc, field: DOCUMENT_CONTENT_FRAGMENT }),
        CollaborationCaret.configure({ provider, user, render: renderCaret }),
        CommentHighlights.configure({ anchors }),
      ],
      editorProps: {
        attributes: {
          'aria-label': label,
          'aria-multiline': 'true',
          role: 'textbox',
          class: 'document-editor-content',
        },
      },
    },
    [provider],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    editor?.setOptions({
      editorProps: {
        attributes: {
          'aria-label': label,
          'aria-multiline': 'true',
          'aria-readonly': editable ? 'false' : 'true',
          role: 'textbox',
          class: 'document-editor-content',
        },
      },
    });
  }, [editor, label, editable]);

  return editor;
}
