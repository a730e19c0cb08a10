import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import { AppConfig } from '@aigov/config/app-config';
import { createLogger } from '@aigov/observability/logger';
import { PinoNestLogger, pinoLevelOf } from '@aigov/observability/nest-logger';
import { installTemporalRuntime } from './observability/temporal-runtime';
import { WorkerHttpServer } from './observability/worker-http.server';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerModule } from './worker.module';

export interface RunningWorker {
  app: INestApplicationContext;
  /** settles when the Temporal worker stops */
  done: Promise<void>;
  stop(): Promise<void>;
  /** where the worker's HTTP server (health, metrics) listens */
  http: { host: string; port: number };
}

/**
 * Starts the worker as a Nest application context with its small HTTP server for health and
 * metrics, used by main.ts and by tests. The Temporal runtime (logs, SDK metrics) is installed
 * first, when this process has none yet.
 */
export async function createWorkerApp(
  config: AppConfig,
  opts: {
    /** false: no logs; Nest's level list (tests pass ['error', 'warn']): the least severe listed; default config.logLevel */
    logger?: false | Array<'log' | 'error' | 'warn' | 'debug' | 'verbose'>;
    /** where the JSON log lines go (default stdout) */
    logDestination?: DestinationStream;
  } = {},
): Promise<RunningWorker> {
  const level = opts.logger === false ? 'silent' : opts.logger ? pinoLevelOf(opts.logger) : config.logLevel;
  const logger = createLogger({ service: 'worker', level, destination: opts.logDestination });
  const sdkMetricsUrl = await installTemporalRuntime(logger);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, { sdkMetricsUrl }), {
    logger: new PinoNestLogger(logger),
  });
  app.enableShutdownHooks();
  await app.init();
  const worker = app.get(TemporalWorkerService);
  return { app, done: worker.done, stop: () => app.close(), http: app.get(WorkerHttpServer).address! };
}
