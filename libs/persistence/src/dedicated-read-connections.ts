import { Client, type ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { pgPoolOf } from './pool-query';

/** Thrown instead of waiting when no dedicated connection can take a statement now; the caller answers another way. */
export class ReadConnectionsUnavailable extends Error {
  constructor(
    message: string,
    /** true when connections are open but every one has its most statements waiting (a backlog, not an outage) */
    readonly busy = false,
  ) {
    super(message);
    this.name = 'ReadConnectionsUnavailable';
  }
}

export interface DedicatedQueryOptions {
  /** this statement's own limit on the statements waiting, instead of the connections' maxPending */
  maxPending?: number;
}

export interface DedicatedReadConnectionsOptions {
  /** connections kept open */
  size: number;
  /** statements queued on one connection before the next is refused (a connection that hangs stops taking work) */
  maxPending: number;
  /** after a failed connect, how long a slot waits before it tries again */
  retryAfterMs: number;
  /** how long close() lets statements already sent finish before it cuts their connection (default 2 s) */
  closeGraceMs?: number;
}

interface Connection {
  client: Client;
  /** statements sent and not yet answered */
  pending: number;
  /** takes it out of its slot and ends it (once) */
  drop: () => void;
}

/**
 * An error that leaves the connection unusable: no SQLSTATE (the socket failed), a connection
 * exception (class 08) or the server going away (57P01-57P03: terminated by an administrator, a
 * crash, a shutdown). Any other SQLSTATE failed one statement and the connection goes on.
 */
function endsTheConnection(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code !== 'string' || code.startsWith('08') || code.startsWith('57P');
}

interface Slot {
  open: Connection | null;
  /** a connect under way; resolves to null when it failed (never rejects: nobody may be waiting) */
  connecting: Promise<Connection | null> | null;
  /** no connect before this time */
  retryAt: number;
}

/**
 * A few PostgreSQL connections held open for one hot read (the authorize fast lane), each
 * statement sent on the connection with the fewest statements waiting.
 *
 * Why not the pool: every pool.query checks a client out and back in, and pg-pool's checkout
 * writes new objects (a release closure, an idle timer, an error listener) onto a client that
 * lives for hours. At a thousand reads a second those per-checkout objects outlived young
 * collections and were promoted, and the API's GC pauses were the longest part of its tail
 * (README, "Speed"): on two held connections the bytes promoted per young collection fell by a third.
 *
 * It never waits for PostgreSQL to come back: with no open connection (a restart, a network
 * cut) a statement is refused at once with ReadConnectionsUnavailable, a closed slot connects
 * again on the next statement at most once per retryAfterMs, and the caller uses its ordinary
 * path meanwhile (which answers 503 while the database is away). A connection the server ends
 * is dropped on its 'error' or 'end' event; its statements in flight fail and are not retried here.
 * Reads only, on prepared statements (node-postgres prepares a named statement once per connection).
 *
 * likePoolOf's connections are pipelined (node-postgres's `pipeline` mode): a statement is written to the
 * server at once, even while others on the same connection wait for their answers, and each
 * carries its own Sync, so one that fails fails alone. Without it, node-postgres held the waiting
 * statements in its own queue and sent the next only after the previous answer had been read,
 * so a backlog after a stall drained one round trip and one turn of the API's event loop at a
 * time; that queue is also deprecated (a warning in every log, gone in pg@9).
 */
export class DedicatedReadConnections {
  private readonly slots: Slot[];
  private closed = false;

  constructor(
    private readonly newClient: () => Client,
    private readonly options: DedicatedReadConnectionsOptions,
  ) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError(`size must be a positive integer, not ${options.size}`);
    this.slots = Array.from({ length: options.size }, () => ({ open: null, connecting: null, retryAt: 0 }));
  }

  /**
   * Connections made with the settings of the DataSource's own pool (its URL, startup options such
   * as jit=off, TLS, and the Client class that guards against unheard errors), under an
   * application_name of their own so that pg_stat_activity tells them from the pool's; null when
   * the DataSource is not on node-postgres.
   */
  static likePoolOf(dataSource: DataSource, applicationName: string, options: DedicatedReadConnectionsOptions): DedicatedReadConnections | null {
    const pool = pgPoolOf(dataSource);
    if (!pool?.options) return null;
    const ClientClass = pool.Client ?? Client;
    // A connect that hangs would hold a slot's 'connecting' for good; the pool's setting may be unbounded.
    const config: ClientConfig = {
      ...pool.options,
      application_name: applicationName,
      connectionTimeoutMillis: pool.options.connectionTimeoutMillis || 5_000,
      pipeline: true,
    };
    return new DedicatedReadConnections(() => new ClientClass(config), options);
  }

  async query<T>(name: string, text: string, values: unknown[], options: DedicatedQueryOptions = {}): Promise<T[]> {
    const maxPending = options.maxPending ?? this.options.maxPending;
    const connection = this.pick(maxPending) ?? (await this.firstConnected(maxPending));
    connection.pending++;
    try {
      return (await connection.client.query({ name, text, values })).rows as T[];
    } catch (error) {
      // Dropped now rather than on the socket's 'end', which may come after the next statement was sent.
      if (endsTheConnection(error)) connection.drop();
      throw error;
    } finally {
      connection.pending--;
    }
  }

  /** Connections open now (for the lane's gauge and the tests). */
  openCount(): number {
    return this.slots.filter((s) => s.open).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    const ending = this.slots.map(async (slot) => {
      const connection = slot.open ?? (await slot.connecting);
      slot.open = null;
      if (connection) await this.endWithin(connection.client, this.options.closeGraceMs ?? 2_000);
    });
    await Promise.all(ending);
  }

  /**
   * A pipelined client's end() waits until the statements on the wire are answered, so that a
   * shutdown answers the requests already under way; one held by a lock (a migration's ALTER
   * TABLE) would hold the shutdown, so after the grace the socket is cut and they fail.
   */
  private async endWithin(client: Client, graceMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const cut = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        client.connection.stream.destroy();
        resolve();
      }, graceMs);
    });
    await Promise.race([client.end().catch(() => undefined), cut]);
    clearTimeout(timer);
  }

  /** The open connection with the fewest statements waiting; starts connects that are due; null when none is open. */
  private pick(maxPending: number): Connection | null {
    if (this.closed) throw new ReadConnectionsUnavailable('the dedicated connections are closed');
    let best: Connection | null = null;
    for (const slot of this.slots) {
      if (!slot.open && !slot.connecting && performance.now() >= slot.retryAt) slot.connecting = this.connect(slot);
      if (slot.open && (best === null || slot.open.pending < best.pending)) best = slot.open;
    }
    if (best && best.pending >= maxPending) {
      throw new ReadConnectionsUnavailable(`every dedicated connection has ${maxPending} statements waiting`, true);
    }
    return best;
  }

  /** With none open: the first connect under way to succeed, or a refusal. */
  private async firstConnected(maxPending: number): Promise<Connection> {
    const underWay = this.slots.map((s) => s.connecting).filter((c): c is Promise<Connection | null> => c !== null);
    if (underWay.length === 0) throw new ReadConnectionsUnavailable('no dedicated connection to PostgreSQL is open; the next try is due shortly');
    const connected = await Promise.race(underWay);
    const connection = connected ?? this.pick(maxPending);
    if (!connection) throw new ReadConnectionsUnavailable('could not connect to PostgreSQL');
    return connection;
  }

  private async connect(slot: Slot): Promise<Connection | null> {
    const client = this.newClient();
    let dropped = false;
    const connection: Connection = {
      client,
      pending: 0,
      drop: () => {
        if (slot.open === connection) slot.open = null;
        if (dropped) return;
        dropped = true;
        client.end().catch(() => undefined);
      },
    };
    // Listened to before connecting: an 'error' event with no listener crashes the process.
    client.on('error', connection.drop);
    client.on('end', connection.drop);
    try {
      await client.connect();
    } catch {
      slot.connecting = null;
      slot.retryAt = performance.now() + this.options.retryAfterMs;
      client.end().catch(() => undefined);
      return null;
    }
    slot.connecting = null;
    if (this.closed) {
      await client.end().catch(() => undefined);
      return null;
    }
    slot.open = connection;
    return connection;
  }
}
