import { someCause } from './cause-chain';

/**
 * SQLSTATEs of a server that is shutting down, starting up, or a connection that broke, and
 * 53300 (too many connections): right after a restart every pool on the server reconnects at once
 * (with Temporal's cluster on the same PostgreSQL, its services' pools too), and a connect that
 * finds the server full did nothing and may be retried.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
const UNAVAILABLE_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable/i;

/**
 * Whether an error means PostgreSQL could not be reached (restart, failover, network) rather
 * than that the request was wrong; such requests answer 503 so clients know to retry.
 * TypeORM wraps driver errors (QueryFailedError.driverError), so the cause chain is walked.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return someCause(error, (e: { code?: unknown; message?: unknown }) => {
    if (typeof e.code === 'string' && (UNAVAILABLE_SQLSTATES.has(e.code) || UNAVAILABLE_SOCKET_CODES.has(e.code))) return true;
    return typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message);
  });
}
