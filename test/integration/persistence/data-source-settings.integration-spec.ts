import { DataSource } from 'typeorm';
import { createDataSource } from '@aigov/persistence/data-source.factory';
import { TestDatabase } from '../../setup/database.setup';
import { sharedTestDatabase } from './test-database';

/**
 * Session settings every connection of the app's data source starts with (createDataSource):
 * JIT off, because compiling cost more than the statements it was meant to speed up.
 */
describe('data source session settings', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await sharedTestDatabase();
    dataSource = await createDataSource(db.url, { poolSize: 3, applicationName: 'aigov-settings-spec' }).initialize();
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.stop();
  });

  it('runs every pooled connection with jit off, set by the client when it connects', async () => {
    // three at once, so three connections answer
    const sessions: Array<Array<{ jit: string; pid: number; app: string }>> = await Promise.all(
      [1, 2, 3].map(() => dataSource.query(`SELECT current_setting('jit') AS jit, pg_backend_pid() AS pid, current_setting('application_name') AS app, pg_sleep(0.05)`)),
    );
    expect(new Set(sessions.map(([s]) => s.pid)).size).toBe(3);
    for (const [s] of sessions) expect(s).toMatchObject({ jit: 'off', app: 'aigov-settings-spec' });
    const [server] = await dataSource.query(`SELECT boot_val, reset_val, source FROM pg_settings WHERE name = 'jit'`);
    expect(server.reset_val).toBe('off');
    expect(server.source).toBe('client');
    expect(server.boot_val).toBe('on');
  });
});
