import { useCallback, useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { communityKeys, markThreadRead } from './community-api';

const READ_DEBOUNCE_MS = 800;

/**
 * Marks the thread read as posts scroll into view: the highest one seen, sent after a short
 * pause. Returns the ref callback each post card gives its element (which carries
 * `data-post-id` and `data-post-number`).
 */
export function useReadMarkers(threadId: string): (el: HTMLElement | null) => void {
  const queryClient = useQueryClient();
  const observer = useRef<IntersectionObserver | null>(null);

  useEffect(() => {
    let lastMarked = 0;
    let highestSeen: { number: number; id: string } | null = null;
    let timer: number | undefined;
    const io = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const el = entry.target as HTMLElement;
        const number = Number(el.dataset.postNumber);
        const postId = el.dataset.postId;
        if (!postId || !(number > (highestSeen?.number ?? 0))) continue;
        highestSeen = { number, id: postId };
      }
      const seen = highestSeen;
      if (!seen || seen.number <= lastMarked) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        lastMarked = seen.number;
        markThreadRead(threadId, seen.id)
          // Unread counts of the space lists change.
          .then(() => void queryClient.invalidateQueries({ queryKey: communityKeys.allSpaceThreads }))
          .catch(() => {
            lastMarked = 0;
          });
      }, READ_DEBOUNCE_MS);
    });
    observer.current = io;
    return () => {
      io.disconnect();
      observer.current = null;
      window.clearTimeout(timer);
    };
  }, [threadId, queryClient]);

  return useCallback((el: HTMLElement | null) => {
    if (el) observer.current?.observe(el);
  }, []);
}
