import type { Client, ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';

/** The parts of node-postgres's Pool that the hot reads use: its query, its idle connections, and the Client class and settings it makes connections with. */
export interface PgPool {
  query?(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
  /** connections open and not checked out (a query now takes one of them instead of opening a connection) */
  idleCount?: number;
  Client?: new (config: ClientConfig) => Client;
  options?: ClientConfig;
}

/** The DataSource's own pool (TypeORM's postgres driver keeps it as `master`); undefined on another driver. */
export function pgPoolOf(dataSource: DataSource): PgPool | undefined {
  return (dataSource.driver as unknown as { master?: PgPool }).master;
}

/**
 * Runs a named, prepared statement on the DataSource's own pool, without a TypeORM query runner:
 * for the few reads on a hot path (POST /authorize, gateway-token checks) where TypeORM's
 * per-query overhead (a query runner, its logging, result mapping) would cost more than the
 * indexed read itself. node-postgres prepares the statement once per connection and then skips
 * parsing and planning. Reads only: writes keep going through TypeORM and its transactions.
 */
export async function queryPreparedOnPool<T>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = pgPoolOf(dataSource);
  if (!pool || typeof pool.query !== 'function') return dataSource.query(text, values);
  return (await pool.query({ name, text, values })).rows as T[];
}
