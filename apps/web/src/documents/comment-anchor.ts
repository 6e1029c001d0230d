import type { CommentAnchor } from '@convergo/contracts';
import type { EditorState } from '@tiptap/pm/state';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';

interface SyncPluginState {
  type: Y.XmlFragment;
  doc: Y.Doc;
  binding: { mapping: Parameters<typeof absolutePositionToRelativePosition>[2] } | null;
}

function syncState(state: EditorState): SyncPluginState | null {
  const plugin = ySyncPluginKey.getState(state) as SyncPluginState | undefined;
  return plugin?.binding ? plugin : null;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The comments API's anchor for a ProseMirror range: each end as base64 of
 * `Y.encodeRelativePosition`, computed by the Yjs binding (so it points at the Y.XmlText under
 * the editor's `content` fragment and follows the text through everyone's edits).
 */
export function anchorForRange(state: EditorState, from: number, to: number): CommentAnchor | null {
  const sync = syncState(state);
  if (!sync?.binding || from >= to) return null;
  const start = absolutePositionToRelativePosition(
    from,
    sync.type,
    sync.binding.mapping,
  ) as Y.RelativePosition;
  const end = absolutePositionToRelativePosition(to, sync.type, sync.binding.mapping) as Y.RelativePosition;
  return { start: toBase64(Y.encodeRelativePosition(start)), end: toBase64(Y.encodeRelativePosition(end)) };
}

/** Where an anchor is now in the editor, or null when its text was deleted. */
export function rangeForAnchor(
  state: EditorState,
  anchor: CommentAnchor,
): { from: number; to: number } | null {
  const sync = syncState(state);
  if (!sync?.binding) return null;
  try {
    const map = sync.binding.mapping;
    const from = relativePositionToAbsolutePosition(
      sync.doc,
      sync.type,
      Y.decodeRelativePosition(fromBase64(anchor.start)),
      map,
    );
    const to = relativePositionToAbsolutePosition(
      sync.doc,
      sync.type,
      Y.decodeRelativePosition(fromBase64(anchor.end)),
      map,
    );
    if (from === null || to === null || to <= from) return null;
    return { from, to };
  } catch {
    return null;
  }
}
