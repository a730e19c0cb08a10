/**
 * Where to go after signing in: only a path of this application (starts with one "/", not "//"
 * or "/\", which browsers treat as another host), never the sign-in page itself; else home.
 * The API applies the same rule to the emailed link's returnTo.
 */
export function safeReturnTo(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  if (/[\u0000-\u001f\u007f]/.test(raw)) return '/';
  if (raw === '/sign-in' || raw.startsWith('/sign-in?') || raw.startsWith('/sign-in/')) return '/';
  return raw;
}

/** The sign-in page's address that comes back to `path` afterwards. */
export function signInPath(path: string): string {
  const back = safeReturnTo(path);
  return back === '/' ? '/sign-in' : `/sign-in?returnTo=${encodeURIComponent(back)}`;
}
