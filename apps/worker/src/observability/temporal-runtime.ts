import { createServer } from 'node:net';
import { Runtime } from '@temporalio/worker';
import type { Logger } from '@aigov/observability/logger';
import { PinoTemporalLogger } from '@aigov/observability/temporal-logger';

/** A port nothing listens on now, for the SDK's own exporter on loopback. */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Installs the Temporal runtime once per process, before any connection: the SDK's and Core's
 * log lines go to the worker's JSON logger, and the SDK's worker metrics (task slots, poll and
 * schedule-to-start latencies, sticky cache, activity and workflow task outcomes) to a Prometheus
 * exporter on a loopback port of its own, which the worker's /metrics reads and appends (so
 * operators scrape one endpoint, and the exporter is never reachable from outside).
 *
 * Returns the exporter's URL, or undefined when a runtime was already installed by someone else
 * (a test process that runs several workers): then only the worker's own metrics are served.
 */
export async function installTemporalRuntime(logger: Logger): Promise<string | undefined> {
  if (Runtime._instance) return undefined;
  const port = await freeLoopbackPort();
  Runtime.install({
    logger: new PinoTemporalLogger(logger),
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      metrics: { prometheus: { bindAddress: `127.0.0.1:${port}` } },
    },
  });
  return `http://127.0.0.1:${port}/metrics`;
}
