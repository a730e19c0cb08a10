import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DedicatedReadConnections, ReadConnectionsUnavailable } from '@aigov/persistence/dedicated-read-connections';
import { RunningPostgres, startEmbeddedPostgres } from '@aigov/persistence/embedded-postgres';
import { freeRestartablePort } from '@aigov/scripts/free-port';

const PID = 'SELECT pg_backend_pid() AS pid';
const RETRY_AFTER_MS = 200;

/**
 * The authorize fast lane's own connections (dedicated-read-connections.ts) across a real
 * PostgreSQL restart (a private embedded server, so the test can stop it): while the server is
 * away every statement is refused at once, never queued or left hanging, and connects are tried
 * no more often than the retry interval; once it is back, the next statements run on new
 * connections without anything being restarted on our side.
 */
describe('fault: PostgreSQL restarted under the dedicated read connections', () => {
  let pg: RunningPostgres;
  let root: string;
  let port: number;
  let connections: DedicatedReadConnections;
  let attempts = 0;

  const startPg = () => startEmbeddedPostgres({ dataDir: join(root, 'postgres'), port, database: 'aigov' });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'aigov-pg-restart-lane-'));
    // The server runs as `postgres` when we are root, and must get through.
    await chmod(root, 0o755);
    port = await freeRestartablePort();
    pg = await startPg();
    connections = new DedicatedReadConnections(
      () => {
        attempts++;
        return new Client({ connectionString: pg.url, connectionTimeoutMillis: 2_000 });
      },
      { size: 2, maxPending: 8, retryAfterMs: RETRY_AFTER_MS },
    );
  });
  afterAll(async () => {
    await connections?.close();
    await pg?.stop();
    await rm(root, { recursive: true, force: true });
  });

  const pid = async () => (await connections.query<{ pid: number }>('restart_pid', PID, []))[0]!.pid;

  it('refuses at once while the server is away and reconnects when it is back', async () => {
    const uncaught: Error[] = [];
    const record = (error: Error) => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      const before = await pid();
      expect(attempts).toBe(2);

      await pg.stop();
      // Ask steadily through the outage: each answer is a refusal or an error, and comes fast.
      const outcomes: string[] = [];
      const slowest = { ms: 0 };
      const until = Date.now() + 1_500;
      while (Date.now() < until) {
        const started = performance.now();
        try {
          await pid();
          outcomes.push('answered');
        } catch (error) {
          outcomes.push(error instanceof ReadConnectionsUnavailable ? 'refused' : 'failed');
        }
        slowest.ms = Math.max(slowest.ms, performance.now() - started);
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(outcomes).not.toContain('answered');
      expect(outcomes.filter((o) => o === 'refused').length).toBeGreaterThan(outcomes.length / 2);
      // A connect to a stopped server is refused by the kernel: nothing waits for a timeout.
      expect(slowest.ms).toBeLessThan(1_000);
      // Connects no more often than each slot's retry interval allows: 2 slots over 1.5 s at most every 200 ms, plus the first tries.
      const outageAttempts = attempts - 2;
      expect(outageAttempts).toBeGreaterThan(0);
      expect(outageAttempts).toBeLessThanOrEqual(2 * (Math.ceil(1_500 / RETRY_AFTER_MS) + 1));

      pg = await startPg();
      let after: number | undefined;
      const deadline = Date.now() + 10_000;
      while (after === undefined && Date.now() < deadline) {
        try {
          after = await pid();
        } catch {
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      expect(after).toBeDefined();
      expect(after).not.toBe(before);
      expect(connections.openCount()).toBeGreaterThanOrEqual(1);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', record);
    }
  });
});
