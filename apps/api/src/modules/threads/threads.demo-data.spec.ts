import {
  SPACE_NAME_MAX_LENGTH,
  TAG_MAX_LENGTH,
  TAG_PATTERN,
  THREAD_TAGS_MAX,
  THREAD_TITLE_MAX_LENGTH,
} from '@convergo/contracts';
import { DEMO_LAB } from '../labs/labs.demo-data';
import { DEMO_SPACES } from '../spaces/spaces.demo-data';
import {
  DEMO_COMMUNITY_HANDLES,
  DEMO_LAB_SPACE_NAME,
  DEMO_THREADS,
  DEMO_TWINNING_SPACE_NAME,
  demoPostDates,
  type DemoHandle,
} from './threads.demo-data';

/** The demo conversations are loaded through the real API rules: these hold before start-up does. */
describe('demo threads', () => {
  const handles = Object.keys(DEMO_COMMUNITY_HANDLES);
  const authorOf = (thread: (typeof DEMO_THREADS)[number], post: number): DemoHandle =>
    post === 0 ? thread.by : thread.replies[post - 1].by;

  it('gives every demo space two threads or more, the lab and the twinning spaces one', () => {
    expect(DEMO_LAB_SPACE_NAME).toBe(DEMO_LAB.spaceName);
    for (const space of DEMO_SPACES) {
      expect([space.name, DEMO_THREADS.filter((t) => t.space === space.name).length >= 2]).toEqual([
        space.name,
        true,
      ]);
    }
    // The twinning space's name is not shortened (nor suffixed) when the twinnings capability opens it.
    expect(DEMO_TWINNING_SPACE_NAME.length).toBeLessThanOrEqual(SPACE_NAME_MAX_LENGTH - 11);
    const known = new Set([...DEMO_SPACES.map((s) => s.name), DEMO_LAB_SPACE_NAME, DEMO_TWINNING_SPACE_NAME]);
    expect(DEMO_THREADS.filter((t) => !known.has(t.space))).toEqual([]);
  });

  it('writes titles and tags the API accepts, each title once in its space', () => {
    const keys = DEMO_THREADS.map((t) => `${t.space}\n${t.title}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const thread of DEMO_THREADS) {
      expect(thread.title.length).toBeLessThanOrEqual(THREAD_TITLE_MAX_LENGTH);
      expect(thread.tags.length).toBeLessThanOrEqual(THREAD_TAGS_MAX);
      for (const tag of thread.tags) {
        expect(tag.length).toBeLessThanOrEqual(TAG_MAX_LENGTH);
        expect(tag).toMatch(TAG_PATTERN);
      }
    }
  });

  it('has several voices per thread, quotes and reactions on posts that exist, flags on others’ posts', () => {
    for (const thread of DEMO_THREADS) {
      expect(thread.replies.length).toBeGreaterThanOrEqual(2);
      expect(new Set([thread.by, ...thread.replies.map((r) => r.by)]).size).toBeGreaterThanOrEqual(3);
      thread.replies.forEach((reply, index) => {
        if (reply.replyTo !== undefined) expect(reply.replyTo).toBeLessThanOrEqual(index);
      });
      for (const reaction of thread.reactions) {
        expect(reaction.post).toBeLessThanOrEqual(thread.replies.length);
        expect(new Set(reaction.by).size).toBe(reaction.by.length);
      }
      if (thread.flag) expect(authorOf(thread, thread.flag.post)).not.toBe(thread.flag.by);
    }
    expect(DEMO_THREADS.some((t) => t.flag)).toBe(true);
  });

  it('mentions every demo account at least once, by a known handle, never by themselves', () => {
    const mentioned = new Set<string>();
    for (const thread of DEMO_THREADS) {
      for (const post of [{ by: thread.by, body: thread.body }, ...thread.replies]) {
        for (const [, handle] of post.body.matchAll(/@\{(\w+)\}/g)) {
          expect(handles).toContain(handle);
          expect(handle).not.toBe(post.by);
          mentioned.add(handle);
        }
      }
    }
    expect([...mentioned].sort()).toEqual([...handles].sort());
  });

  it('is written in Italian, without placeholders', () => {
    const texts = DEMO_THREADS.flatMap((t) => [t.title, t.body, ...t.replies.map((r) => r.body)]);
    expect(texts.filter((text) => /lorem|ipsum|\btest\b|TODO/i.test(text))).toEqual([]);
  });

  it.each(['2026-03-29T06:30:00Z', '2026-12-04T21:00:00Z', '2026-07-01T04:10:00Z'])(
    'dates every post in the past week, in order, when loaded at %s',
    (at) => {
      const now = new Date(at);
      DEMO_THREADS.forEach((thread, index) => {
        const dates = demoPostDates(thread, index, now).map((d) => d.getTime());
        expect(dates).toHaveLength(1 + thread.replies.length);
        expect(dates.every((d, i) => i === 0 || d > dates[i - 1])).toBe(true);
        expect(Math.max(...dates)).toBeLessThan(now.getTime());
        expect(Math.min(...dates)).toBeGreaterThan(now.getTime() - 8 * 86_400_000);
      });
    },
  );
});
