import { formatDateTime, humanize } from '../../app/format';
import { useSession } from '../../app/session';
import type { AiSystemDetail } from './system-queries';

/** The path every system takes; rollback, retirement and rejection leave it. */
const PATH = ['design', 'impact_assessment', 'approval', 'deployment', 'operation'] as const;

/** Why a stage changed, as people say it (the transition table's action names). */
const ACTIONS: Record<string, string> = {
  registered: 'Registered',
  submit_for_assessment: 'Sent to impact assessment',
  assessment_completed: 'Impact assessment submitted',
  assessment_prohibited: 'Assessment found a prohibited practice',
  approval_granted: 'Approved',
  approval_rejected: 'Rejected by the approvers',
  approval_changes_requested: 'Changes requested by the approvers',
  approval_expired: 'Approval expired unanswered',
  approval_no_eligible_approvers: 'Too few people could approve',
  approval_withdrawn: 'Approval round withdrawn',
  deploy: 'Deployed',
  deploy_change: 'Changed version deployed',
  review_due: 'Periodic review due',
  critical_event: 'Critical monitoring event',
  monitoring_event: 'Monitoring event needs a review',
  review_continue: 'Review: continue',
  review_remediate: 'Review: remediate',
  review_rollback: 'Review: roll back',
  review_retire: 'Review: retire',
  rollback: 'Rolled back',
  retire: 'Retirement started',
  retirement_completed: 'Retired',
};

/** Where the system is on its path, then every stage change in order, with when, why and who (when it was you). */
export function StageTimeline({ system }: { system: AiSystemDetail }) {
  const { user } = useSession();
  const reached = new Set(system.stageHistory.map((t) => t.toStage));
  const onPath = (PATH as readonly string[]).includes(system.stage);
  return (
    <section className="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Stages</h2>
      <ol className="stage-path" aria-label="Path to operation">
        {PATH.map((stage) => {
          const current = stage === system.stage;
          const state = current ? 'current' : reached.has(stage) ? 'done' : 'ahead';
          return (
            <li key={stage} className={`stage-path__step stage-path__step--${state}`} aria-current={current ? 'step' : undefined}>
              {humanize(stage)}
              <span className="visually-hidden">{current ? ' (now)' : state === 'done' ? ' (reached)' : ''}</span>
            </li>
          );
        })}
      </ol>
      {onPath ? null : <p className="notice notice--info">Now in {humanize(system.stage).toLowerCase()}, off the usual path.</p>}
      <h3 className="timeline__title">History</h3>
      <ol className="timeline">
        {system.stageHistory.map((transition) => (
          <li key={transition.seq} className="timeline__item">
            <p className="timeline__what">
              {ACTIONS[transition.action] ?? humanize(transition.action)}: {transition.fromStage ? `${humanize(transition.fromStage)} → ` : ''}
              <strong>{humanize(transition.toStage)}</strong>
            </p>
            <p className="panel__meta">
              <time dateTime={transition.occurredAt}>{formatDateTime(transition.occurredAt)}</time>
              {transition.actorId === user.id ? ' · by you' : ''}
              {transition.reason ? ` · ${transition.reason}` : ''}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
