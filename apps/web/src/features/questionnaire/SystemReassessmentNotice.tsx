import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format';
import { useSession } from '../../app/session';
import { reassessmentsQuery } from './questionnaire-queries';
import { tierOutlook } from './ReassessmentMarkers';
import './questionnaire.css';

/**
 * On a system's page: the re-assessment a new questionnaire version asks of it, with its due
 * date (overdue said in words), and for whoever may answer, the way to do it. Nothing while
 * none is open.
 */
export function SystemReassessmentNotice({ systemId, ownerId }: { systemId: string; ownerId: string }) {
  const { user } = useSession();
  const requests = useQuery(reassessmentsQuery({ systemId }));
  const open = requests.data?.items.find((r) => r.state === 'open' || r.state === 'overdue');
  if (!open) return null;
  const overdue = open.state === 'overdue';
  return (
    <section className={overdue ? 'notice reassessment-notice reassessment-notice--overdue' : 'notice reassessment-notice'} aria-labelledby="reassessment-notice-title">
      <h2 id="reassessment-notice-title" className="reassessment-notice__title">
        {overdue ? 'Re-assessment overdue' : 'Re-assessment requested'}
      </h2>
      <p>
        Questionnaire version {open.questionnaireVersion} could change this system’s tier ({tierOutlook(open)}). Answer it by {formatDateTime(open.dueAt)}
        {overdue ? ' — that date has passed' : ''}. The system keeps running on its approved version and tier meanwhile.
      </p>
      {/* Answered as the system is managed: its owner or the governance office (the API decides). */}
      {user.id === ownerId || user.roles.includes('governance_office') ? (
        <p>
          <Link className="button" to={`/systems/${systemId}/reassessment`}>
            Re-assess now
          </Link>
        </p>
      ) : null}
    </section>
  );
}
