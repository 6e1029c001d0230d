import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { CommentAnchor } from '@convergo/contracts';
import { rangeForAnchor } from './comment-anchor';

export const commentHighlightsKey = new PluginKey('commentHighlights');

export interface CommentHighlightsOptions {
  /** The anchors of the open comments, read at each redraw (they follow the text through edits). */
  anchors(): CommentAnchor[];
}

/**
 * Underlines the text that open comments point at. The ranges are resolved from the Yjs
 * relative positions at every redraw, so they stay on their words whoever edits around them;
 * dispatch a transaction with this plugin's meta to redraw when the comments change.
 */
export const CommentHighlights = Extension.create<CommentHighlightsOptions>({
  name: 'commentHighlights',

  addOptions() {
    return { anchors: () => [] };
  },

  addProseMirrorPlugins() {
    const { anchors } = this.options;
    return [
      new Plugin({
        key: commentHighlightsKey,
        props: {
          decorations(state) {
            const decorations: Decoration[] = [];
            for (const anchor of anchors()) {
              const range = rangeForAnchor(state, anchor);
              if (range)
                decorations.push(
                  Decoration.inline(range.from, range.to, { class: 'document-comment-anchor' }),
                );
            }
            return decorations.length > 0
              ? DecorationSet.create(state.doc, decorations)
              : DecorationSet.empty;
          },
        },
      }),
    ];
  },
});
