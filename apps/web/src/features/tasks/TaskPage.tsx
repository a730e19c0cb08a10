import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { formatDateTime, humanize } from '../../app/format';
import { useSession } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ApprovalDecisionForm } from './ApprovalDecisionForm';
import { AssessmentAnswers } from './AssessmentAnswers';
import { DelegateForm } from './DelegateForm';
import { ReviewDecisionForm } from './ReviewDecisionForm';
import { RiskTier } from './RiskTier';
import { SystemSummary } from './SystemSummary';
import { TaskMarkers } from './TaskMarkers';
import { aiSystemQuery, assessmentsQuery, assessmentTemplateQuery, materialChangesQuery, taskQuery, type Task } from './task-queries';
import { WhatChanged } from './WhatChanged';

/**
 * /tasks/:id: everything an approver or reviewer decides on, then the decision. For a system:
 * its summary, tier and reasons, what changed since the last approved version and the
 * assessment answers; then approve / request changes / reject (or the review's checklist,
 * evidence and outcome), and handing the task to a colleague.
 */
export default function TaskPage() {
  const { id = '' } = useParams();
  const task = useQuery(taskQuery(id));
  useDocumentTitle(task.data?.title ?? 'Task');
  if (task.isPending) return <LoadingState label="Loading the task…" />;
  if (task.isError) return <ErrorState error={task.error} what="task" onRetry={() => void task.refetch()} />;
  return <TaskView task={task.data} />;
}

function TaskView({ task }: { task: Task }) {
  const { user } = useSession();
  const [delegating, setDelegating] = useState(false);
  const systemId = task.aiSystemId;
  const system = useQuery({ ...aiSystemQuery(systemId ?? ''), enabled: !!systemId });
  const assessments = useQuery({ ...assessmentsQuery(systemId ?? ''), enabled: !!systemId });
  const template = useQuery({ ...assessmentTemplateQuery, enabled: !!systemId });
  const pendingChangeId = system.data?.pendingChange?.id;
  const changes = useQuery({ ...materialChangesQuery(systemId ?? ''), enabled: !!pendingChangeId });
  const mine = task.assigneeId === user.id;
  const open = task.status === 'open';

  return (
    <article className="page task-page" aria-labelledby="task-title">
      <p className="breadcrumb">
        <Link to="/inbox">Inbox</Link>
      </p>
      <header className="task-page__header">
        <p className="task-card__kind">
          {task.kind === 'review' ? 'Periodic review' : 'Approval'}
          {task.stepName ? ` · ${humanize(task.stepName)}` : ''} · round {task.round}
        </p>
        <h1 id="task-title">{task.title}</h1>
        {open ? <TaskMarkers task={task} /> : <Outcome task={task} />}
        {task.delegatedFromId ? <p className="panel__meta">You decide this on behalf of a colleague{task.delegationReason ? `: ${task.delegationReason}` : ''}.</p> : null}
        {open && mine ? (
          // On a phone the decision is far below: one tap takes the approver there.
          <p className="task-page__jump">
            <a href="#decide">{task.kind === 'review' ? 'Go to your review' : 'Go to your decision'}</a>
          </p>
        ) : null}
      </header>

      {systemId ? (
        system.isPending ? (
          <LoadingState label="Loading the system…" />
        ) : system.isError ? (
          <ErrorState error={system.error} what="system" onRetry={() => void system.refetch()} />
        ) : (
          <>
            <SystemSummary system={system.data} />
            <RiskTier tier={system.data.riskTier} reasons={system.data.riskReasons} />
            {template.data && assessments.data ? (
              <>
                <WhatChanged
                  system={system.data}
                  change={changes.data?.find((c) => c.id === pendingChangeId)}
                  template={template.data}
                  assessments={assessments.data}
                />
                {assessments.data.length ? (
                  <AssessmentAnswers template={template.data} assessment={[...assessments.data].sort((a, b) => b.version - a.version)[0]!} />
                ) : null}
              </>
            ) : assessments.isError || template.isError ? (
              <ErrorState error={assessments.error ?? template.error} onRetry={() => void assessments.refetch()} />
            ) : (
              <LoadingState label="Loading the assessment…" />
            )}
          </>
        )
      ) : (
        <section className="panel">
          {task.subjectKind === 'questionnaire' ? (
            <p>
              This task approves publishing a version of the impact assessment questionnaire. <Link to="/questionnaire">See the version, what it changes and the systems it affects</Link>.
            </p>
          ) : (
            <p>This task is about {humanize(task.subjectKind)} {task.subjectId}.</p>
          )}
        </section>
      )}

      {open && mine ? (
        <section className="panel panel--action" aria-label="Decide" id="decide">
          {task.kind === 'review' ? <ReviewDecisionForm task={task} /> : <ApprovalDecisionForm task={task} />}
          {task.kind === 'approval' ? (
            delegating ? (
              <DelegateForm task={task} onDone={() => setDelegating(false)} />
            ) : (
              <p>
                <button type="button" className="button button--quiet" onClick={() => setDelegating(true)}>
                  Hand this task to a colleague…
                </button>
              </p>
            )
          ) : null}
        </section>
      ) : open ? (
        <p className="panel">This task is assigned to someone else; you can read it but not decide it.</p>
      ) : null}
    </article>
  );
}

/** A task that is no longer open: what became of it. */
function Outcome({ task }: { task: Task }) {
  if (task.status === 'decided') {
    return (
      <div className="outcome" role="status">
        <p className="outcome__title">Decided: {humanize(task.decision ?? 'decided')}</p>
        <p>
          {formatDateTime(task.decidedAt)}
          {task.comment ? ` · “${task.comment}”` : ''}
        </p>
        <p>
          <Link to="/inbox">Back to the inbox</Link>
        </p>
      </div>
    );
  }
  if (task.status === 'delegated') {
    return (
      <div className="outcome" role="status">
        <p className="outcome__title">Handed to a colleague</p>
        {task.delegationReason ? <p>{task.delegationReason}</p> : null}
        <p>
          <Link to="/inbox">Back to the inbox</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="outcome" role="status">
      <p className="outcome__title">{humanize(task.status)}</p>
      <p>This task can no longer be decided.</p>
    </div>
  );
}
