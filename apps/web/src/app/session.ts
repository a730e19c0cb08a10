import { createContext, useContext } from 'react';
import { queryOptions } from '@tanstack/react-query';
import { api, setCsrfToken } from '../api/client';
import { apiErrorOf } from '../api/errors';
import type { components } from '../api/schema';

/** GET /api/v1/auth/session: who is signed in, and the CSRF token for writes (null with a bearer token). */
export type Session = components['schemas']['SessionView'];

/** The session, or null when nobody is signed in (the API answers 401). */
export async function fetchSession(): Promise<Session | null> {
  const { data, error, response } = await api.GET('/api/v1/auth/session');
  if (response.status === 401) {
    setCsrfToken(null);
    return null;
  }
  if (!data) throw apiErrorOf(response, error);
  setCsrfToken(data.csrfToken);
  return data;
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
