import { ScratchTemporalCluster, startScratchTemporalCluster, withDatabase } from '@aigov/scripts/scratch-temporal-cluster';

export type TestCluster = ScratchTemporalCluster;
export { withDatabase };

/**
 * Temporal's server in two databases of its own on the PostgreSQL server at `postgresUrl`. The
 * binaries must exist already: the global setup builds them when the run uses the cluster.
 */
export function startTestCluster(opts: { postgresUrl: string }): Promise<TestCluster> {
  return startScratchTemporalCluster({ postgresUrl: opts.postgresUrl, prefix: 'aigov_temporal' });
}
