import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { reassessmentsQuery } from './questionnaire-queries';
import { ReassessmentMarkers, tierOutlook } from './ReassessmentMarkers';
import './questionnaire.css';

/**
 * The inbox's re-assessments: the open ones a published questionnaire version asks of the
 * systems the person owns, soonest due first. Nothing at all when there are none (the inbox
 * says what is empty); an error says so without hiding the tasks.
 */
export function MyReassessments() {
  const mine = useQuery(reassessmentsQuery({ mine: true }));
  if (mine.isPending) return null;
  if (mine.isError) return <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />;
  const open = mine.data.items.filter((r) => r.state === 'open' || r.state === 'overdue');
  if (open.length === 0) return null;
  return (
    <section aria-labelledby="my-reassessments-title" className="my-reassessments">
      <h2 id="my-reassessments-title">Re-assessments asked of you</h2>
      <ul className="task-list">
        {open.map((r) => (
          <li key={r.id} className="task-card">
            <p className="task-card__kind">Re-assessment · questionnaire {r.questionnaireVersion}</p>
            <h3 className="task-card__title">
              <Link to={`/systems/${r.aiSystemId}/reassessment`}>Re-assess {r.aiSystemName}</Link>
            </h3>
            <p className="task-card__subject">{tierOutlook(r)}</p>
            <ReassessmentMarkers request={r} />
          </li>
        ))}
      </ul>
    </section>
  );
}
