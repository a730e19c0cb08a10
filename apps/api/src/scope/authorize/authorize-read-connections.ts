import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { DedicatedReadConnections, ReadConnectionsUnavailable } from '@aigov/persistence/dedicated-read-connections';
import { queryPreparedOnPool } from '@aigov/persistence/pool-query';

/**
 * Two connections: the fast lane's statement takes well under a millisecond on the server, so
 * two connections answer thousands a second, and the second keeps the lane going while the first
 * waits on a slow statement or reconnects. Each one is a PostgreSQL backend of its own beside the pool's ten.
 */
const CONNECTIONS = 2;
/** Past this many statements waiting on the least busy connection, the pool takes the rest. */
const MAX_PENDING = 32;
const RETRY_AFTER_MS = 1_000;
/** How pg_stat_activity names them (the pool's connections carry the process title). */
export const AUTHORIZE_CONNECTIONS_APPLICATION_NAME = 'aigov-authorize-lane';

/**
 * The fast lane's read on connections of its own (dedicated-read-connections.ts), and on the
 * pool whenever none of them can take it (starting up, reconnecting after a restart, all busy),
 * so the lane never waits for them and answers the same either way. The pool's answer to an
 * outage (an error, then the full route's 503) is the lane's too.
 */
@Injectable()
export class AuthorizeReadConnections implements OnApplicationShutdown {
  private readonly connections: DedicatedReadConnections | null;
  private readonly fallbacks: Counter;

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
        this.fallbacks.inc();
      }
    }
    return queryPreparedOnPool<T>(this.dataSource, name, text, values);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connections?.close();
  }
}
