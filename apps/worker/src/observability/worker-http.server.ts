import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { metricsScrapeAllowed } from '@aigov/observability/metrics-access';
import { TemporalWorkerService } from '../temporal-worker.service';
import { WorkerMetrics } from './worker-metrics';

/** How long readiness waits for each dependency before calling it down. */
const PROBE_TIMEOUT_MS = 2000;

const within = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

/**
 * The worker's small HTTP server (it has no other): GET /health/live, /health/ready and
 * /metrics on WORKER_HTTP_HOST:WORKER_HTTP_PORT, loopback by default. Listening starts when the
 * module initialises (before the Temporal worker connects, so liveness answers during a slow
 * start) and stops on shutdown. Bound to loopback, /metrics needs no token; with METRICS_TOKEN
 * set it asks for it too, so the server can be bound to a pod's address for scraping.
 */
@Injectable()
export class WorkerHttpServer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerHttp');
  private server?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly temporalWorker: TemporalWorkerService,
    private readonly metrics: WorkerMetrics,
  ) {}

  /** host:port it listens on (the port chosen when WORKER_HTTP_PORT=0) */
  get address(): { host: string; port: number } | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? { host: address.address, port: address.port } : undefined;
  }

  async onModuleInit(): Promise<void> {
    const { host, port } = this.config.workerHttp;
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: Error) => {
        this.logger.error(`${request.method} ${routeOf(request.url)} failed: ${error.message}`);
        if (!response.headersSent) send(response, 500, 'application/json', JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' }));
      });
    });
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(new Error(`the worker's HTTP server cannot listen on ${host}:${port} (WORKER_HTTP_HOST, WORKER_HTTP_PORT): ${error.code ?? error.message}`)),
      );
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    this.logger.log(`health and metrics on http://${host.includes(':') ? `[${host}]` : host}:${this.address!.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const route = routeOf(request.url);
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'application/json', error(405, 'Method Not Allowed', 'only GET'), { allow: 'GET, HEAD' });
    if (route === '/health/live') return send(response, 200, 'application/json', JSON.stringify({ status: 'ok' }));
    if (route === '/health/ready') {
      const [database, temporal] = await Promise.all([
        within(this.dataSource.query('SELECT 1'), PROBE_TIMEOUT_MS).then(() => 'up' as const, () => 'down' as const),
        within(this.temporalWorker.temporalReachable(), PROBE_TIMEOUT_MS).then((up) => (up ? ('up' as const) : ('down' as const)), () => 'down' as const),
      ]);
      const ok = database === 'up' && temporal === 'up';
      return send(response, ok ? 200 : 503, 'application/json', JSON.stringify({ status: ok ? 'ok' : 'degraded', database, temporal }));
    }
    if (route === '/metrics') {
      if (this.config.metricsToken && !metricsScrapeAllowed(request.headers.authorization, this.config.metricsToken)) {
        return send(response, 401, 'application/json', error(401, 'Unauthorized', 'missing or wrong metrics token (Authorization: Bearer <METRICS_TOKEN>)'), { 'www-authenticate': 'Bearer realm="metrics"' });
      }
      return send(response, 200, this.metrics.contentType, await this.metrics.text());
    }
    return send(response, 404, 'application/json', error(404, 'Not Found', 'the worker serves /health/live, /health/ready and /metrics'));
  }
}

/** The path without its query string. */
function routeOf(url: string | undefined): string {
  return (url ?? '/').split('?')[0];
}

function error(statusCode: number, reason: string, message: string): string {
  return JSON.stringify({ statusCode, error: reason, message });
}

function send(response: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', ...headers });
  response.end(body);
}
