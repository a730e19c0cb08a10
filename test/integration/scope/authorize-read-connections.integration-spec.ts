import type { PoolClient } from 'pg';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { AuthorizeReadConnections } from '../../../apps/api/src/scope/authorize/authorize-read-connections';
import { createDataSource } from '@aigov/persistence/data-source.factory';
import { pgPoolOf } from '@aigov/persistence/pool-query';
import { TestDatabase } from '../../setup/database.setup';
import { sharedTestDatabase } from '../persistence/test-database';

const PID = 'SELECT pg_backend_pid() AS pid';
const SLOW_PID = 'SELECT pg_backend_pid() AS pid, pg_sleep($1::float8) AS slept';

/**
 * Where the authorize fast lane's read goes when its own two connections have a backlog, against
 * the real server: to an idle connection of the pool when there is one; otherwise it waits on the
 * lane's connections (a new pool connection is a new PostgreSQL process, too dear in a backlog),
 * and only past the longer limit may the pool open one.
 */
describe('authorize read connections in a backlog', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let registry: Registry;
  let lane: AuthorizeReadConnections;
  let lanePids: Set<number>;

  const pid = async (): Promise<number> => (await lane.query<{ pid: number }>('test_lane_pid', PID, []))[0]!.pid;
  const slow = (seconds: number): Promise<unknown> => lane.query('test_lane_slow_pid', SLOW_PID, [seconds]);
  const counter = async (name: string): Promise<number> => (await registry.getSingleMetric(name)!.get()).values[0]?.value ?? 0;
  const pool = () => pgPoolOf(dataSource) as unknown as { totalCount: number; idleCount: number; connect(): Promise<PoolClient> };
  const held: PoolClient[] = [];

  beforeAll(async () => {
    db = await sharedTestDatabase();
    dataSource = await createDataSource(db.url, { poolSize: 4, applicationName: 'aigov-lane-backlog-test' }).initialize();
    // No idle connection in the pool (as when the API is busy, or its idle ones have timed out):
    // the connections TypeORM opened while starting are checked out and held.
    while (pool().idleCount > 0) held.push(await pool().connect());
    registry = new Registry();
    lane = new AuthorizeReadConnections(dataSource, registry);
    // Both lane connections open: two slow reads at once land on two backends.
    for (let tries = 0; ; tries++) {
      const pids = await Promise.all([0, 1].map(() => lane.query<{ pid: number }>('test_lane_slow_pid', SLOW_PID, [0.05]).then((r) => r[0]!.pid)));
      lanePids = new Set(pids);
      if (lanePids.size === 2) break;
      if (tries > 50) throw new Error('the lane did not open its second connection');
    }
  });
  afterAll(async () => {
    for (const client of held) client.release();
    await lane?.onApplicationShutdown();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.stop();
  });

  it('waits on its own connections when the pool has no idle connection, and opens none', async () => {
    expect(pool().idleCount).toBe(0);
    const opened = pool().totalCount;
    // 32 waiting on each lane connection: the backlog the lane used to send to the pool.
    const backlog = Array.from({ length: 64 }, () => slow(0.01));
    const extra = await Promise.all(Array.from({ length: 10 }, () => pid()));
    await Promise.all(backlog);
    expect(extra.every((p) => lanePids.has(p))).toBe(true);
    expect(pool().totalCount).toBe(opened);
    expect(await counter('aigov_authorize_read_backlog_waits_total')).toBe(10);
    expect(await counter('aigov_authorize_read_pool_fallbacks_total')).toBe(0);
  });

  it('lets the pool open a connection only past 256 waiting on each', async () => {
    const opened = pool().totalCount;
    const backlog = Array.from({ length: 512 }, () => slow(0.001));
    const past = await pid();
    await Promise.all(backlog);
    expect(lanePids.has(past)).toBe(false);
    expect(pool().totalCount).toBe(opened + 1);
    expect(await counter('aigov_authorize_read_pool_fallbacks_total')).toBe(1);
  });

  it("sends a backlog's read to an idle connection of the pool when there is one", async () => {
    expect(pool().idleCount).toBe(1);
    const opened = pool().totalCount;
    const waitsBefore = await counter('aigov_authorize_read_backlog_waits_total');
    const backlog = Array.from({ length: 64 }, () => slow(0.01));
    const spilled = await pid();
    await Promise.all(backlog);
    expect(lanePids.has(spilled)).toBe(false);
    expect(pool().totalCount).toBe(opened);
    expect(await counter('aigov_authorize_read_pool_fallbacks_total')).toBe(2);
    expect(await counter('aigov_authorize_read_backlog_waits_total')).toBe(waitsBefore);
  });
});
