/**
 * `GET /api/v1/programmes/:id/indicators` on the embedded database (PGlite, no DATABASE_URL) with
 * a programme of 1,000 twinnings and 10,000 attendance rows, against a bare baseline: the same
 * repository SQL (IndicatorsRepository.figures) called directly on the same database, without
 * HTTP, Nest's pipeline, auth or view mapping. Runs alternate ours, bare in rounds. Prints one JSON
 * document on stdout (see bench/README.md).
 *
 *   npm run build &&
 *   TS_NODE_COMPILER_OPTIONS='{"rootDir":"."}' node -r ts-node/register/transpile-only bench/indicators/run.ts \
 *     [--requests 100] [--twinnings 1000] [--members 500] [--sessions 20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import type * as Bootstrap from '../../apps/api/src/bootstrap';
import type * as Environment from '../../apps/api/src/config/environment';
import type * as AccessTokens from '../../apps/api/src/modules/auth/access-token.service';
import type * as Indicators from '../../apps/api/src/modules/indicators/indicators.repository';

/** The built API (`npm run build`): its `@convergo/contracts` imports are resolved there. */
const dist = resolve(process.env.API_DIST ?? 'dist');
/* eslint-disable @typescript-eslint/no-require-imports */
const { createApplication } = require(join(dist, 'apps/api/src/bootstrap.js')) as typeof Bootstrap;
const { validateEnvironment } = require(
  join(dist, 'apps/api/src/config/environment.js'),
) as typeof Environment;
const { AccessTokenService } = require(
  join(dist, 'apps/api/src/modules/auth/access-token.service.js'),
) as typeof AccessTokens;
const { IndicatorsRepository } = require(
  join(dist, 'apps/api/src/modules/indicators/indicators.repository.js'),
) as typeof Indicators;
/* eslint-enable @typescript-eslint/no-require-imports */

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const REQUESTS = option('requests', 100);
const TWINNINGS = option('twinnings', 1000);
const MEMBERS = option('members', 500);
const SESSIONS = option('sessions', 20);

function stats(samples: number[]): { median: number; p95: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    median: round(at(0.5)),
    p95: round(at(0.95)),
    mean: round(sorted.reduce((s, v) => s + v, 0) / sorted.length),
  };
}

