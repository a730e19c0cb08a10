import { ApiError, messageOf } from '../api/errors';
import { ForbiddenView, NotFoundView } from './StatusPage';

/**
 * What a screen shows when its data could not be read: the 403 and 404 pages for refusals and
 * missing things, else the API's reason with a way to try again.
 */
export function ErrorState({ error, onRetry, what }: { error: unknown; onRetry?: () => void; what?: string }) {
  if (error instanceof ApiError && error.status === 403) return <ForbiddenView reason={error.message} />;
  if (error instanceof ApiError && error.status === 404) return <NotFoundView what={what} />;
  return (
    <div className="state state--error" role="alert">
      <p className="state__title">Something went wrong</p>
      <p className="state__body">{messageOf(error)}</p>
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
