import { useQuery } from '@tanstack/react-query';
import { formatDateTime, humanize } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { controlsQuery, type SystemControls } from './system-queries';

type Control = SystemControls['controls'][number];

const STATUS_ORDER = ['attention', 'no_evidence', 'effective', 'not_applicable'] as const;
const STATUS_LABEL: Record<string, string> = {
  attention: 'Needs attention',
  no_evidence: 'No evidence yet',
  effective: 'Effective',
  not_applicable: 'Not applicable',
};

/** The controls the system's records evidence, those needing attention first, each with its reasons and newest evidence. */
export function ControlsTab({ systemId }: { systemId: string }) {
  const controls = useQuery(controlsQuery(systemId));
  return (
    <section aria-labelledby="controls-title">
      <h2 id="controls-title">Control evidence</h2>
      {controls.isPending ? (
        <LoadingState label="Loading the controls…" />
      ) : controls.isError ? (
        <ErrorState error={controls.error} onRetry={() => void controls.refetch()} />
      ) : controls.data.controls.length === 0 ? (
        <EmptyState title="No control is evidenced by this system’s records" />
      ) : (
        <>
          <p className="panel__meta">
            {controls.data.applicability.note ?? (controls.data.applicability.source === 'soa' ? `Applicability from the Statement of Applicability version ${controls.data.applicability.soaVersion}.` : 'Every control counts as applicable until a Statement of Applicability is published.')}
          </p>
          <ul className="status-counts" aria-label="Controls by status">
            {STATUS_ORDER.map((status) => (
              <li key={status} className={`control-status control-status--${status}`}>
                {STATUS_LABEL[status]}: {controls.data.controls.filter((c) => c.status === status).length}
              </li>
            ))}
          </ul>
          {STATUS_ORDER.map((status) => {
            const group = controls.data.controls.filter((c) => c.status === status);
            if (!group.length) return null;
            return (
              <section key={status} aria-labelledby={`controls-${status}`} className="panel">
                <h3 id={`controls-${status}`}>
                  {STATUS_LABEL[status]} ({group.length})
                </h3>
                <ul className="plain-list control-list">
                  {group.map((control) => (
                    <ControlRow key={`${control.framework}:${control.ref}`} control={control} />
                  ))}
                </ul>
              </section>
            );
          })}
        </>
      )}
    </section>
  );
}

function ControlRow({ control }: { control: Control }) {
  return (
    <li className="control">
      <details>
        <summary>
          <span className="control__ref">
            {humanize(control.framework)} {control.ref}
          </span>{' '}
          {control.title}
          <span className="panel__meta">
            {' '}
            · {control.evidenceCount === 1 ? 'one record' : `${control.evidenceCount} records`}
            {control.latestEvidenceAt ? `, newest ${formatDateTime(control.latestEvidenceAt)}` : ''}
          </span>
        </summary>
        {control.reasons.length ? (
          <ul className="reasons">
            {control.reasons.map((reason, index) => (
              <li key={`${reason.code}-${index}`}>{reason.message}</li>
            ))}
          </ul>
        ) : null}
        {control.evidence.length ? (
          <ul className="plain-list evidence-list">
            {control.evidence.map((item) => (
              <li key={`${item.kind}:${item.id}`}>
                {humanize(item.kind)}: {item.title}
                {item.occurredAt ? <span className="panel__meta"> · {formatDateTime(item.occurredAt)}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="panel__meta">No evidence recorded yet.</p>
        )}
      </details>
    </li>
  );
}
