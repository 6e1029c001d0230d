import { describe, expect, it } from '@jest/globals';
import type { PostView } from '@convergo/contracts';
import { addPost, applyReaction, type PostPages } from './post-cache';

function post(number: number, extra: Partial<PostView> = {}): PostView {
  return {
    id: `p${number}`,
    threadId: 't',
    spaceId: 's',
    number,
    author: null,
    body: 'x',
    bodyHtml: '<p>x</p>',
    replyToId: null,
    replyTo: null,
    mentions: [],
    reactions: [],
    editCount: 0,
    editedAt: null,
    deleted: false,
    deletedAt: null,
    hidden: null,
    createdAt: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

const pages = (items: PostView[], nextCursor: string | null = null): PostPages => ({
  pages: [{ items, nextCursor }],
  pageParams: [null],
});

describe('post cache', () => {
  it('adds a post once and in number order', () => {
    let data: PostPages | undefined = pages([post(1), post(3)]);
    data = addPost(data, post(2));
    data = addPost(data, post(2));
    expect(data?.pages[0].items.map((p) => p.number)).toEqual([1, 2, 3]);
  });

  it('leaves a new post to the pages not loaded yet', () => {
    const data = pages([post(1)], 'next');
    expect(addPost(data, post(2))).toBe(data);
  });

  it('takes reaction counts and changes mine only for my own toggle', () => {
    const data = pages([post(1, { reactions: [{ emoji: '👍', count: 1, mine: true }] })]);
    const other = applyReaction(
      data,
      {
        postId: 'p1',
        threadId: 't',
        memberId: 'other',
        emoji: '👍',
        active: true,
        reactions: [{ emoji: '👍', count: 2, mine: false }],
      },
      'me',
    );
    expect(other?.pages[0].items[0].reactions).toEqual([{ emoji: '👍', count: 2, mine: true }]);
    const mine = applyReaction(
      other,
      {
        postId: 'p1',
        threadId: 't',
        memberId: 'me',
        emoji: '👍',
        active: false,
        reactions: [{ emoji: '👍', count: 1, mine: false }],
      },
      'me',
    );
    expect(mine?.pages[0].items[0].reactions).toEqual([{ emoji: '👍', count: 1, mine: false }]);
  });
});
