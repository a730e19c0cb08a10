import pino, { DestinationStream, Logger } from 'pino';
import type { LogLevelName } from '@aigov/config/app-config';
import { currentRequestId } from './request-context';
import { scrubSecrets } from './secret-scrubber';

export type { Logger } from 'pino';

/** Header and cookie fields that hold credentials, wherever a logged object carries them. */
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'password',
  'token',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.token',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
  '*.headers["x-csrf-token"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["x-csrf-token"]',
];

function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (value instanceof Error) {
    const copy = new Error(scrubSecrets(value.message));
    copy.name = value.name;
    copy.stack = value.stack ? scrubSecrets(value.stack) : undefined;
    return copy;
  }
  if (depth < 3 && value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, depth + 1)]));
  }
  return value;
}

/**
 * The process's one JSON logger: a line per event with `time`, `level` (as a word), `service`,
 * `msg`, the current request id when there is one, and secrets removed from messages and from
 * credential-bearing fields. `destination` is stdout unless a test captures the lines.
 */
export function createLogger(opts: { service: 'api' | 'worker'; level: LogLevelName; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: opts.level,
      base: { service: opts.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      messageKey: 'msg',
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      hooks: {
        logMethod(args, method) {
          return method.apply(this, args.map((arg) => scrubValue(arg)) as Parameters<typeof method>);
        },
      },
    },
    opts.destination ?? pino.destination(1),
  );
}
