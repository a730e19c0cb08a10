import { ConfigError } from './app-config';

/**
 * The rate limits on the endpoints anyone can reach without signing in. Each is a token bucket:
 * `requests` at once, refilled at `requests` per `windowMs`, one bucket per client address (or
 * per email address for sign-in requests). Set with RATE_LIMIT_<NAME>=<requests>/<seconds>
 * (for example RATE_LIMIT_SIGN_IN=30/300), or `off`.
 */
export interface RateLimitRule {
  requests: number;
  windowMs: number;
}

export const RATE_LIMIT_NAMES = ['actions', 'sign_in', 'sign_in_email', 'webhook'] as const;
export type RateLimitName = (typeof RATE_LIMIT_NAMES)[number];

export interface RateLimits {
  /** null: that limit is off */
  rules: Record<RateLimitName, RateLimitRule | null>;
  /** how many clients each limit remembers at most; the idlest are forgotten first */
  maxKeys: number;
}

/**
 * Defaults sized for people and monitoring tools, not for scripts: an emailed action page is
 * opened and posted a few times a minute at most; a sign-in needs three requests; a monitoring
 * tool sends bursts. Beyond them a client waits, so guessing link tokens or mailing an address
 * over and over costs the attacker time, not the server.
 */
export const DEFAULT_RATE_LIMITS: Record<RateLimitName, RateLimitRule> = {
  actions: { requests: 120, windowMs: 60_000 },
  sign_in: { requests: 60, windowMs: 300_000 },
  // above the 5 links per person per 15 minutes the sign-in service sends at most
  sign_in_email: { requests: 10, windowMs: 900_000 },
  webhook: { requests: 1200, windowMs: 60_000 },
};

export const DEFAULT_RATE_LIMIT_MAX_KEYS = 10_000;

function rule(env: NodeJS.ProcessEnv, name: RateLimitName): RateLimitRule | null {
  const variable = `RATE_LIMIT_${name.toUpperCase()}`;
  const raw = env[variable]?.trim();
  if (!raw) return DEFAULT_RATE_LIMITS[name];
  if (raw.toLowerCase() === 'off') return null;
  const match = /^(\d{1,7})\/(\d{1,6}(?:\.\d{1,3})?)$/.exec(raw);
  const requests = match ? Number(match[1]) : NaN;
  const seconds = match ? Number(match[2]) : NaN;
  if (!match || requests < 1 || seconds <= 0) {
    throw new ConfigError(variable, `must be <requests>/<seconds> (for example 30/60) or off, got '${raw}'`);
  }
  return { requests, windowMs: Math.round(seconds * 1000) };
}

export function loadRateLimits(env: NodeJS.ProcessEnv): RateLimits {
  const rules = Object.fromEntries(RATE_LIMIT_NAMES.map((name) => [name, rule(env, name)])) as RateLimits['rules'];
  const raw = env.RATE_LIMIT_MAX_KEYS?.trim();
  const maxKeys = raw ? Number(raw) : DEFAULT_RATE_LIMIT_MAX_KEYS;
  if (!Number.isInteger(maxKeys) || maxKeys < 1 || maxKeys > 10_000_000) {
    throw new ConfigError('RATE_LIMIT_MAX_KEYS', `must be an integer from 1 to 10000000, got '${raw}'`);
  }
  return { rules, maxKeys };
}
