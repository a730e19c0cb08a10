import { isIP } from 'node:net';
import { ConfigError } from './app-config';

/**
 * Which peers may tell the API the client's address in X-Forwarded-For (Fastify's
 * `trustProxy`). Off by default: the address is the TCP peer's, so a client cannot pick its own
 * address to dodge a rate limit or forge the one logged. Behind a reverse proxy or load balancer,
 * list the proxies' addresses or CIDR ranges (TRUST_PROXY=10.0.0.0/8,192.168.1.10), or the
 * number of proxy hops in front of the API (TRUST_PROXY=1), or loopback / linklocal / uniquelocal; `true` trusts every peer and is only
 * right when nothing can reach the API except through the proxy.
 */
export type TrustProxySetting = false | true | number | string[];

const CIDR = /^(.+)\/(\d{1,3})$/;

/** proxy-addr's names for ranges, which Fastify accepts too */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function validAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const match = CIDR.exec(entry);
  if (!match) return isIP(entry) !== 0;
  const family = isIP(match[1]);
  const bits = Number(match[2]);
  return (family === 4 && bits <= 32) || (family === 6 && bits <= 128);
}

export function loadTrustProxy(env: NodeJS.ProcessEnv): TrustProxySetting {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw || raw.toLowerCase() === 'false') return false;
  if (raw.toLowerCase() === 'true') return true;
  if (/^\d{1,2}$/.test(raw)) {
    const hops = Number(raw);
    if (hops < 1) throw new ConfigError('TRUST_PROXY', 'a hop count must be at least 1 (use false for none)');
    return hops;
  }
  const entries = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = entries.find((entry) => !validAddressOrRange(entry));
  if (bad !== undefined || entries.length === 0) {
    throw new ConfigError('TRUST_PROXY', `must be false, true, a hop count, or a comma-separated list of IP addresses or CIDR ranges; '${bad ?? raw}' is none of these`);
  }
  return entries;
}

/** Fastify's `trustProxy` option: a list, a boolean, or a function of the peer's address and its hop. */
export type FastifyTrustProxy = boolean | string[] | ((address: string, hop: number) => boolean);

/**
 * The setting as Fastify takes it. A hop count becomes the function proxy-addr builds for one
 * (trust the n nearest peers): since 5.12 Fastify answers a bare number by trusting nobody, as a
 * count cannot check who the peer is. TRUST_PROXY=n keeps its documented meaning here, which is
 * right only where nothing reaches the API except through those n proxies (README, TRUST_PROXY).
 */
export function fastifyTrustProxy(setting: TrustProxySetting): FastifyTrustProxy {
  if (typeof setting !== 'number') return setting;
  const hops = setting;
  return (_address, hop) => hop < hops;
}
