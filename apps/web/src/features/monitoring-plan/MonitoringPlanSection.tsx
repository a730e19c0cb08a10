import { useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime, humanize } from '../../app/format';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { monitoringPlanQuery } from './monitoring-plan-queries';
import { MonitoringPlanForm } from './MonitoringPlanForm';
import { BREACH_RESPONSES, cadenceText, type MonitoringPlan, type MonitoringPlanStatus } from './plan-form';
import '../management-system/management-system.css';
import './monitoring-plan.css';

type Metric = MonitoringPlan['metrics'][number];

/**
 * The system's post-market monitoring plan (EU AI Act Art. 72) on its Monitoring tab: the
 * current version's metrics, who is responsible and how results feed back; for a high-risk
 * system without one, the gap; for the owner and the governance office, the form to write or
 * change it (saved as the next version).
 */
export function MonitoringPlanSection({ systemId }: { systemId: string }) {
  const status = useQuery(monitoringPlanQuery(systemId));
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  function done(message: string) {
    setEditing(false);
    setSaved(message);
    // back to the section's heading, where the saved plan and the notice are
    requestAnimationFrame(() => heading.current?.focus());
  }

  return (
    <section aria-labelledby="plan-title" className="panel monitoring-plan">
      <h2 id="plan-title" ref={heading} tabIndex={-1}>
        Monitoring plan
      </h2>
      {status.isPending ? (
        <LoadingState label="Loading the monitoring plan…" />
      ) : status.isError ? (
        <ErrorState error={status.error} onRetry={() => void status.refetch()} />
      ) : editing ? (
        <MonitoringPlanForm systemId={systemId} plan={status.data.plan} onCancel={() => setEditing(false)} onSaved={(v) => done(`Version ${v} of the monitoring plan is saved.`)} />
      ) : (
        <PlanView status={status.data} saved={saved} onEdit={() => {
            setSaved(null);
            setEditing(true);
          }} />
      )}
    </section>
  );
}

function PlanView({ status, saved, onEdit }: { status: MonitoringPlanStatus; saved: string | null; onEdit: () => void }) {
  const plan = status.plan;
  return (
    <>
      {saved ? (
        <p className="notice notice--ok" role="status">
          {saved}
        </p>
      ) : null}
      {status.status === 'missing' ? (
        <div className="notice notice--danger">
          <p>
            <strong>Missing.</strong> A high-risk system needs a post-market monitoring plan (EU AI Act Art. 72): the metrics it is watched by, their thresholds
            and how often each is checked. It is part of the technical documentation; periodic reviews check against it.
          </p>
        </div>
      ) : null}
      {plan ? (
        <>
          <dl className="facts">
            <div className="facts__row">
              <dt>Version</dt>
              <dd>
                {plan.version}, adopted {formatDateTime(plan.createdAt)} by {plan.createdBy.name}
                {plan.changeNote ? ` — ${plan.changeNote}` : ''}
              </dd>
            </div>
            <div className="facts__row">
              <dt>Responsible</dt>
              <dd>
                {plan.responsible.name} <span className="panel__meta">({plan.responsible.email})</span>
              </dd>
            </div>
            <div className="facts__row">
              <dt>How results feed back</dt>
              <dd className="prewrap">{plan.feedback}</dd>
            </div>
          </dl>
          <MetricsTable metrics={plan.metrics} />
        </>
      ) : status.status !== 'missing' ? (
        <EmptyState title="No monitoring plan">
          <p>Plans are required for high-risk systems; any system may have one, and its reviews then check against it.</p>
        </EmptyState>
      ) : null}
      {status.canEdit ? (
        <p>
          <button type="button" className="button" onClick={onEdit}>
            {plan ? 'Change the plan' : 'Write the monitoring plan'}
          </button>
        </p>
      ) : null}
    </>
  );
}

const breachLabel = (value: string) => BREACH_RESPONSES.find((b) => b.value === value)?.label ?? humanize(value);

export function MetricsTable({ metrics }: { metrics: readonly Metric[] }) {
  return (
    <DataTable
      label="Metrics of the monitoring plan"
      rows={metrics}
      rowKey={(m) => m.key}
      columns={[
        {
          header: 'Metric',
          rowHeader: true,
          cell: (m) => (
            <>
              {m.name} <span className="panel__meta mono">{m.key}</span>
              <span className="metric__measures">{m.measures}</span>
            </>
          ),
        },
        { header: 'Threshold', cell: (m) => m.thresholdText },
        { header: 'Checked', cell: (m) => <span title={m.cadence}>{cadenceText(m.cadence)}</span> },
        { header: 'Data source', cell: (m) => m.dataSource },
        { header: 'Outside the threshold', cell: (m) => breachLabel(m.onBreach) },
      ]}
    />
  );
}
