import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { QueryView } from '../../components/QueryView';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { CompareVersions } from './CompareVersions';
import { DraftPanel } from './DraftPanel';
import { versionsQuery, type VersionList } from './questionnaire-queries';
import { VersionsTable } from './VersionsTable';
import '../management-system/management-system.css';
import './questionnaire.css';

/**
 * /questionnaire: the impact assessment questionnaire's versions, the one in force, and for the
 * governance office the draft of the next one: edited as a version file (or with a new yes/no
 * question added in a form), checked and previewed against every live system, then submitted
 * for its approval round. Publishing asks the owners of the systems whose tier could change to
 * re-assess; the systems keep running on their approved version and tier meanwhile.
 */
export default function QuestionnairePage() {
  useDocumentTitle('Questionnaire');
  const versions = useQuery(versionsQuery);
  return (
    <section className="page ms-page questionnaire" aria-labelledby="questionnaire-title">
      <h1 id="questionnaire-title">Impact assessment questionnaire</h1>
      <QueryView query={versions} loading="Loading the questionnaire versions…">
        {(data) => <Versions data={data} />}
      </QueryView>
    </section>
  );
}

function Versions({ data }: { data: VersionList }) {
  const { user } = useSession();
  const current = data.items.find((v) => v.status === 'published');
  const draft = data.items.find((v) => v.status === 'draft' || v.status === 'in_approval');
  return (
    <>
      <p className="page__lead">
        {current ? (
          <>
            Version <strong>{current.version}</strong> is in force since {formatDateTime(current.publishedAt)}: {current.questionCount} questions, {current.ruleCount} tier rules.
          </>
        ) : (
          'No version is in force yet.'
        )}{' '}
        <Link to="/questionnaire/reassessments">Re-assessments asked for</Link> · <Link to="/questionnaire/reassessments?state=overdue">Overdue</Link>
      </p>
      <VersionsTable versions={data.items} />
      {data.items.filter((v) => v.questionCount > 0).length > 1 ? <CompareVersions versions={data.items.filter((v) => v.questionCount > 0)} /> : null}
      {/* The governance office drafts; anyone may read a version in its publication round (its approvers among them). */}
      {current && (may(user, 'questionnaire.draft') || draft?.status === 'in_approval') ? <DraftPanel current={current} draft={draft ?? null} /> : null}
    </>
  );
}
