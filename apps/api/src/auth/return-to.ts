/** Where a sign-in goes when the requested place is not acceptable. */
export const DEFAULT_RETURN_TO = '/';

const BASE = 'http://return-to.invalid';

/**
 * A place inside this application to go to after signing in: only a path of our own origin
 * ("/systems/1?tab=audit"), never another site. "//evil.example" and "/\evil.example" are
 * protocol-relative URLs to a browser, and tabs or newlines are dropped by its URL parser
 * ("/\t/evil.example" becomes "//evil.example"), so all of those give "/". The result is the
 * parsed, ASCII form, safe to put in a Location header.
 */
export function sanitiseReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return DEFAULT_RETURN_TO;
  if (!value.startsWith('/') || value.startsWith('//')) return DEFAULT_RETURN_TO;
  // Control characters, spaces and backslashes have no place in a path we produce ourselves.
  if (/[\x00-\x20\x7f\\]/.test(value)) return DEFAULT_RETURN_TO;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return DEFAULT_RETURN_TO;
  }
  if (url.origin !== BASE) return DEFAULT_RETURN_TO;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') ? DEFAULT_RETURN_TO : path;
}
