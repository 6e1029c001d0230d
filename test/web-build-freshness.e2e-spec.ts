import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { staleReason } = require('../apps/web/scripts/build-if-stale.cjs') as {
  staleReason(root: string): string | null;
};

/** Issue 18, point 8: `npm start` rebuilt the web app only when it had never been built. */
describe('web build freshness for npm start', () => {
  function tree(): string {
    const root = mkdtempSync(join(tmpdir(), 'convergo-web-'));
    mkdirSync(join(root, 'apps/web/src/pages'), { recursive: true });
    mkdirSync(join(root, 'libs/contracts/src'), { recursive: true });
    writeFileSync(join(root, 'apps/web/src/pages/Home.tsx'), 'export {};');
    writeFileSync(join(root, 'libs/contracts/src/index.ts'), 'export {};');
    return root;
  }
  const at = (root: string, path: string, seconds: number) => {
    const when = new Date(Date.UTC(2026, 11, 4, 8, 0, seconds));
    utimesSync(join(root, path), when, when);
  };

  it('builds when there is no build', () => {
    expect(staleReason(tree())).toBe('no build yet');
  });

  it('skips the build when it is newer than every source, and builds after a source changed', () => {
    const root = tree();
    mkdirSync(join(root, 'apps/web/dist'));
    writeFileSync(join(root, 'apps/web/dist/index.html'), '<html></html>');
    at(root, 'apps/web/src/pages/Home.tsx', 1);
    at(root, 'libs/contracts/src/index.ts', 1);
    at(root, 'apps/web/dist/index.html', 2);
    expect(staleReason(root)).toBeNull();
    at(root, 'apps/web/src/pages/Home.tsx', 3);
    expect(staleReason(root)).toMatch(/apps\/web\/src changed/);
    at(root, 'apps/web/src/pages/Home.tsx', 1);
    at(root, 'libs/contracts/src/index.ts', 5);
    expect(staleReason(root)).toMatch(/libs\/contracts\/src changed/);
  });
});
