import { createServer, type Server } from 'node:net';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '@aigov/persistence/data-source.factory';
import { DedicatedReadConnections, ReadConnectionsUnavailable } from '@aigov/persistence/dedicated-read-connections';
import { freePort } from '@aigov/scripts/free-port';
import { TestDatabase } from '../../setup/database.setup';
import { RecordingTcpRelay } from '../../support/recording-tcp-relay';
import { waitUntil } from '../../support/wait-until';
import { sharedTestDatabase } from './test-database';

const PID = 'SELECT pg_backend_pid() AS pid';
const SLOW_PID = 'SELECT pg_backend_pid() AS pid, pg_sleep($1::float8) AS slept';

/**
 * The authorize fast lane's own connections, against the real server: the least busy one takes
 * the statement, a full queue is refused at once, a connection the server ends is replaced,
 * a server that is away is not waited for, and closing ends them all.
 */
describe('dedicated read connections', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const made: DedicatedReadConnections[] = [];

  /** errors that reached no listener: an unheard 'error' event is thrown as an uncaught exception */
  let uncaught: Error[] = [];
  const record = (error: Error) => uncaught.push(error);

  beforeAll(async () => {
    db = await sharedTestDatabase();
    dataSource = await createDataSource(db.url, { poolSize: 2, applicationName: 'aigov-dedicated-pool' }).initialize();
  });
  afterAll(async () => {
    await Promise.all(made.map((c) => c.close()));
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.stop();
  });
  beforeEach(() => {
    uncaught = [];
    process.on('uncaughtException', record);
  });
  afterEach(() => {
    process.off('uncaughtException', record);
    expect(uncaught).toEqual([]);
  });

  function likePool(size: number, maxPending = 8, retryAfterMs = 1_000, closeGraceMs?: number): DedicatedReadConnections {
    const connections = DedicatedReadConnections.likePoolOf(dataSource, 'aigov-dedicated-test', { size, maxPending, retryAfterMs, closeGraceMs });
    if (!connections) throw new Error('the DataSource is not on node-postgres');
    made.push(connections);
    return connections;
  }

  const pidOf = async (c: DedicatedReadConnections, sleepSeconds?: number): Promise<number> =>
    sleepSeconds === undefined
      ? (await c.query<{ pid: number }>('test_pid', PID, []))[0]!.pid
      : (await c.query<{ pid: number }>('test_slow_pid', SLOW_PID, [sleepSeconds]))[0]!.pid;

  it("connects with the pool's settings under a name of its own, and opens every slot", async () => {
    const connections = likePool(2);
    const pid = await pidOf(connections);
    await waitUntil(async () => (connections.openCount() === 2 ? true : null), 5_000, 'both connections open');
    const [row] = await dataSource.query('SELECT application_name FROM pg_stat_activity WHERE pid = $1', [pid]);
    expect(row.application_name).toBe('aigov-dedicated-test');
    // The pool's startup options came along too.
    const [jit] = await connections.query<{ jit: string }>('test_jit', "SELECT current_setting('jit') AS jit", []);
    expect(jit!.jit).toBe('off');
  });

  it('sends a statement to the connection with the fewest statements waiting', async () => {
    const connections = likePool(2);
    await pidOf(connections);
    await waitUntil(async () => (connections.openCount() === 2 ? true : null), 5_000, 'both connections open');
    const slow = pidOf(connections, 0.5);
    // While the slow statement holds one connection, the other answers, every time.
    const fast = [await pidOf(connections), await pidOf(connections), await pidOf(connections)];
    const slowPid = await slow;
    expect(new Set(fast).size).toBe(1);
    expect(fast[0]).not.toBe(slowPid);
  });

  it('refuses at once, without queueing, when every connection has its most statements waiting', async () => {
    const connections = likePool(1, 1);
    await pidOf(connections);
    const slow = pidOf(connections, 0.5);
    const started = performance.now();
    await expect(pidOf(connections)).rejects.toMatchObject({ name: 'ReadConnectionsUnavailable', busy: true });
    expect(performance.now() - started).toBeLessThan(400);
    // A statement may wait in a longer queue of its own asking.
    const queued = connections.query<{ pid: number }>('test_pid', PID, [], { maxPending: 2 });
    await slow;
    expect((await queued)[0]!.pid).toBeGreaterThan(0);
    // The queue drained: it takes statements again.
    expect(await pidOf(connections)).toBeGreaterThan(0);
  });

  it('pipelines a backlog on one connection: the statements behind a slow one are on the wire before it is answered, each with its own answer', async () => {
    // Through a relay that notes who sent what when, so the test sees the wire, not the driver's internals.
    const target = new URL(db.url);
    const relay = new RecordingTcpRelay(target.hostname, Number(target.port || 5432));
    await relay.start();
    const relayedUrl = new URL(db.url);
    relayedUrl.port = String(relay.port);
    const relayed = await createDataSource(relayedUrl.toString(), { poolSize: 1, applicationName: 'aigov-dedicated-relayed' }).initialize();
    try {
      const connections = DedicatedReadConnections.likePoolOf(relayed, 'aigov-dedicated-test', { size: 1, maxPending: 256, retryAfterMs: 1_000 })!;
      made.push(connections);
      const pid = await pidOf(connections);
      const lane = relay.connections.at(-1)!;
      const mark = lane.chunks.length;
      const slow = pidOf(connections, 1);
      const values = Array.from({ length: 200 }, (_, i) => i * 7);
      const answers = Promise.all(values.map((n) => connections.query<{ n: number; pid: number }>('test_echo', 'SELECT $1::int AS n, pg_backend_pid() AS pid', [n])));
      // node-postgres's own queue (deprecated for pg@9) would send the next statement only after the slow one's answer.
      const sentSince = () => lane.chunks.slice(mark).filter((c) => c.from === 'client').reduce((sum, c) => sum + c.bytes, 0);
      await waitUntil(async () => (sentSince() > 200 * 20 ? true : null), 700, 'the 200 statements written behind the slow one');
      expect(lane.chunks.slice(mark).filter((c) => c.from === 'server')).toEqual([]);
      expect((await answers).map((rows) => rows[0]!.n)).toEqual(values);
      expect(new Set((await answers).map((rows) => rows[0]!.pid))).toEqual(new Set([pid]));
      expect(await slow).toBe(pid);
    } finally {
      await relayed.destroy();
      await relay.stop();
    }
  });

  it('fails a statement that errors alone, with the statements pipelined around it answered', async () => {
    const connections = likePool(1, 64);
    const pid = await pidOf(connections);
    const divisors = [1, 2, 0, 4, 5];
    const outcomes = await Promise.allSettled(divisors.map((d) => connections.query<{ q: number }>('test_divide', 'SELECT 100 / $1::int AS q', [d])));
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value[0]!.q : (o.reason as { code?: string }).code))).toEqual([100, 50, '22012', 25, 20]);
    // A statement's error (division by zero) leaves its connection open.
    expect(connections.openCount()).toBe(1);
    expect(await pidOf(connections)).toBe(pid);
  });

  it('lets the statements on the wire finish when closed, and cuts one that outlasts the grace', async () => {
    const connections = likePool(1, 8, 1_000, 300);
    await pidOf(connections);
    const quick = pidOf(connections, 0.1);
    const stuck = pidOf(connections, 3).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((r) => setTimeout(r, 20));
    const started = performance.now();
    await connections.close();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await quick).toBeGreaterThan(0);
    expect(await stuck).toBe('failed');
  });

  it('replaces a connection the server ends, and nothing goes unheard', async () => {
    const connections = likePool(1);
    const before = await pidOf(connections);
    const [{ terminated }] = await dataSource.query('SELECT pg_terminate_backend($1) AS terminated', [before]);
    expect(terminated).toBe(true);
    // The ended connection is dropped on its own event, not on a failed statement.
    await waitUntil(async () => (connections.openCount() === 0 ? true : null), 5_000, 'the ended connection dropped');
    const after = await pidOf(connections);
    expect(after).not.toBe(before);
    expect(connections.openCount()).toBe(1);
  });

  it('fails the statement in flight when the server ends its connection, then goes on', async () => {
    const connections = likePool(1);
    const pid = await pidOf(connections);
    // Its failure is expected before the server is told, so it can never go unhandled in between.
    const failed = expect(pidOf(connections, 5)).rejects.toThrow(/terminating connection/);
    await new Promise((r) => setTimeout(r, 100));
    await dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
    await failed;
    expect(await pidOf(connections)).not.toBe(pid);
  });

  describe('with the server away', () => {
    let closedPort: number;
    let silent: Server;
    let silentPort: number;

    beforeAll(async () => {
      closedPort = await freePort();
      // A port that accepts and never answers: a connect there would hang without its timeout.
      silent = createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      silentPort = (silent.address() as { port: number }).port;
    });
    afterAll(async () => {
      silent.close();
    });

    function counted(port: number, retryAfterMs: number, connectionTimeoutMillis?: number) {
      const attempts = { count: 0 };
      const connections = new DedicatedReadConnections(
        () => {
          attempts.count++;
          return new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis });
        },
        { size: 2, maxPending: 8, retryAfterMs },
      );
      made.push(connections);
      return { connections, attempts };
    }

    it('refuses instead of waiting, and tries again no sooner than it was told', async () => {
      const { connections, attempts } = counted(closedPort, 60_000);
      await expect(pidOf(connections)).rejects.toMatchObject({ name: 'ReadConnectionsUnavailable', busy: false });
      expect(attempts.count).toBe(2);
      // Within the retry interval: refused with no new connect.
      await expect(pidOf(connections)).rejects.toBeInstanceOf(ReadConnectionsUnavailable);
      expect(attempts.count).toBe(2);
    });

    it('tries again once the interval has passed', async () => {
      const { connections, attempts } = counted(closedPort, 50);
      await expect(pidOf(connections)).rejects.toBeInstanceOf(ReadConnectionsUnavailable);
      await new Promise((r) => setTimeout(r, 80));
      await expect(pidOf(connections)).rejects.toBeInstanceOf(ReadConnectionsUnavailable);
      expect(attempts.count).toBe(4);
    });

    it('gives up on a connect that hangs after its timeout', async () => {
      const { connections } = counted(silentPort, 60_000, 300);
      const started = performance.now();
      await expect(pidOf(connections)).rejects.toBeInstanceOf(ReadConnectionsUnavailable);
      expect(performance.now() - started).toBeLessThan(3_000);
    });
  });

  it('ends every connection when closed and refuses statements after', async () => {
    const connections = likePool(2);
    await pidOf(connections);
    await waitUntil(async () => (connections.openCount() === 2 ? true : null), 5_000, 'both connections open');
    // One on each connection: the slow one holds the first, so the second answers the other.
    const pids = await Promise.all([pidOf(connections, 0.2), pidOf(connections)]);
    expect(new Set(pids).size).toBe(2);
    await connections.close();
    expect(connections.openCount()).toBe(0);
    await expect(pidOf(connections)).rejects.toBeInstanceOf(ReadConnectionsUnavailable);
    const stillThere = async () => (await dataSource.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY($1)', [pids]))[0].n;
    await waitUntil(async () => ((await stillThere()) === 0 ? true : null), 5_000, 'the closed connections gone from pg_stat_activity');
  });
});
