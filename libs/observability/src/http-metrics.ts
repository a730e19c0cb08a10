import { Counter, Histogram, Registry } from 'prom-client';

/** Latency buckets in seconds: from a cached read (5 ms) to an Update that waits for a slow activity (10 s). */
export const HTTP_LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Request count and latency by route pattern (`/api/v1/ai-systems/:id`, never the URL with its
 * ids or tokens, so the number of series stays bounded), method and status code.
 */
export class HttpMetrics {
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'aigov_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'aigov_http_request_duration_seconds',
      help: 'Time from receiving a request to sending the answer, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_LATENCY_BUCKETS,
      registers: [registry],
    });
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }
}
