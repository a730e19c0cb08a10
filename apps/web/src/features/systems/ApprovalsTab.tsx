import { useQuery } from '@tanstack/react-query';
import { formatDateTime, humanize } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { approvalsQuery, type ApprovalRound } from './system-queries';

/** Every approval round, newest first: who was asked in each step, reminded, escalated, delegated, and who decided what and why. */
export function ApprovalsTab({ systemId }: { systemId: string }) {
  const history = useQuery(approvalsQuery(systemId));
  return (
    <section aria-labelledby="approvals-title">
      <h2 id="approvals-title">Approval history</h2>
      {history.isPending ? (
        <LoadingState label="Loading the approval history…" />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.rounds.length === 0 ? (
        <EmptyState title="No approval round yet">
          <p>A round starts when the impact assessment is submitted.</p>
        </EmptyState>
      ) : (
        history.data.rounds.map((round) => <Round key={round.round} round={round} />)
      )}
    </section>
  );
}

function Round({ round }: { round: ApprovalRound }) {
  return (
    <section className="panel" aria-labelledby={`round-${round.round}`}>
      <h3 id={`round-${round.round}`}>
        Round {round.round}: <span className={`outcome-tag outcome-tag--${round.outcome}`}>{humanize(round.outcome)}</span>
      </h3>
      <p className="panel__meta">
        Started {formatDateTime(round.startedAt)}
        {round.settledAt ? ` · settled ${formatDateTime(round.settledAt)}` : ''}
      </p>
      {round.steps.map((step) => (
        <div key={step.index} className="round-step">
          <h4>
            Step {step.index + 1}: {humanize(step.name)}
          </h4>
          {step.tasks.length === 0 ? (
            <p className="panel__meta">Nobody asked yet.</p>
          ) : (
            <ul className="decisions">
              {step.tasks.map((task) => (
                <li key={task.taskId} className="decision">
                  <p className="decision__who">
                    {task.assignee.name}
                    {task.onBehalfOf ? <span className="panel__meta"> for {task.onBehalfOf.name}</span> : null}
                  </p>
                  <p>
                    {task.status === 'decided' && task.decision ? (
                      <strong>{humanize(task.decision)}</strong>
                    ) : (
                      <span>{humanize(task.status)}</span>
                    )}
                    {task.decidedAt ? ` · ${formatDateTime(task.decidedAt)}` : ` · asked ${formatDateTime(task.askedAt)}`}
                  </p>
                  {task.comment ? <blockquote className="decision__comment">{task.comment}</blockquote> : null}
                  {task.remindedAt || task.escalatedAt || task.delegationReason ? (
                    <p className="panel__meta">
                      {[
                        task.remindedAt ? `reminded ${formatDateTime(task.remindedAt)}` : null,
                        task.escalatedAt ? `escalated ${formatDateTime(task.escalatedAt)}` : null,
                        task.delegationReason ? `handed on: ${task.delegationReason}` : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}
