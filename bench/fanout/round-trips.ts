// What node-postgres alone spends of a reply's fixed CPU: the shape of a reply's transaction
// (START TRANSACTION, three prepared statements, COMMIT on one pooled client) against one prepared
// statement on the pool (the baseline), in this process, run after run. Prints JSON.
//
//   taskset -c 1 node -r ts-node/register/transpile-only bench/fanout/round-trips.ts [--runs 3] [--n 3000] [--pg URL]
import { parseArgs } from 'node:util';
import { Pool, type PoolClient } from 'pg';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    n: { type: 'string', default: '3000' },
    pg: {
      type: 'string',
      default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const runs = Number(values.runs);
const n = Number(values.n);
const table = `bench_round_trips_${process.pid}`;
const body = 'Risposta: grazie per il documento, lo rileggo entro venerdì. '.repeat(3);

async function inTransaction(client: PoolClient): Promise<void> {
  await client.query('START TRANSACTION');
  await client.query({ name: 'lock', text: `SELECT id, n, body FROM ${table} WHERE id = 1 FOR UPDATE` });
  await client.query({
    name: 'bump',
    text: `UPDATE ${table} SET n = n + 1 WHERE id = $1 RETURNING *`,
    values: [1],
  });
  await client.query({
    name: 'echo',
    text: 'SELECT $1::text AS body, now() AS at, $2::int AS k',
    values: [body, 3],
  });
  await client.query('COMMIT');
}

/** CPU of this process per call, in ms. */
async function cpuPerCall(call: () => Promise<void>): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i += 1) await call();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / n;
}

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: values.pg, max: 10 });
  await pool.query(`CREATE TABLE ${table} (id int PRIMARY KEY, n int NOT NULL, body text NOT NULL)`);
  await pool.query(`INSERT INTO ${table} VALUES (1, 0, 'x')`);
  try {
    const reply = async () => {
      const client = await pool.connect();
      try {
        await inTransaction(client);
      } finally {
        client.release();
      }
    };
    const single = async () => {
      await pool.query({
        name: 'single',
        text: `SELECT id, n, body FROM ${table} WHERE id = $1`,
        values: [1],
      });
    };
    await cpuPerCall(reply); // warm-up of both, not measured
    await cpuPerCall(single);
    const measured: Array<{ replyMs: number; singleMs: number }> = [];
    for (let run = 0; run < runs; run += 1) {
      measured.push({ replyMs: await cpuPerCall(reply), singleMs: await cpuPerCall(single) });
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const replyMs = median(measured.map((m) => m.replyMs));
    const singleMs = median(measured.map((m) => m.singleMs));
    console.log(
      JSON.stringify(
        {
          config: { runs, n, pg: values.pg.replace(/\/\/[^@]*@/, '//…@') },
          runs: measured,
          median: { replyTransactionCpuMs: replyMs, singleStatementCpuMs: singleMs },
          ratioReplyOverSingle: Number((replyMs / singleMs).toFixed(2)),
        },
        null,
        2,
      ),
    );
  } finally {
    await pool.query(`DROP TABLE ${table}`);
    await pool.end();
  }
}

void main();
