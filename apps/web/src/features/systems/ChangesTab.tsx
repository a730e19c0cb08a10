import { useQuery } from '@tanstack/react-query';
import { formatDateTime, humanize } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { materialChangesQuery } from './system-queries';

/** Material changes (new model, data, purpose or affected groups), newest first, with where each stands. */
export function ChangesTab({ systemId }: { systemId: string }) {
  const changes = useQuery(materialChangesQuery(systemId));
  return (
    <section aria-labelledby="changes-title">
      <h2 id="changes-title">Material changes</h2>
      {changes.isPending ? (
        <LoadingState label="Loading the changes…" />
      ) : changes.isError ? (
        <ErrorState error={changes.error} onRetry={() => void changes.refetch()} />
      ) : changes.data.length === 0 ? (
        <EmptyState title="No material change proposed">
          <p>A new model, new data, a new purpose or newly affected people is proposed as a change, re-assessed and approved while the approved version keeps running.</p>
        </EmptyState>
      ) : (
        <ul className="plain-list change-list">
          {changes.data.map((change) => (
            <li key={change.id} className="panel">
              <h3>
                Version {change.version} <span className={`outcome-tag outcome-tag--${change.status}`}>{humanize(change.status)}</span>
              </h3>
              <p>{change.description}</p>
              <p className="panel__meta">
                {change.kinds.map(humanize).join(', ')}{change.runningVersion ? ` · replaces ${change.runningVersion}` : ''} · proposed {formatDateTime(change.proposedAt)}
                {change.decidedAt ? ` · decided ${formatDateTime(change.decidedAt)}` : ''}
                {change.deployedAt ? ` · deployed ${formatDateTime(change.deployedAt)}` : ''}
              </p>
              {change.newPurpose ? <p>New purpose: {change.newPurpose}</p> : null}
              {change.newAffectedGroups?.length ? <p>Affected after the change: {change.newAffectedGroups.join(', ')}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
