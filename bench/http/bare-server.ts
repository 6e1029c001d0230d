// The baseline of bench/http: a bare Express handler for `GET /threads/:id/posts` that runs the
// same statement as the API's page of posts — the API's own prepared statement (THREAD_PAGE, from
// the same dist: its name and text) on a plain pg pool, so the statements cannot drift — and
// answers the rows as JSON. No auth, no validation, no access check, no Nest.
import express from 'express';
import { Pool } from 'pg';
import path from 'node:path';
import type { PreparedStatement } from '../../apps/api/src/database/prepared-query';

const dist = process.env.API_DIST as string;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { THREAD_PAGE } = require(path.join(dist, 'apps/api/src/modules/threads/posts.repository.js')) as {
  THREAD_PAGE: PreparedStatement;
};

// The API's pool: TypeORM's pg driver defaults to 10 connections.
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const viewerId = process.env.VIEWER_ID as string;

const app = express();
app.get('/threads/:id/posts', async (req, res) => {
  const limit = Number(req.query.limit ?? 50);
  const { rows } = await pool.query({
    ...THREAD_PAGE,
    values: [req.params.id, 0, true, viewerId, limit + 1],
  });
  res.json({ items: rows.slice(0, limit), nextCursor: rows.length > limit ? 'more' : null });
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`LISTENING ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
