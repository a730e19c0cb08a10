import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { humanize } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { MyReassessments } from '../questionnaire/MyReassessments';
import { TaskMarkers } from '../tasks/TaskMarkers';
import { myOpenTasksQuery, type Task } from '../tasks/task-queries';

/** /inbox: the signed-in person's open approval and review tasks, the most urgent first (the API orders by due date). */
export default function InboxPage() {
  useDocumentTitle('Inbox');
  const tasks = useQuery(myOpenTasksQuery);
  return (
    <section aria-labelledby="inbox-title" className="page">
      <h1 id="inbox-title">Inbox</h1>
      <MyReassessments />
      {tasks.isPending ? (
        <LoadingState label="Loading your tasks…" />
      ) : tasks.isError ? (
        <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : tasks.data.items.length === 0 ? (
        <EmptyState title="Nothing is waiting for you">
          <p>Approvals and periodic reviews assigned to you appear here, and you get an email for each.</p>
        </EmptyState>
      ) : (
        <>
          <p className="page__lead">
            {tasks.data.total === 1 ? 'One open task' : `${tasks.data.total} open tasks`}, the most urgent first.
          </p>
          <ul className="task-list">
            {tasks.data.items.map((task) => (
              <TaskCard key={task.id} task={task} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function TaskCard({ task }: { task: Task }) {
  return (
    <li className="task-card">
      <p className="task-card__kind">
        {task.kind === 'review' ? 'Periodic review' : 'Approval'}
        {task.stepName ? ` · ${humanize(task.stepName)}` : ''}
      </p>
      <h2 className="task-card__title">
        <Link to={`/tasks/${task.id}`}>{task.title}</Link>
      </h2>
      {task.aiSystemName ? <p className="task-card__subject">{task.aiSystemName}</p> : null}
      <TaskMarkers task={task} />
    </li>
  );
}
