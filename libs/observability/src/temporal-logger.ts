import type { Logger as TemporalLogger, LogLevel, LogMetadata } from '@temporalio/common';
import type { Logger } from 'pino';

const LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/**
 * The Temporal SDK's logger (Runtime.install) over pino: the SDK's own lines and the activity
 * context logger (`log` from @temporalio/activity, with the activity's attributes and the request
 * id that the activity interceptor adds) become the worker's JSON lines.
 */
export class PinoTemporalLogger implements TemporalLogger {
  constructor(private readonly logger: Logger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    // The SDK passes a failure as `error`; pino serialises it (message, stack) only as `err`.
    const { error, ...rest } = (meta ?? {}) as LogMetadata & { error?: unknown };
    this.logger[LEVEL[level]]({ ...rest, ...(error !== undefined ? { err: error } : {}), component: 'temporal' }, message);
  }

  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }

  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }

  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }

  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }

  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}
