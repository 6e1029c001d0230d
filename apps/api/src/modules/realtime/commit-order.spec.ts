import type { EventEnvelope } from '@convergo/contracts';
import { CommitOrder } from './commit-order';

const event = (room: string, id: number): EventEnvelope => ({
  id: String(id),
  type: 'post.created',
  room,
  at: '2026-12-05T10:00:00.000Z',
  data: { id },
});
const ids = (events: EventEnvelope[]) => events.map((e) => Number(e.id));

describe('CommitOrder', () => {
  it('holds a commit seen early until the lower position of the same room commits', () => {
    const order = new CommitOrder();
    const [eight, nine] = [event('thread:a', 8), event('thread:a', 9)];
    order.taken(eight);
    order.taken(nine);
    expect(order.committed(nine)).toEqual([]);
    expect(ids(order.committed(eight))).toEqual([8, 9]);
  });

  it('delivers at once what nothing lower is waiting for, and other rooms independently', () => {
    const order = new CommitOrder();
    const [a1, a2, b5] = [event('thread:a', 1), event('thread:a', 2), event('thread:b', 5)];
    order.taken(a1);
    order.taken(a2);
    order.taken(b5);
    expect(ids(order.committed(b5))).toEqual([5]);
    expect(ids(order.committed(a1))).toEqual([1]);
    expect(ids(order.committed(a2))).toEqual([2]);
    // A committed event never reported as taken (no transaction tracking) still goes out.
    expect(ids(order.committed(event('thread:c', 3)))).toEqual([3]);
  });

  it('releases what a rolled back position was holding back, and never delivers the rolled back one', () => {
    const order = new CommitOrder();
    const [four, five, six] = [event('lab:x', 4), event('lab:x', 5), event('lab:x', 6)];
    for (const e of [four, five, six]) order.taken(e);
    expect(order.committed(six)).toEqual([]);
    expect(order.committed(five)).toEqual([]);
    expect(ids(order.undone(four))).toEqual([5, 6]);
    expect(order.undone(four)).toEqual([]);
  });

  it('forgets a room once nothing is open or waiting in it', () => {
    const order = new CommitOrder();
    const first = event('space:s', 1);
    order.taken(first);
    expect(ids(order.committed(first))).toEqual([1]);
    // Were the room still tracked with stale state, this would be held or lost.
    const second = event('space:s', 2);
    order.taken(second);
    expect(ids(order.committed(second))).toEqual([2]);
    expect((order as unknown as { rooms: Map<string, unknown> }).rooms.size).toBe(0);
  });
});
