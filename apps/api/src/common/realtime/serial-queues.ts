/**
 * One operation at a time per key (a socket id), in arrival order: a recovered connection keeps
 * its id, so its re-join must not overtake the leave of its drop. Keys with nothing queued are
 * forgotten.
 */
export class SerialQueues {
  private readonly queues = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(work);
    const tail = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return next;
  }
}
