import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropClusterDatabases, startTemporalCluster, TemporalCluster } from '@aigov/scripts/temporal-cluster';
import { resolveTemporalServer } from '@aigov/scripts/temporal-server-binaries';

export interface TestCluster {
  /** host:port of the frontend; the same across stopServer() / startServer() */
  address: string;
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
 * Temporal's server on the PostgreSQL server at `postgresUrl`, in two databases of its own
 * (named like the scratch databases, so a crashed run's leftovers are recognisable), on free
 * ports. The binaries must exist already (the global setup builds them if need be).
 */
export async function startTestCluster(opts: { postgresUrl: string; allowBuild?: boolean }): Promise<TestCluster> {
  const binaries = await resolveTemporalServer({ allowBuild: opts.allowBuild ?? false });
  const name = `aigov_temporal_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const runDir = await mkdtemp(join(tmpdir(), 'aigov-temporal-cluster-'));
  const common = { binaries, postgresUrl: opts.postgresUrl, database: name, visibilityDatabase: `${name}_vis`, runDir };
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
