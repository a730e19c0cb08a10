import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { formatDateTime, humanize, relativeTime } from '../../app/format';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { FormProblem } from '../../components/FormProblem';
import { LoadingState } from '../../components/LoadingState';
import { StatusBadge } from '../management-system/Badge';
import { PersonName } from '../people/PersonSelect';
import { soaRoundTasksQuery, usePublishSoa, useTakeOverTask, type SoaDraft } from './soa-queries';
import type { components } from '../../api/schema';

type Task = components['schemas']['TaskView'];

/**
 * The draft's state: not started, being edited (with the last round's outcome when it came
 * back), or in its publication round (who is asked). The governance office submits it, and may
 * take a waiting approval over; the API refuses whoever edited the draft, and its reason shows.
 */
export function PublicationPanel({ draft }: { draft: SoaDraft }) {
  const { user } = useSession();
  const d = draft.draft;
  const publish = usePublishSoa();
  const canPublish = may(user, 'soa.publish');

  return (
    <section className="panel panel--status" aria-labelledby="soa-draft-title">
      <h2 id="soa-draft-title">
        {d.id ? `Draft of version ${d.version}` : draft.currentVersion ? `Version ${draft.currentVersion} is current` : 'Nothing published yet'}{' '}
        {d.id ? <StatusBadge value={d.status} /> : null}
      </h2>
      {!d.id ? (
        <p>
          {draft.currentVersion
            ? `No one has edited it since. Editing an entry starts the draft of version ${d.version}.`
            : `Decide every control (${draft.undecided} to go) and submit the draft for approval to publish version 1.`}
        </p>
      ) : (
        <dl className="facts">
          <div className="facts__row">
            <dt>Controls still to decide</dt>
            <dd>{draft.undecided === 0 ? 'None: every control is decided' : draft.undecided}</dd>
          </div>
          <div className="facts__row">
            <dt>Edited by</dt>
            <dd>
              {d.editorIds.length
                ? d.editorIds.map((id, i) => (
                    <span key={id}>
                      {i ? ', ' : ''}
                      <PersonName id={id} />
                    </span>
                  ))
                : '—'}{' '}
              <span className="panel__meta">(whoever edited the draft may not approve it)</span>
            </dd>
          </div>
          {d.submittedAt ? (
            <div className="facts__row">
              <dt>Submitted</dt>
              <dd>
                {formatDateTime(d.submittedAt)} · round {d.approvalRound}
              </dd>
            </div>
          ) : null}
          {d.lastOutcome && d.status === 'draft' ? (
            <div className="facts__row">
              <dt>Last round</dt>
              <dd>
                Round {d.lastOutcome.round}: {humanize(d.lastOutcome.outcome)}
                {d.lastOutcome.reason ? ` — “${d.lastOutcome.reason}”` : ''}
              </dd>
            </div>
          ) : null}
        </dl>
      )}

      {publish.isSuccess ? (
        <p role="status" className="notice notice--ok">
          Version {publish.data.version} is submitted: round {publish.data.round} of its approval has started.
        </p>
      ) : null}
      {d.status === 'in_approval' && d.id ? <RoundTasks versionId={d.id} /> : null}

      {canPublish && d.id && d.status === 'draft' ? (
        <div className="panel__actions">
          <FormProblem error={publish.error} />
          <button type="button" className="button" onClick={() => publish.mutate()} disabled={publish.isPending}>
            {publish.isPending ? 'Submitting…' : `Submit version ${d.version} for approval`}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function RoundTasks({ versionId }: { versionId: string }) {
  const { user } = useSession();
  const tasks = useQuery({
    ...soaRoundTasksQuery(versionId),
    enabled: may(user, 'task.delegate') || user.roles.includes('auditor'),
    // The round's tasks are created a moment after the submission: look again until they are there.
    refetchInterval: (query) => (query.state.data?.length ? false : 1500),
  });
  if (tasks.fetchStatus === 'idle' && tasks.isPending) return <p>The round’s approvers have been asked; the version is published when they approve.</p>;
  if (tasks.isPending) return <LoadingState label="Loading the round’s approvals…" />;
  if (tasks.isError) return <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />;
  return (
    <div className="round">
      <h3>Waiting for</h3>
      {tasks.data.length === 0 ? (
        <p>The approvers are being asked…</p>
      ) : (
        <ul className="round__tasks">
          {tasks.data.map((task) => (
            <RoundTask key={task.id} task={task} />
          ))}
        </ul>
      )}
    </div>
  );
}

function RoundTask({ task }: { task: Task }) {
  const { user } = useSession();
  const navigate = useNavigate();
  const takeOver = useTakeOverTask(task.id, user.id);
  const [reason, setReason] = useState('I take this approval over.');
  const mine = task.assigneeId === user.id;
  return (
    <li className="round__task">
      <p>
        <PersonName id={task.assigneeId} /> {task.stepName ? `(${humanize(task.stepName)})` : ''}
        {task.dueAt ? <span className="panel__meta"> · due {relativeTime(task.dueAt)}</span> : null}
      </p>
      {mine ? (
        <p>
          <Link to={`/tasks/${task.id}`}>Decide this approval</Link>
        </p>
      ) : may(user, 'task.delegate') ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            // Taken over, the approval is a new task in the person's inbox.
            takeOver.mutate(reason.trim(), { onSuccess: () => navigate('/inbox') });
          }}
        >
          <FormProblem error={takeOver.error} />
          <label className="visually-hidden" htmlFor={`take-over-${task.id}`}>
            Why you take it over
          </label>
          <input id={`take-over-${task.id}`} className="input" value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
          <button type="submit" className="button button--secondary" disabled={takeOver.isPending || !reason.trim()}>
            {takeOver.isPending ? 'Taking over…' : 'Take over this approval'}
          </button>
        </form>
      ) : null}
    </li>
  );
}
