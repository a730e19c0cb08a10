import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '@aigov/persistence/data-source.factory';
import { startEmbeddedPostgres } from '@aigov/persistence/embedded-postgres';
import { freePort } from './free-port';

export interface ScratchDatabase {
  /** a freshly created and migrated database, used by nothing else */
  url: string;
  /** drops the database, and stops the server if one was started for it */
  stop(): Promise<void>;
}

const LOCAL_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

interface Server {
  /** any database on the server that we may connect to in order to create others */
  adminUrl: string;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}


async function embeddedServer(): Promise<Server> {
  const root = await mkdtemp(path.join(tmpdir(), 'aigov-scratch-pg-'));
  // mkdtemp makes 0700; when we run as root the server runs as `postgres` and must get through.
  await chmod(root, 0o755);
  try {
    const running = await startEmbeddedPostgres({ dataDir: path.join(root, 'postgres'), port: await freePort(), database: 'postgres' });
    return {
      adminUrl: running.url,
      stop: async () => {
        await running.stop();
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

/** An explicitly configured server first, then the usual local one, then one of our own. */
async function findServer(): Promise<Server> {
  const configured = process.env.TEST_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim();
  if (configured) return { adminUrl: configured, stop: async () => undefined };
  if (await answers(LOCAL_SERVER_URL)) return { adminUrl: LOCAL_SERVER_URL, stop: async () => undefined };
  return embeddedServer();
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

async function onServer<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A new database per run (or per caller), named `<prefix>_<time>_<random>` so that leftovers
 * from a crashed run are easy to recognise, with every migration applied. Never reuses or
 * empties an existing database. Used by the tests and by the benchmark.
 */
export async function startScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const server = await findServer();
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString('hex')}`;
  try {
    await onServer(server.adminUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  } catch (error) {
    await server.stop();
    throw error;
  }
  const url = withDatabase(server.adminUrl, name);
  const drop = async () => {
    // FORCE: a test that failed midway may still hold pooled connections.
    await onServer(server.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`));
  };
  try {
    await runMigrations(url);
  } catch (error) {
    await drop().catch(() => undefined);
    await server.stop();
    throw error;
  }
  let stopped = false;
  return {
    url,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      try {
        await drop();
      } finally {
        await server.stop();
      }
    },
  };
}
