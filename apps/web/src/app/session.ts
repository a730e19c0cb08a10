import { createContext, useContext } from 'react';
import { queryOptions } from '@tanstack/react-query';
import { setCsrfToken } from '../api/client';
import { apiErrorOf, networkError } from '../api/errors';

/** GET /api/v1/auth/session (issue 14's contract): who is signed in, and the CSRF token for writes. */
export interface Session {
  user: { id: string; email: string; name: string; roles: string[] };
  /** null with a bearer token, which needs none */
  csrfToken: string | null;
  expiresAt: string | null;
  idleExpiresAt: string | null;
  via: 'session' | 'token';
}

/** The session, or null when nobody is signed in (the API answers 401). */
export async function fetchSession(): Promise<Session | null> {
  let response: Response;
  try {
    response = await fetch('/api/v1/auth/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  } catch (error) {
    throw networkError(error);
  }
  if (response.status === 401) {
    setCsrfToken(null);
    return null;
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw apiErrorOf(response, body);
  const session = body as Session;
  setCsrfToken(session.csrfToken);
  return session;
}

export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: fetchSession,
  // Re-read when the tab comes back: the session may have expired or ended elsewhere.
  staleTime: 60_000,
  refetchOnWindowFocus: true,
  retry: false,
});

export const SessionContext = createContext<Session | null>(null);

/** The signed-in person's session; only inside the signed-in part of the app. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <RequireSession>');
  return session;
}
