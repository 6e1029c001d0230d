import { afterCommit, afterRollback, runWithAfterCommitHooks } from './after-commit';

describe('runWithAfterCommitHooks', () => {
  it('runs the commit hooks in order after the transaction, and no rollback hook', async () => {
    const seen: string[] = [];
    const result = await runWithAfterCommitHooks(
      async () => {
        afterCommit(() => void seen.push('first'));
        afterRollback(() => void seen.push('undone'));
        afterCommit(async () => {
          await Promise.resolve();
          seen.push('second');
        });
        seen.push('body');
        return 42;
      },
      () => seen.push('leave'),
    );
    expect(result).toBe(42);
    expect(seen).toEqual(['body', 'leave', 'first', 'second']);
  });

  it('runs the rollback hooks, not the commit hooks, when the transaction throws, and rethrows', async () => {
    const seen: string[] = [];
    await expect(
      runWithAfterCommitHooks(
        async () => {
          afterCommit(() => void seen.push('published'));
          afterRollback(() => {
            throw new Error('a failing hook does not hide the cause');
          });
          afterRollback(() => void seen.push('undone'));
          throw new Error('serialization failure');
        },
        () => seen.push('leave'),
      ),
    ).rejects.toThrow('serialization failure');
    expect(seen).toEqual(['undone']);
  });

  it('outside a transaction runs commit hooks at once and ignores rollback hooks', async () => {
    const seen: string[] = [];
    afterRollback(() => void seen.push('undone'));
    afterCommit(() => void seen.push('now'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['now']);
  });
});
