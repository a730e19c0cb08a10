import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';
import { formatDateTime } from '../../app/format';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import '../management-system/management-system.css';

/**
 * /audit: the audit trail verified end to end: every hash of every stream re-derived and every
 * link to the event before checked. Says plainly whether it holds, and where it first breaks.
 */
export default function AuditVerificationPage() {
  useDocumentTitle('Audit trail verification');
  const verification = useQuery({
    queryKey: ['audit', 'verify'],
    queryFn: async () => ({ result: unwrap(await api.GET('/api/v1/audit/verify')), at: new Date().toISOString() }),
    staleTime: 0,
  });
  return (
    <section className="page ms-page" aria-labelledby="audit-verify-title">
      <h1 id="audit-verify-title">Audit trail verification</h1>
      <p className="page__lead">
        Every event of the audit trail is chained to the one before by a SHA-256 hash. Verifying re-derives every hash of every stream from the events as they are
        stored: any change to a stored event, or a removed one, breaks the chain at that event.
      </p>
      {verification.isPending ? (
        <LoadingState label="Verifying every stream…" />
      ) : verification.isError ? (
        <ErrorState error={verification.error} onRetry={() => void verification.refetch()} />
      ) : (
        <Result verification={verification.data.result} at={verification.data.at} />
      )}
      {verification.data ? (
        <p>
          <button type="button" className="button button--secondary" onClick={() => void verification.refetch()} disabled={verification.isFetching}>
            {verification.isFetching ? 'Verifying…' : 'Verify again'}
          </button>
        </p>
      ) : null}
    </section>
  );
}

type Verification = components['schemas']['AuditVerificationView'];

function Result({ verification, at }: { verification: Verification; at: string }) {
  if (verification.ok) {
    return (
      <div className="verdict verdict--ok" role="status">
        <p className="verdict__title">Verified: the audit trail is intact</p>
        <p>
          {verification.events} events in {verification.streams} streams re-derive and link up, checked {formatDateTime(at)}.
        </p>
      </div>
    );
  }
  const b = verification.firstBroken;
  return (
    <div className="verdict verdict--broken" role="alert">
      <p className="verdict__title">Broken: the audit trail does not verify</p>
      {b ? (
        <dl className="facts">
          <div className="facts__row">
            <dt>Stream</dt>
            <dd>
              <code>{b.streamId}</code>
            </dd>
          </div>
          <div className="facts__row">
            <dt>First broken event</dt>
            <dd>
              number {b.seq} (<code>{b.id}</code>)
            </dd>
          </div>
          <div className="facts__row">
            <dt>What did not hold</dt>
            <dd>{b.reason}</dd>
          </div>
        </dl>
      ) : null}
      <p>
        Checked {formatDateTime(at)}; verification stops at the first break ({verification.events} events in {verification.streams} streams examined).
      </p>
    </div>
  );
}
