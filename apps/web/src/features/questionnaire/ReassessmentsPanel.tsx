import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format';
import { QueryView } from '../../components/QueryView';
import { reassessmentSummaryQuery } from './questionnaire-queries';

/**
 * The dashboard's panel for questionnaire changes: re-assessments still open per version, those
 * past their due date (linked to the overdue list), and answers that found a prohibited practice.
 */
export function ReassessmentsPanel() {
  const summary = useQuery(reassessmentSummaryQuery);
  return (
    <section className="panel dashboard__panel" aria-labelledby="reassessments-panel-title">
      <h2 id="reassessments-panel-title">Re-assessments after questionnaire changes</h2>
      <QueryView query={summary} loading="Loading the re-assessments…">
        {(s) =>
          s.byVersion.length === 0 ? (
            <p>No questionnaire version has asked for re-assessments.</p>
          ) : (
            <>
              <p className="panel__meta">
                {s.open} open, <strong>{s.overdue} overdue</strong>
                {s.prohibited ? `, ${s.prohibited} found a prohibited practice` : ''}. <Link to="/questionnaire/reassessments?state=overdue">Overdue re-assessments</Link>
              </p>
              <ul className="plain-list" aria-label="Re-assessments by questionnaire version">
                {s.byVersion.map((v) => (
                  <li key={v.version}>
                    <Link to={`/questionnaire/reassessments?version=${encodeURIComponent(v.version)}`}>Version {v.version}</Link>: {v.open} open, {v.overdue} overdue, {v.completed}{' '}
                    completed{v.nextDueAt ? ` · next due ${formatDateTime(v.nextDueAt)}` : ''}
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </QueryView>
    </section>
  );
}
