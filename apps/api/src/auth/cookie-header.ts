/**
 * The Cookie and Set-Cookie headers (RFC 6265), written here rather than taken from a package:
 * the API reads one cookie and writes one, and these few rules are all it needs.
 */

/** RFC 7230 token characters: what a cookie name may contain. */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 6265 cookie-octets: visible ASCII except `"`, `,`, `;` and `\`. */
const COOKIE_VALUE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;

/**
 * The cookies a request carries, by name. The first of two cookies with one name wins, as
 * browsers send the most specific (longest path) first. Pairs without `=` and names that are
 * not tokens are skipped; values are returned as sent, without surrounding double quotes.
 */
export function parseCookieHeader(header: string | string[] | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  const text = Array.isArray(header) ? header.join('; ') : header;
  if (!text) return cookies;
  for (const pair of text.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const name = pair.slice(0, eq).trim();
    if (!COOKIE_NAME.test(name) || cookies.has(name)) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    cookies.set(name, value);
  }
  return cookies;
}

export interface CookieAttributes {
  path?: string;
  /** seconds; 0 tells the browser to drop the cookie now */
  maxAge?: number;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'Strict' | 'Lax' | 'None';
}

/** One Set-Cookie header value. Throws on a name or value a browser would mangle (a programming error, not input). */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes = {}): string {
  if (!COOKIE_NAME.test(name)) throw new Error(`cookie name '${name}' is not a token`);
  if (!COOKIE_VALUE.test(value)) throw new Error(`cookie ${name}: the value has characters a cookie cannot carry`);
  if (attributes.path !== undefined && !/^\/[\x20-\x3A\x3C-\x7E]*$/.test(attributes.path)) throw new Error(`cookie ${name}: bad path '${attributes.path}'`);
  if (attributes.sameSite === 'None' && !attributes.secure) throw new Error(`cookie ${name}: SameSite=None needs Secure`);
  const parts = [`${name}=${value}`];
  if (attributes.path !== undefined) parts.push(`Path=${attributes.path}`);
  if (attributes.maxAge !== undefined) {
    const seconds = Math.max(0, Math.floor(attributes.maxAge));
    parts.push(`Max-Age=${seconds}`);
    // Expires as well, for clients that predate Max-Age; the epoch when the cookie is dropped.
    if (seconds === 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  }
  if (attributes.httpOnly) parts.push('HttpOnly');
  if (attributes.secure) parts.push('Secure');
  if (attributes.sameSite) parts.push(`SameSite=${attributes.sameSite}`);
  return parts.join('; ');
}
