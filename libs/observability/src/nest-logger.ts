import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

/**
 * Nest's LoggerService over pino, so `new Logger('Context')` anywhere in the code writes the
 * same JSON lines as the rest (with `context`). Nest passes the context as the last argument,
 * and an error's stack as the one before it.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, rest: unknown[]): void {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const stack = level === 'error' && typeof rest[0] === 'string' && rest[0].includes('\n    at ') ? (rest.shift() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (stack) fields.stack = stack;
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...fields, ...(message as object) });
    else this.logger[level](fields, String(message));
  }
}

/** Nest's level list (`['error', 'warn']`, as tests pass) as the one pino level it amounts to. */
export function pinoLevelOf(levels: ReadonlyArray<'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal'>): 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' {
  if (levels.includes('verbose')) return 'trace';
  if (levels.includes('debug')) return 'debug';
  if (levels.includes('log')) return 'info';
  if (levels.includes('warn')) return 'warn';
  if (levels.includes('error')) return 'error';
  return levels.includes('fatal') ? 'fatal' : 'silent';
}
