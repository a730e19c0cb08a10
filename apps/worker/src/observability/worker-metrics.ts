import { collectDefaultMetrics, Registry } from 'prom-client';

/** How long /metrics waits for the SDK's exporter before answering without its part. */
const SDK_SCRAPE_TIMEOUT_MS = 2000;

/**
 * The worker's metrics: its process figures from prom-client, then the Temporal SDK's own,
 * read from the runtime's loopback exporter at scrape time (both in the text format 0.0.4, with
 * disjoint names: `process_*` and `nodejs_*` here, `temporal_*` there).
 */
export class WorkerMetrics {
  readonly registry = new Registry();

  constructor(private readonly sdkMetricsUrl: string | undefined) {
    collectDefaultMetrics({ register: this.registry });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  async text(): Promise<string> {
    const own = await this.registry.metrics();
    if (!this.sdkMetricsUrl) return own;
    try {
      const response = await fetch(this.sdkMetricsUrl, { signal: AbortSignal.timeout(SDK_SCRAPE_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`status ${response.status}`);
      const sdk = await response.text();
      return `${own.endsWith('\n') ? own : `${own}\n`}${sdk}`;
    } catch (error) {
      // The process figures still matter when the SDK's exporter does not answer.
      return `${own}# Temporal SDK metrics unavailable: ${(error as Error).message.replace(/\n/g, ' ')}\n`;
    }
  }
}
