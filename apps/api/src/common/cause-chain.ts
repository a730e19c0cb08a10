/**
 * Whether the error, or an error it wraps, passes `test`. Wrappers keep what failed underneath:
 * TypeORM in `driverError` (QueryFailedError), the Temporal client and standard errors in
 * `cause`. A chain that loops is walked once.
 */
export function someCause(error: unknown, test: (error: object) => boolean): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    if (test(current)) return true;
    const e = current as { driverError?: unknown; cause?: unknown };
    current = e.driverError ?? e.cause;
  }
  return false;
}
