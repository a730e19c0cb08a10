/**
 * Where an outbound webhook may be sent. A subscription's URL is chosen by an admin, but the
 * worker that POSTs to it sits inside the network: without a check, a subscription could make
 * it call the cloud metadata service (169.254.169.254), a database's HTTP port on localhost,
 * or anything else only reachable from inside (server-side request forgery). By default only
 * public unicast addresses are allowed; WEBHOOK_ALLOW_PRIVATE_DESTINATIONS lifts that (local
 * receivers, tests). Pure: the API checks the URL with it, the worker checks every address a
 * name resolves to, at connection time, so a DNS answer changed after the check (rebinding)
 * is caught too.
 */

export type AddressClass = 'public' | 'loopback' | 'private' | 'link_local' | 'unspecified' | 'multicast' | 'reserved';

export type DestinationRefusal = { field: 'url'; message: string };

/** Parses and checks a subscription URL's form; returns the refusal or the URL. */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): { ok: true; url: URL } | { ok: false; refusal: DestinationRefusal } {
  const refuse = (message: string) => ({ ok: false as const, refusal: { field: 'url' as const, message } });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('url must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return refuse(`url must use http or https, not ${url.protocol.replace(/:$/, '')}`);
  // Credentials in a URL end up in logs and screens; the signature authenticates the sender instead.
  if (url.username || url.password) return refuse('url must not contain a user name or password');
  if (url.hash) return refuse('url must not contain a fragment (#...)');
  const host = hostOf(url);
  if (!host) return refuse('url must name a host');
  if (!allowPrivate) {
    const literal = classifyAddress(host);
    if (literal && literal !== 'public') return refuse(`url points to a ${literal.replace('_', '-')} address, which webhooks may not reach (WEBHOOK_ALLOW_PRIVATE_DESTINATIONS)`);
    if (isLocalName(host)) return refuse('url points to this machine (localhost), which webhooks may not reach (WEBHOOK_ALLOW_PRIVATE_DESTINATIONS)');
  }
  return { ok: true, url };
}

/** The URL's host without IPv6 brackets, lower-case. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

function isLocalName(host: string): boolean {
  const name = host.replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || name === 'localhost.localdomain';
}

/** Whether a resolved address may be connected to. */
export function isAllowedAddress(address: string, allowPrivate: boolean): boolean {
  if (allowPrivate) return true;
  return classifyAddress(address) === 'public';
}

/** The class of an IPv4 or IPv6 literal; null when `text` is not an IP address (a name). */
export function classifyAddress(text: string): AddressClass | null {
  const v4 = parseIpv4(text);
  if (v4) return classifyIpv4(v4);
  const v6 = parseIpv6(text);
  if (v6) return classifyIpv6(v6);
  return null;
}

function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 255) ? bytes : null;
}

function classifyIpv4([a, b, c]: number[]): AddressClass {
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'private'; // carrier-grade NAT
  if (a === 169 && b === 254) return 'link_local';
  if (a === 192 && b === 0 && c === 0) return 'reserved'; // IETF protocol assignments
  if (a === 198 && (b === 18 || b === 19)) return 'reserved'; // benchmarking
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved';
  return 'public';
}

/** Eight 16-bit groups, or null. Accepts `::` compression and a dotted IPv4 tail; drops a zone (%eth0). */
function parseIpv6(text: string): number[] | null {
  let s = text.replace(/%.*$/, '');
  if (!s.includes(':')) return null;
  const lastColon = s.lastIndexOf(':');
  const maybeV4 = s.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    const v4 = parseIpv4(maybeV4);
    if (!v4) return null;
    s = `${s.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const group = (h: string) => (h === '' ? [] : h.split(':'));
  const head = group(halves[0]);
  const rest = halves.length === 2 ? group(halves[1]) : [];
  if (![...head, ...rest].every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  const known = head.length + rest.length;
  if (halves.length === 1 && known !== 8) return null;
  if (halves.length === 2 && known > 7) return null;
  const zeros: number[] = halves.length === 2 ? Array(8 - known).fill(0) : [];
  return [...head, ...zeros.map(String), ...rest].map((g) => parseInt(g, 16));
}

function classifyIpv6(g: number[]): AddressClass {
  const allZeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (allZeroUpTo(8)) return 'unspecified';
  if (allZeroUpTo(7) && g[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): judged as the IPv4 address
  if ((allZeroUpTo(5) && g[5] === 0xffff) || allZeroUpTo(6)) return classifyIpv4([g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff]);
  // NAT64 (64:ff9b::a.b.c.d) reaches the embedded IPv4 address
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return classifyIpv4([g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff]);
  if ((g[0] & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if ((g[0] & 0xffc0) === 0xfe80) return 'link_local';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'reserved'; // documentation
  return 'public';
}
