import { ConfigError } from './app-config';

/** How big a request body's structure may be; checked after parsing, before validation. */
export interface RequestBodyBounds {
  /** BODY_MAX_DEPTH: nesting of objects and arrays (the body itself is level 1) */
  maxDepth: number;
  /** BODY_MAX_ENTRIES: object keys plus array elements in the whole body */
  maxEntries: number;
  /** BODY_MAX_OBJECT_KEYS: keys of any one object */
  maxObjectKeys: number;
  /** BODY_MAX_ARRAY_LENGTH: elements of any one array */
  maxArrayLength: number;
}

/**
 * Defaults well above every real request of this API: its DTOs nest at most 4 levels and their
 * lists hold at most 200 items (internal audit findings); the free-form objects (a deployment's
 * configuration, an impact assessment’s answers, 21 questions) get room for a large model
 * configuration. A body at these bounds costs validation a few milliseconds, where 50,000 keys
 * cost 3.6 s.
 */
export const DEFAULT_REQUEST_BODY_BOUNDS: RequestBodyBounds = { maxDepth: 32, maxEntries: 20_000, maxObjectKeys: 1_000, maxArrayLength: 10_000 };

function bound(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(name, `must be an integer from ${min} to ${max}, got '${raw.slice(0, 40)}'`);
  return value;
}

export function loadRequestBodyBounds(env: NodeJS.ProcessEnv): RequestBodyBounds {
  const d = DEFAULT_REQUEST_BODY_BOUNDS;
  return {
    // Past a few hundred levels the validators recurse past the stack, so the ceiling stays low.
    maxDepth: bound(env, 'BODY_MAX_DEPTH', d.maxDepth, 2, 256),
    maxEntries: bound(env, 'BODY_MAX_ENTRIES', d.maxEntries, 10, 1_000_000),
    maxObjectKeys: bound(env, 'BODY_MAX_OBJECT_KEYS', d.maxObjectKeys, 10, 1_000_000),
    maxArrayLength: bound(env, 'BODY_MAX_ARRAY_LENGTH', d.maxArrayLength, 10, 1_000_000),
  };
}