async function seed(db: DataSource): Promise<string> {
  const [{ id: programmeId }] = (await db.query(
    `INSERT INTO programmes (code, name) VALUES ('bench-indicators', 'Bench') RETURNING id`,
  )) as { id: string }[];
  // Twinnings between reference administrations: offering outside, receiving inside Convergence.
  await db.query(
    `WITH north AS (SELECT id, row_number() OVER (ORDER BY istat_code) AS n FROM organizations WHERE NOT convergence),
          south AS (SELECT id, row_number() OVER (ORDER BY istat_code) AS n FROM organizations WHERE convergence),
          t AS (
            INSERT INTO twinnings (title, practice_title, offering_organization_id, status, created_at, programme_id)
            SELECT 'Bench ' || g, 'Pratica ' || g, (SELECT id FROM north WHERE n = 1 + g % 2000),
                   (ARRAY['candidatura','selezionato','in_corso','concluso','ritirato'])[1 + g % 5],
                   timestamp '2010-01-01' + g * interval '3 days', $1
              FROM generate_series(1, $2) g RETURNING id, title)
     INSERT INTO twinning_receiving_organizations (twinning_id, organization_id)
     SELECT t.id, s.id FROM t JOIN south s ON s.n = 1 + (substr(t.title, 7)::int * 7) % 1500`,
    [programmeId, TWINNINGS],
  );
  const [{ id: labId }] = (await db.query(
    `INSERT INTO labs (programme_id, title, ambito, status) VALUES ($1, 'Bench lab', 'A', 'running') RETURNING id`,
    [programmeId],
  )) as { id: string }[];
  await db.query(
    `WITH o AS (SELECT id, row_number() OVER (ORDER BY istat_code) AS n FROM organizations),
          m AS (
            INSERT INTO members (email, password_hash, display_name, role, organization_id)
            SELECT 'bench' || g || '@example.it', 'x', 'Bench ' || g, 'member', (SELECT id FROM o WHERE n = 1 + g * 13 % 5000)
              FROM generate_series(1, $2) g RETURNING id)
     INSERT INTO lab_participants (lab_id, member_id, role) SELECT $1, id, 'participant' FROM m`,
    [labId, MEMBERS],
  );
  await db.query(
    `INSERT INTO lab_sessions (lab_id, title, mode, starts_at, ends_at, status)
     SELECT $1, 'Sessione ' || g, 'hybrid', timestamptz '2024-01-10 09:00Z' + g * interval '5 days',
            timestamptz '2024-01-10 12:00Z' + g * interval '5 days', 'ended'
       FROM generate_series(1, $2) g`,
    [labId, SESSIONS],
  );
  await db.query(
    `INSERT INTO attendance_entries (session_id, member_id, status, mode, seconds, source)
     SELECT s.id, lp.member_id, CASE WHEN random() < 0.9 THEN 'present' ELSE 'absent' END,
            CASE WHEN random() < 0.5 THEN 'remote' ELSE 'in_presence' END, (random() * 10800)::int, 'tutor'
       FROM lab_sessions s CROSS JOIN lab_participants lp WHERE s.lab_id = $1 AND lp.lab_id = $1`,
    [labId],
  );
  await db.query(
    `INSERT INTO attendance_confirmations (session_id) SELECT id FROM lab_sessions WHERE lab_id = $1`,
    [labId],
  );
  return programmeId;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'convergo-bench-indicators-'));
  const env = validateEnvironment({
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-signing',
    DEMO_DATA: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    RATE_LIMIT_DISABLED: 'true',
    HOST: '127.0.0.1',
  });
  const convergo = await createApplication(env);
  try {
    const baseUrl = await convergo.listen(0, '127.0.0.1');
    const db = convergo.app.get(DataSource);
    const seedStart = performance.now();
    const programmeId = await seed(db);
    const seedMs = performance.now() - seedStart;
    const [admin] = (await db.query(
      `INSERT INTO members (email, password_hash, display_name, role) VALUES ('bench-admin@example.it', 'x', 'Admin', 'admin')
       RETURNING id`,
    )) as { id: string }[];
    const token = await convergo.app
      .get(AccessTokenService)
      .sign({ id: admin.id, role: 'admin', organizationId: null, isReferent: false });
    const [{ rows }] = (await db.query(`SELECT count(*)::int AS rows FROM attendance_entries`)) as {
      rows: number;
    }[];

    const repository = convergo.app.get(IndicatorsRepository);
    const ours = async () => {
      const res = await fetch(`${baseUrl}/api/v1/programmes/${programmeId}/indicators`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
      await res.json();
    };
    const bare = async () => {
      await repository.figures(programmeId, { from: null, to: null });
    };
    for (let i = 0; i < 10; i++) {
      await ours();
      await bare();
    }
    const samples = { ours: [] as number[], bare: [] as number[] };
    for (let i = 0; i < REQUESTS; i++) {
      for (const [name, run] of [
        ['ours', ours],
        ['bare', bare],
      ] as const) {
        const start = performance.now();
        await run();
        samples[name].push(performance.now() - start);
      }
    }
    const oursStats = stats(samples.ours);
    const bareStats = stats(samples.bare);
    process.stdout.write(
      `${JSON.stringify(
        {
          benchmark: 'indicators',
          database: 'embedded (PGlite)',
          config: {
            requests: REQUESTS,
            twinnings: TWINNINGS,
            attendanceRows: rows,
            members: MEMBERS,
            sessions: SESSIONS,
          },
          seedMs: Math.round(seedMs),
          ms: { ours: oursStats, bare: bareStats },
          summary: {
            oursMedianMs: oursStats.median,
            oursP95Ms: oursStats.p95,
            ratioOursOverBareMedian: Math.round((oursStats.median / bareStats.median) * 100) / 100,
            targetMs: 200,
            medianWithinTarget: oursStats.median < 200,
            p95WithinTarget: oursStats.p95 < 200,
          },
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await convergo.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
