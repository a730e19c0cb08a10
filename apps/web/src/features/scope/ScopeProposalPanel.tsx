import { useQuery } from '@tanstack/react-query';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { EmptyState } from '../../components/EmptyState';
import { scopeQuery, type SystemScope } from './scope-queries';
import { ScopeDiff } from './ScopeDiff';
import { ScopeEditor } from './ScopeEditor';
import './scope.css';

/** The proposed scope on a page of its own (the impact assessment): loads the scope, then ProposalSection. */
export function ScopeProposalPanel({ systemId }: { systemId: string }) {
  const scope = useQuery(scopeQuery(systemId));
  return (
    <section className="panel" aria-labelledby="scope-proposal-title">
      <h2 id="scope-proposal-title">Proposed scope</h2>
      {scope.isPending ? (
        <LoadingState label="Loading the scope…" />
      ) : scope.isError ? (
        <ErrorState error={scope.error} onRetry={() => void scope.refetch()} />
      ) : (
        <ProposalBody systemId={systemId} view={scope.data} />
      )}
    </section>
  );
}

/**
 * What the system is asked to be allowed: the proposal and what it changes against the
 * approved scope, and the editor while a proposal may be written and the reader may write it.
 */
export function ProposalBody({ systemId, view }: { systemId: string; view: SystemScope }) {
  return (
    <>
      <p className="panel__meta">
        What the system may use, call and decide, and how freely. The approval freezes it; gateways then ask the engine before the system acts.
      </p>
      {view.proposal && view.diff ? (
        <ScopeDiff diff={view.diff} approved={view.approved !== null} />
      ) : (
        <EmptyState title="No scope proposed">
          <p>{view.proposalOpen ? 'Propose one below.' : (view.proposalClosedReason ?? '')}</p>
        </EmptyState>
      )}
      {view.canPropose ? <ScopeEditor systemId={systemId} view={view} /> : view.proposal && !view.proposalOpen ? <p>{view.proposalClosedReason}</p> : null}
    </>
  );
}
