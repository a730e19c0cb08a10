import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ErrorState } from '../components/ErrorState';
import { NotFoundView } from '../components/StatusPage';

/** A screen that threw while rendering (or a chunk that failed to load after a deploy). */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundView />;
  return (
    <main id="main" className="shell__main">
      <ErrorState error={error} onRetry={() => window.location.reload()} />
    </main>
  );
}
