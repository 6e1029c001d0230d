import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataDirLock } from './data-dir-lock';

/**
 * PostgreSQL compiled to WebAssembly, served on a private socket so the app uses the same
 * `pg` driver, pool and migrations as with a real server.
 *
 * PGlite is one single-user backend: the socket server interleaves the messages of
 * concurrent connections, which is only safe inside an explicit transaction. So the server
 * takes one connection and the pool must be sized 1: transactions then run one after another.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lock: DataDirLock,
    readonly url: string,
  ) {}

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    const root = resolve(dataDir);
    const lock = DataDirLock.acquire(root);
    try {
      const pgdata = join(root, 'pgdata');
      mkdirSync(pgdata, { recursive: true });
      const db = await PGlite.create({ dataDir: pgdata, extensions: { btree_gist, pg_trgm, unaccent } });
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
      await server.start();
      const url = `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
      return new EmbeddedPostgres(db, server, lock, url);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    this.lock.release();
  }
}
