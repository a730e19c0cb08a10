import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { DedicatedReadConnections, ReadConnectionsUnavailable } from '@aigov/persistence/dedicated-read-connections';
import { pgPoolOf, queryPreparedOnPool } from '@aigov/persistence/pool-query';

/**
 * Two connections: the fast lane's statement takes well under a millisecond on the server, so
 * two connections answer thousands a second, and the second keeps the lane going while the first
 * waits on a slow statement or reconnects. Each one is a PostgreSQL backend of its own beside the pool's ten.
 */
const CONNECTIONS = 2;
/** Past this many statements waiting on the least busy connection, an idle connection of the pool takes the rest. */
const MAX_PENDING = 32;
/**
 * With no idle connection in the pool, statements keep waiting on the lane's connections up to
 * this many each (a quarter of a second at 1,000 requests/s) before the pool may open new ones.
 * A backlog means PostgreSQL or the API is short of CPU for a moment; a new connection is a new
 * PostgreSQL process that costs tens of milliseconds of CPU to start, so opening the pool's ten
 * then made a 40 ms hiccup into half a second of answers 200-700 ms late (the bench's tail on
 * 2026-12-02: each time, ten new backends; the pool had closed its idle ones after 10 s).
 */
const MAX_PENDING_WITHOUT_IDLE_POOL = 256;
const RETRY_AFTER_MS = 1_000;
/** How pg_stat_activity names them (the pool's connections carry the process title). */
export const AUTHORIZE_CONNECTIONS_APPLICATION_NAME = 'aigov-authorize-lane';

/**
 * The fast lane's read on connections of its own (dedicated-read-connections.ts), and on the
 * pool whenever none of them can take it (starting up, reconnecting after a restart), so the lane
 * never waits for a connect and answers the same either way. A backlog on them goes to an idle
 * connection of the pool, or, with none idle, waits on them a while longer (above) before the
 * pool may open connections. The pool's answer to an
 * outage (an error, then the full route's 503) is the lane's too.
 */
@Injectable()
export class AuthorizeReadConnections implements OnApplicationShutdown {
  private readonly connections: DedicatedReadConnections | null;
  private readonly fallbacks: Counter;
  private readonly waitedOnLane: Counter;

  constructor(
    private readonly dataSource: DataSource,
    registry: Registry,
  ) {
    this.connections = DedicatedReadConnections.likePoolOf(dataSource, AUTHORIZE_CONNECTIONS_APPLICATION_NAME, { size: CONNECTIONS, maxPending: MAX_PENDING, retryAfterMs: RETRY_AFTER_MS });
    this.fallbacks = new Counter({
      name: 'aigov_authorize_read_pool_fallbacks_total',
      help: "Fast-lane reads that went to the shared pool because none of the lane's own PostgreSQL connections could take them (starting up, reconnecting, all busy)",
      registers: [registry],
    });
    this.waitedOnLane = new Counter({
      name: 'aigov_authorize_read_backlog_waits_total',
      help: "Fast-lane reads that waited in a backlog on the lane's own PostgreSQL connections because the shared pool had no idle connection (rather than open new ones)",
      registers: [registry],
    });
    const connections = this.connections;
    new Gauge({
      name: 'aigov_authorize_read_connections_open',
      help: "The fast lane's own PostgreSQL connections open now",
      registers: [registry],
      collect() {
        this.set(connections?.openCount() ?? 0);
      },
    });
  }

  async query<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
    if (this.connections) {
      try {
        return await this.connections.query<T>(name, text, values);
      } catch (error) {
        if (!(error instanceof ReadConnectionsUnavailable)) throw error;
        if (error.busy && !this.poolHasIdleConnection()) {
          const rows = await this.waitOnLane<T>(name, text, values);
          if (rows) return rows;
        }
        this.fallbacks.inc();
      }
    }
    return queryPreparedOnPool<T>(this.dataSource, name, text, values);
  }

  /** The statement queued on the lane's least busy connection, up to the longer limit; null past it. */
  private async waitOnLane<T>(name: string, text: string, values: unknown[]): Promise<T[] | null> {
    try {
      const rows = await this.connections!.query<T>(name, text, values, { maxPending: MAX_PENDING_WITHOUT_IDLE_POOL });
      this.waitedOnLane.inc();
      return rows;
    } catch (error) {
      if (error instanceof ReadConnectionsUnavailable) return null;
      throw error;
    }
  }

  private poolHasIdleConnection(): boolean {
    return (pgPoolOf(this.dataSource)?.idleCount ?? 0) > 0;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connections?.close();
  }
}
