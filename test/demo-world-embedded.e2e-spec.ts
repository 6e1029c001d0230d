import { rmSync } from 'node:fs';
import { DEMO_DOCUMENT_COUNT } from '../apps/api/src/modules/documents/documents.demo-data';
import {
  DEMO_FLAG_COUNT,
  DEMO_POST_COUNT,
  DEMO_THREAD_COUNT,
} from '../apps/api/src/modules/threads/threads.demo-data';
import { demoWorldCounts } from './support/demo-world-counts';
import { migratedEmbeddedDataDir, startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 15 exactly as reported: `npm install && npm start` runs on the embedded database (one
 * connection). The demo world loads there on first start, and again with DEMO_DATA=true without
 * adding anything.
 */
describe('demo world on the embedded database (e2e)', () => {
  let dataDir: string;
  let t: TestApp | undefined;

  beforeAll(async () => {
    dataDir = await migratedEmbeddedDataDir();
  });

  afterAll(async () => {
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the demo world on first start and adds nothing on the next', async () => {
    t = await startTestApp({
      embedded: true,
      dataDir,
      env: { DEMO_DATA: undefined, RATE_LIMIT_DISABLED: 'false' },
    });
    const first = await demoWorldCounts(t);
    expect(first).toMatchObject({
      threads: DEMO_THREAD_COUNT,
      posts: DEMO_POST_COUNT,
      flags: DEMO_FLAG_COUNT,
      documents: DEMO_DOCUMENT_COUNT,
      deliverables: 1,
    });
    await t.close();
    t = undefined;
    t = await startTestApp({ embedded: true, dataDir, env: { DEMO_DATA: 'true' } });
    expect(await demoWorldCounts(t)).toEqual(first);
  }, 240_000);
});
