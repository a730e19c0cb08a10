import { useQuery } from '@tanstack/react-query';
import { formatDateTime, humanize } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { auditTrailQuery, type AuditTrail } from './system-queries';

/**
 * The system's hash-chained audit trail, newest first, with the verification the API made as it
 * read it: every hash re-derived, or where the first break is.
 */
export function AuditTab({ systemId }: { systemId: string }) {
  const trail = useQuery(auditTrailQuery(systemId));
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit trail</h2>
      {trail.isPending ? (
        <LoadingState label="Loading and verifying the audit trail…" />
      ) : trail.isError ? (
        <ErrorState error={trail.error} onRetry={() => void trail.refetch()} />
      ) : (
        <>
          <Verification verification={trail.data.verification} />
          {trail.data.events.length === 0 ? (
            <EmptyState title="No audit events" />
          ) : (
            // newest first; each names its chain and place in it (a reversed <ol> would count the <summary> elements too)
            <ul className="plain-list audit-list">
              {[...trail.data.events].reverse().map((event) => (
                <li key={`${event.streamId}:${event.seq}`} className="audit-event">
                  <p>
                    <strong>{eventLabel(event.eventType)}</strong>
                    {event.actorLabel ? ` · ${event.actorLabel}` : ''}
                  </p>
                  <p className="panel__meta">
                    <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time> · {streamLabel(event.streamId)} #{event.seq} · hash{' '}
                    <code className="checksum" title={event.hash}>
                      {event.hash.slice(0, 12)}…
                    </code>
                  </p>
                  {event.payload && Object.keys(event.payload).length ? (
                    <details className="audit-event__data">
                      <summary>
                        Recorded data<span className="visually-hidden"> of event {event.seq}</span>
                      </summary>
                      <code className="code-block">{JSON.stringify(event.payload, null, 2)}</code>
                    </details>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** `ai_system.stage_changed` -> `Stage changed` (the page is about the system), `approval.decided` -> `Approval decided`. */
function eventLabel(type: string): string {
  return humanize(type.replace(/^ai_system\./, ''));
}

/** Which hash chain: the system's lifecycle, or one approval round. */
function streamLabel(streamId: string): string {
  const round = /^approval:.+:(\d+)$/.exec(streamId);
  if (round) return `approval round ${round[1]}`;
  if (streamId.startsWith('ai-system:')) return 'lifecycle';
  return streamId;
}

function Verification({ verification }: { verification: AuditTrail['verification'] }) {
  if (verification.ok) {
    return (
      <p className="notice notice--ok" role="status">
        <strong>Verified:</strong> {verification.events === 1 ? 'one event' : `${verification.events} events`} in{' '}
        {verification.streams === 1 ? 'one chain' : `${verification.streams} chains`}, every hash re-derived; nothing was altered or removed.
      </p>
    );
  }
  const broken = verification.firstBroken;
  return (
    <div className="notice notice--danger" role="alert">
      <p>
        <strong>Verification failed:</strong> the trail was altered.
      </p>
      {broken ? (
        <p>
          First break in {broken.streamId} at event #{broken.seq}: {broken.reason}
        </p>
      ) : null}
    </div>
  );
}
