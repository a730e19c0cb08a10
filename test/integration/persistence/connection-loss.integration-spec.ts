import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '@aigov/persistence/data-source.factory';
import { TestDatabase } from '../../setup/database.setup';
import { sharedTestDatabase } from './test-database';

/**
 * A pooled connection the server ends while it is checked out but between two statements (when
 * PostgreSQL restarts) must not take the process down: node-postgres reports that as an 'error'
 * event, which crashes a process where nothing listens for it.
 */
describe('a pooled connection ended by the server while checked out', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await sharedTestDatabase();
    dataSource = await createDataSource(db.url, { poolSize: 2 }).initialize();
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.stop();
  });

  /** errors that reached no listener: an unhandled 'error' event is thrown as an uncaught exception */
  let uncaught: Error[] = [];
  const record = (error: Error) => uncaught.push(error);
  beforeEach(() => {
    uncaught = [];
    process.on('uncaughtException', record);
  });
  afterEach(() => {
    process.off('uncaughtException', record);
  });

  it('fails the next statement on that connection, and the pool goes on with a new one', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    const [{ pid }] = await runner.query('SELECT pg_backend_pid() AS pid');
    const [{ terminated }] = await dataSource.query('SELECT pg_terminate_backend($1) AS terminated', [pid]);
    expect(terminated).toBe(true);
    // Let the FATAL message reach the idle, checked-out client.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(runner.query('SELECT 1')).rejects.toThrow();
    await runner.release();

    expect(await dataSource.query('SELECT 41 + 1 AS answer')).toEqual([{ answer: 42 }]);
    expect(uncaught).toEqual([]);
  });

  it('does not crash the process when the connection is checked out with no listener of its own', async () => {
    // Checked out from the pool directly, not through a query runner: nothing but the client
    // itself listens for its errors (the event that once crashed the PostgreSQL restart test).
    const pool = (dataSource.driver as unknown as { master: { connect(): Promise<PoolClient> } }).master;
    const client = await pool.connect();
    const [{ pid }] = (await client.query('SELECT pg_backend_pid() AS pid')).rows;
    await dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(client.query('SELECT 1')).rejects.toThrow();
    client.release(true);
    expect(uncaught).toEqual([]);
    expect(await dataSource.query('SELECT 41 + 1 AS answer')).toEqual([{ answer: 42 }]);
  });
});
