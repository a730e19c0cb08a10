import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '@aigov/persistence/data-source.factory';
import { MIGRATIONS } from '@aigov/persistence/migrations';
import { resolveDatabaseUrl, startEmbeddedPostgres } from '@aigov/persistence/embedded-postgres';
import { freePort } from '@aigov/scripts/free-port';


async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * The fresh-machine path: no server installed, so the app runs PostgreSQL from node_modules.
 * Slow (initdb), but it is the only proof that a first `npm start` works.
 */
describe('embedded PostgreSQL', () => {
  let root: string;
  const stops: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'aigov-embedded-spec-'));
    // mkdtemp makes 0700; as root the server runs as `postgres` and must get through.
    await chmod(root, 0o755);
  });

  afterAll(async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  });

  it('initialises a cluster, serves queries on 127.0.0.1 with a private password, and survives a restart', async () => {
    const dataDir = path.join(root, 'cluster');
    const port = await freePort();

    const first = await startEmbeddedPostgres({ dataDir, port, database: 'aigov_embedded' });
    stops.push(first.stop);
    const url = new URL(first.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.port).toBe(String(port));
    expect(url.pathname).toBe('/aigov_embedded');
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);

    const passwordFile = `${dataDir}.password`;
    expect((await stat(passwordFile)).mode & 0o777).toBe(0o600);
    const password = (await readFile(passwordFile, 'utf8')).trim();
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(decodeURIComponent(url.password)).toBe(password);

    const [settings] = await query<{ listen: string; db: string; version: string }>(
      first.url,
      `SELECT current_setting('listen_addresses') AS listen, current_database() AS db, current_setting('server_version_num') AS version`,
    );
    expect(settings).toMatchObject({ listen: '127.0.0.1', db: 'aigov_embedded' });
    expect(Number(settings.version)).toBeGreaterThanOrEqual(170000);

    const wrong = new URL(first.url);
    wrong.password = 'not-the-password';
    await expect(query(wrong.toString(), 'SELECT 1')).rejects.toThrow(/password authentication failed/);

    const migrationNames = MIGRATIONS.map((m) => new m().name);
    expect(await runMigrations(first.url)).toEqual(migrationNames);
    await first.stop();
    await expect(query(first.url, 'SELECT 1')).rejects.toThrow();

    // Second start: no initdb, same password, data still there.
    const second = await startEmbeddedPostgres({ dataDir, port, database: 'aigov_embedded' });
    stops.push(second.stop);
    expect(second.url).toBe(first.url);
    expect(await query<{ name: string }>(second.url, 'SELECT name FROM schema_migrations ORDER BY id')).toEqual(
      migrationNames.map((name) => ({ name })),
    );
    expect(await runMigrations(second.url)).toEqual([]);
    await second.stop();
    await second.stop(); // stopping twice is harmless
  });

  it('adopts a server left running by a process that died, and explains a port that is taken', async () => {
    const dataDir = path.join(root, 'cluster');
    const port = await freePort();
    // The first handle stands in for a process killed before it could stop its server.
    const abandoned = await startEmbeddedPostgres({ dataDir, port });
    stops.push(abandoned.stop);

    await expect(startEmbeddedPostgres({ dataDir, port: await freePort() })).rejects.toThrow(/is in use by a server \(pid \d+\) on port/);

    const adopted = await startEmbeddedPostgres({ dataDir, port });
    expect(await query<{ one: number }>(adopted.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await adopted.stop();
    await expect(query(adopted.url, 'SELECT 1')).rejects.toThrow();
    await abandoned.stop(); // its server is gone already; must not hang

    const elsewhere = path.join(root, 'second-cluster');
    const blocker = await startEmbeddedPostgres({ dataDir, port });
    stops.push(blocker.stop);
    await expect(startEmbeddedPostgres({ dataDir: elsewhere, port })).rejects.toThrow(/start failed[\s\S]*could not bind|start failed[\s\S]*in use/);
    await blocker.stop();
  });

  it('refuses to reuse a cluster whose password file was lost, rather than failing to log in later', async () => {
    const dataDir = path.join(root, 'cluster');
    await rm(`${dataDir}.password`);
    await expect(startEmbeddedPostgres({ dataDir, port: await freePort() })).rejects.toThrow(/password is missing|missing or empty/);
  });

  it('resolveDatabaseUrl prefers DATABASE_URL and otherwise starts one under <dataRoot>/postgres', async () => {
    const given = await resolveDatabaseUrl({ DATABASE_URL: 'postgres://app@db.internal:5432/aigov' }, root);
    expect(given).toMatchObject({ url: 'postgres://app@db.internal:5432/aigov', embedded: false });
    await given.stop();

    await expect(resolveDatabaseUrl({ EMBEDDED_PG_PORT: 'eighty' }, root)).rejects.toThrow(/EMBEDDED_PG_PORT/);

    const port = await freePort();
    const dataRoot = path.join(root, 'data');
    const embedded = await resolveDatabaseUrl({ EMBEDDED_PG_PORT: String(port) }, dataRoot);
    stops.push(embedded.stop);
    expect(embedded.embedded).toBe(true);
    expect(existsSync(path.join(dataRoot, 'postgres', 'PG_VERSION'))).toBe(true);
    expect(new URL(embedded.url).pathname).toBe('/aigov');
    expect(await query<{ one: number }>(embedded.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await embedded.stop();
  });
});
