import { Link, useSearchParams } from 'react-router';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { SelectField } from '../../components/Field';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ControlsNav } from './ControlsNav';
import { ManualEvidenceList } from './ManualEvidenceList';
import '../management-system/management-system.css';

/** /evidence: manual evidence (documents and links with an owner and an expiry), soonest expiry first. */
export default function EvidencePage() {
  useDocumentTitle('Manual evidence');
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') === 'withdrawn' ? 'withdrawn' : 'current';
  return (
    <section className="page ms-page" aria-labelledby="evidence-title">
      <div className="page__header">
        <h1 id="evidence-title">Manual evidence</h1>
        {may(user, 'evidence.manage') ? (
          <Link className="button" to="/evidence/new">
            Add evidence
          </Link>
        ) : null}
      </div>
      <ControlsNav />
      <p className="page__lead">
        Documents and links that evidence controls the engine cannot see for itself (a supplier’s certificate, a policy). Their owners are reminded before they
        lapse.
      </p>
      <form className="filters" role="search" aria-label="Filter the evidence" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Status" value={status} onChange={(e) => setParams(e.target.value === 'current' ? {} : { status: e.target.value }, { replace: true })}>
          <option value="current">Current</option>
          <option value="withdrawn">Withdrawn</option>
        </SelectField>
      </form>
      <ManualEvidenceList status={status} highlight={params.get('highlight') ?? undefined} />
    </section>
  );
}
