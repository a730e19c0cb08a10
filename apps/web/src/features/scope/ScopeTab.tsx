import { useQuery } from '@tanstack/react-query';
import { may } from '../../app/access';
import { formatDateTime } from '../../app/format';
import { useSession } from '../../app/session';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { scopeQuery, type ApprovedScope, type SystemScope } from './scope-queries';
import { ProposalBody } from './ScopeProposalPanel';
import { ScopeSummary } from './ScopeSummary';
import { ScopeTestForm } from './ScopeTestForm';
import './scope.css';

/**
 * A system's scope: the approved one that gateways enforce (version, hash, when and by which
 * round), the proposal with what it changes (editable while the lifecycle allows), the approved
 * versions, and for the governance office a form to test a request against it.
 */
export function ScopeTab({ systemId }: { systemId: string }) {
  const scope = useQuery(scopeQuery(systemId));
  return (
    <section aria-labelledby="scope-title">
      <h2 id="scope-title">Scope</h2>
      <QueryView query={scope} loading="Loading the scope…">
        {(view) => <ScopeView systemId={systemId} view={view} />}
      </QueryView>
    </section>
  );
}

function ScopeView({ systemId, view }: { systemId: string; view: SystemScope }) {
  const { user } = useSession();
  const earlier = view.history.filter((v) => v.status === 'superseded');
  return (
    <div className="scope-columns">
      <div>
        <section className="panel" aria-labelledby="approved-scope-title">
          <h3 id="approved-scope-title">Approved scope</h3>
          {view.approved ? (
            <>
              <ApprovedMeta scope={view.approved} />
              <ScopeSummary scope={view.approved} />
            </>
          ) : (
            <EmptyState title="No approved scope">
              <p>Until an approval freezes one, gateways are told to deny everything this system asks.</p>
            </EmptyState>
          )}
        </section>
        {earlier.length ? (
          <section className="panel" aria-labelledby="scope-history-title">
            <h3 id="scope-history-title">Earlier approved versions</h3>
            <ul className="plain-list">
              {earlier.map((v) => (
                <li key={v.id}>
                  <details>
                    <summary>
                      Version {v.version}, approved {formatDateTime(v.approvedAt)}, replaced {formatDateTime(v.supersededAt)}
                    </summary>
                    <ScopeSummary scope={v} />
                  </details>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
      <div>
        <section className="panel" aria-labelledby="proposed-scope-title">
          <h3 id="proposed-scope-title">{view.proposal?.materialChangeId ? 'Proposed with the pending material change' : 'Proposed scope'}</h3>
          <ProposalBody systemId={systemId} view={view} />
        </section>
        {may(user, 'scope.test') ? (
          <section className="panel" aria-labelledby="scope-test-title">
            <h3 id="scope-test-title">Test a request</h3>
            <p className="panel__meta">Asks the engine as a gateway would, with your own session. Denials are recorded in the audit trail.</p>
            <ScopeTestForm systemId={systemId} />
          </section>
        ) : null}
      </div>
    </div>
  );
}

function ApprovedMeta({ scope }: { scope: ApprovedScope }) {
  return (
    <p className="panel__meta">
      Version {scope.version}, approved {formatDateTime(scope.approvedAt)}
      {scope.approvalRound ? ` in approval round ${scope.approvalRound}` : ''}
      {scope.materialChangeId ? ' with a material change' : ''}. SHA-256 <code className="scope-hash">{scope.hash}</code>
    </p>
  );
}
