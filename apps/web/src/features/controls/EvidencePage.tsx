import { Link, useSearchParams } from 'react-router';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { FilterBar, SelectFilter } from '../../components/FilterBar';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ControlsNav } from './ControlsNav';
import { ManualEvidenceList } from './ManualEvidenceList';
import '../management-system/management-system.css';

const STATUSES = [
  { value: 'current', label: 'Current' },
  { value: 'withdrawn', label: 'Withdrawn' },
];

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
      <FilterBar label="Filter the evidence">
        <SelectFilter label="Status" value={status} onChange={(v) => setParams(v === 'current' ? {} : { status: v }, { replace: true })} options={STATUSES} anyLabel={null} />
      </FilterBar>
      <ManualEvidenceList status={status} highlight={params.get('highlight') ?? undefined} />
    </section>
  );
}
