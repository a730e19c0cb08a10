import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The HTTP header a caller (or a proxy in front of the API) may set, and the API echoes. */
export const REQUEST_ID_HTTP_HEADER = 'x-request-id';

/**
 * What the current request (or the activity that a request caused) is: kept in async local
 * storage so that every log line and every Temporal call made on its behalf carries its id
 * without passing it through every signature.
 */
export interface RequestContext {
  requestId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/**
 * A caller's id is taken as it is when it looks like an id (a UUID, a trace id, a load
 * balancer's id: up to 128 letters, digits and `._:-`). Anything else (too long, spaces,
 * control characters that would forge a log line) is replaced by a fresh UUID.
 */
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

export function acceptRequestId(incoming: unknown): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return typeof value === 'string' && WELL_FORMED.test(value) ? value : randomUUID();
}
