import type { SessionEntity } from '@aigov/persistence/entities';
import type { Principal } from './principal';

/** How a request was authenticated: a bearer token (personal or the bootstrap admin's) or a browser session. */
export type RequestAuth = { via: 'token' } | { via: 'session'; session: SessionEntity; csrfToken: string };

/** What the authentication guard leaves on the request for the handlers. */
export interface AuthenticatedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
  auth?: RequestAuth;
}
