import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropClusterDatabases, startTemporalCluster, TemporalCluster } from './temporal-cluster';
import { resolveTemporalServer } from './temporal-server-binaries';

export interface ScratchTemporalCluster {
  /** host:port of the frontend; the same across stopServer() / startServer() */
  address: string;
  /** its two databases on the PostgreSQL server (the benchmark reports their size per system) */
  databases: { persistence: string; visibility: string };
  /** the running server (replaced by startServer()) */
  server(): TemporalCluster;
  /** stops the server, keeps its databases */
  stopServer(): Promise<void>;
  /** starts it again on the same databases and frontend port */
  startServer(): Promise<void>;
  /** stops the server, drops its databases, removes its run directory */
  destroy(): Promise<void>;
}

/** `<postgres URL>` with another database, e.g. the server's `postgres` database for CREATE DATABASE. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * Temporal's server on the PostgreSQL server at `postgresUrl`, in two new databases of its own
 * named `<prefix>_<time>_<random>` (and `..._vis`), like scratch-database.ts names its
 * databases so that a crashed run's leftovers are recognisable; on free ports. For the tests
 * and the benchmark, which each want a cluster nobody else uses.
 */
export async function startScratchTemporalCluster(opts: {
  postgresUrl: string;
  prefix?: string;
  allowBuild?: boolean;
  log?: (line: string) => void;
}): Promise<ScratchTemporalCluster> {
  const binaries = await resolveTemporalServer({ allowBuild: opts.allowBuild ?? false, log: opts.log });
  const name = `${opts.prefix ?? 'aigov_temporal'}_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const runDir = await mkdtemp(join(tmpdir(), 'aigov-temporal-cluster-'));
  const common = { binaries, postgresUrl: opts.postgresUrl, database: name, visibilityDatabase: `${name}_vis`, runDir, log: opts.log };
  let current: TemporalCluster | undefined;
  try {
    current = await startTemporalCluster(common);
  } catch (error) {
    await dropClusterDatabases(opts.postgresUrl, common).catch(() => undefined);
    await rm(runDir, { recursive: true, force: true });
    throw error;
  }
  const port = Number(current.address.split(':').pop());
  let destroyed = false;
  return {
    address: current.address,
    databases: { persistence: common.database, visibility: common.visibilityDatabase },
    server: () => current!,
    stopServer: async () => current?.stop(),
    startServer: async () => {
      current = await startTemporalCluster({ ...common, port });
    },
    destroy: async () => {
      if (destroyed) return;
      destroyed = true;
      try {
        await current?.stop();
        await dropClusterDatabases(opts.postgresUrl, common);
      } finally {
        await rm(runDir, { recursive: true, force: true });
      }
    },
  };
}
