import { INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@aigov/config/app-config';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerModule } from './worker.module';

export interface RunningWorker {
  app: INestApplicationContext;
  /** settles when the Temporal worker stops */
  done: Promise<void>;
  stop(): Promise<void>;
}

/** Starts the worker as a Nest application context (no HTTP), used by main.ts and by tests. */
export async function createWorkerApp(
  config: AppConfig,
  opts: { logger?: false | LoggerService | Array<'log' | 'error' | 'warn' | 'debug' | 'verbose'> } = {},
): Promise<RunningWorker> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: opts.logger ?? ['error', 'warn', 'log'],
  });
  app.enableShutdownHooks();
  await app.init();
  const worker = app.get(TemporalWorkerService);
  return { app, done: worker.done, stop: () => app.close() };
}
