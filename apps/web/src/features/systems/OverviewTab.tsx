import { Link } from 'react-router';
import { formatDate, formatDateTime, humanize } from '../../app/format';
import { useSession } from '../../app/session';
import { EmptyState } from '../../components/EmptyState';
import { RiskTier } from '../tasks/RiskTier';
import { SystemSummary } from '../tasks/SystemSummary';
import { TaskMarkers } from '../tasks/TaskMarkers';
import { SystemActions } from './actions/SystemActions';
import { StageTimeline } from './StageTimeline';
import type { AiSystemDetail } from './system-queries';

/** Where the system stands and what can be done now: the actions, who it waits for, the stages so far, the tier and the registration. */
export function OverviewTab({ system }: { system: AiSystemDetail }) {
  return (
    <div className="overview">
      <SystemActions system={system} />
      <div className="overview__column">
        <OpenTasks system={system} />
        <StageTimeline system={system} />
      </div>
      <div className="overview__column">
        <RiskTier tier={system.riskTier} reasons={system.riskReasons} />
        {system.latestAssessment || system.nextReviewAt ? (
          <p className="panel__meta">
            {system.latestAssessment ? `Assessment version ${system.latestAssessment.version}, submitted ${formatDate(system.latestAssessment.submittedAt)}. ` : ''}
            {system.nextReviewAt ? `Next periodic review due ${formatDate(system.nextReviewAt)}.` : ''}
          </p>
        ) : null}
        <SystemSummary system={system} />
      </div>
    </div>
  );
}

/** The open approval and review tasks, and who holds each: whom the system waits for. */
function OpenTasks({ system }: { system: AiSystemDetail }) {
  const { user } = useSession();
  return (
    <section className="panel" aria-labelledby="open-tasks-title">
      <h2 id="open-tasks-title">Waiting for</h2>
      {system.openTasks.length === 0 ? (
        <EmptyState title="No open tasks">
          <p>{system.stage === 'approval' ? 'The approval round is preparing its tasks.' : 'Nobody is asked to approve or review this system now.'}</p>
        </EmptyState>
      ) : (
        <ul className="holder-list">
          {system.openTasks.map((task) => (
            <li key={task.id} className="holder">
              <p className="holder__who">
                {task.assignee.id === user.id ? (
                  <Link to={`/tasks/${task.id}`}>You</Link>
                ) : (
                  <>
                    {task.assignee.name} <span className="panel__meta">({task.assignee.email})</span>
                  </>
                )}
              </p>
              <p className="holder__what">
                {task.kind === 'review' ? 'Periodic review' : 'Approval'}
                {task.stepName ? ` · ${humanize(task.stepName)} step` : ''} · round {task.round} · asked {formatDateTime(task.createdAt)}
              </p>
              <TaskMarkers task={task} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
