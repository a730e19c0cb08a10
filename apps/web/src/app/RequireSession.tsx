import { useQuery } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation } from 'react-router';
import { signInPath } from '../api/return-to';
import { ErrorState } from '../components/ErrorState';
import { LoadingState } from '../components/LoadingState';
import { SessionContext, sessionQuery } from './session';

/** The signed-in part of the app: asks the API who is signed in; nobody -> the sign-in page, and back here after. */
export function RequireSession() {
  const location = useLocation();
  const session = useQuery(sessionQuery);
  if (session.isPending) return <LoadingState label="Checking your sign-in…" />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  return (
    <SessionContext.Provider value={session.data}>
      <Outlet />
    </SessionContext.Provider>
  );
}
