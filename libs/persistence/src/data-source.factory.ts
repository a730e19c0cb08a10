import { Client, ClientConfig } from 'pg';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DataSourceOptions {
  poolSize?: number;
  logging?: boolean;
  applicationName?: string;
}

/** Any constant will do; it only has to be the same in every process that migrates this database. */
const MIGRATION_LOCK_KEY = 7_634_201_763_856;

/**
 * A pooled connection that listens for its own errors. node-postgres reports a connection the
 * server ends (a restart, pg_terminate_backend) as an 'error' event, and an event nobody listens
 * to crashes the process. The pool listens while a connection is idle and TypeORM's query
 * runners while they hold one; a connection held any other way has no listener (the PostgreSQL
 * restart fault test once died of exactly that event). The statement that meets the broken
 * connection still fails, and the pool drops it on release.
 */
class GuardedClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

export function createDataSource(url: string, options: DataSourceOptions = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    // The schema only ever changes through reviewed migrations, never from entity metadata.
    synchronize: false,
    migrationsRun: false,
    logging: options.logging ?? false,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName,
    // JIT off for every connection, set in the startup packet (no extra round trip). The server
    // compiles a statement once its estimate passes jit_above_cost, and no statement of this app
    // runs long enough to repay that: at 100,000 systems the inventory's overdue-review filter
    // (page and count, estimated at 850,000) spent 190-270 ms compiling for 45-70 ms of work,
    // 300 ms against 70 ms per statement (EXPLAIN ANALYZE, jit on and off); earlier, a control-health
    // lookup 400-600 ms. The other report and list statements stay under the threshold. A
    // DATABASE_URL that sets `options` itself keeps its own.
    extra: { Client: GuardedClient, options: '-c jit=off' },
  });
}

/**
 * Applies pending migrations, each in its own transaction, and returns their names. The api and
 * the worker may start together against one database, so a session advisory lock makes the
 * second one wait and then find nothing left to do.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = createDataSource(url, { poolSize: 2, applicationName: 'aigov-migrate' });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lock.release();
    await dataSource.destroy();
  }
}
