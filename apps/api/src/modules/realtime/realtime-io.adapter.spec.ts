import { EventEmitter } from 'node:events';
import type { INestApplication } from '@nestjs/common';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { from, of, type Observable } from 'rxjs';
import type { Socket } from 'socket.io';
import { RealtimeIoAdapter } from './realtime-io.adapter';

/** Nest's own transform: a handler's result (value, promise or observable) as an observable. */
const transform = (result: unknown): Observable<unknown> =>
  result instanceof Promise ? from(result) : of(result);

/** Handlers as tests write them: any result, even a synchronous one (Nest's own are async). */
interface TestHandler {
  message: string;
  callback: (data: unknown) => unknown;
  isAckHandledManually?: boolean;
}

function bind(handlers: TestHandler[]) {
  const adapter = new RealtimeIoAdapter({ getHttpServer: () => undefined } as unknown as INestApplication);
  const socket = new EventEmitter() as EventEmitter & { emitted: unknown[][] };
  socket.emitted = [];
  const emit = socket.emit.bind(socket);
  // Events the adapter emits back to the client are recorded; messages from the client are dispatched.
  const toClient = (event: string, ...args: unknown[]) => socket.emitted.push([event, ...args]);
  adapter.bindMessageHandlers(
    Object.assign(socket, { emit: toClient }) as unknown as Socket,
    handlers as unknown as MessageMappingProperties[],
    transform,
  );
  return { socket, fromClient: emit };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('RealtimeIoAdapter message handlers', () => {
  it('acknowledges an answer, emits `{ event, data }`, and sends nothing for nil', async () => {
    const { socket, fromClient } = bind([
      { message: 'ask', callback: (data: unknown) => Promise.resolve({ ok: true, echo: data }) },
      { message: 'tell', callback: () => ({ event: 'told', data: 42 }) },
      { message: 'quiet', callback: () => undefined },
    ]);
    const acks: unknown[] = [];
    fromClient('ask', { room: 'space:1' }, (answer: unknown) => acks.push(answer));
    fromClient('tell', 'x');
    fromClient('quiet', 'y', (answer: unknown) => acks.push(answer));
    await tick();
    expect(acks).toEqual([{ ok: true, echo: { room: 'space:1' } }]);
    expect(socket.emitted).toEqual([['told', 42]]);
  });

  it('hands several arguments over as an array, and leaves acknowledging to handlers that do it themselves', async () => {
    const seen: unknown[] = [];
    const { fromClient } = bind([
      { message: 'many', callback: (data: unknown) => (seen.push(data), 'answer') },
      { message: 'manual', callback: () => 'not sent', isAckHandledManually: true },
    ]);
    const acks: unknown[] = [];
    fromClient('many', 1, 2, (answer: unknown) => acks.push(answer));
    fromClient('manual', 3, (answer: unknown) => acks.push(answer));
    await tick();
    expect(seen).toEqual([[1, 2]]);
    expect(acks).toEqual(['answer']);
  });

  it('keeps serving an event after its handler threw or failed', async () => {
    let calls = 0;
    const { fromClient } = bind([
      {
        message: 'flaky',
        callback: () => {
          calls += 1;
          if (calls === 1) throw new Error('sync');
          if (calls === 2) return Promise.reject(new Error('async'));
          return 'fine';
        },
      },
    ]);
    const acks: unknown[] = [];
    for (let i = 0; i < 3; i += 1) fromClient('flaky', i, (answer: unknown) => acks.push(answer));
    await tick();
    expect(calls).toBe(3);
    expect(acks).toEqual(['fine']);
  });
});
