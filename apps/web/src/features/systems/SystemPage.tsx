import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ApprovalsTab } from './ApprovalsTab';
import { AuditTab } from './AuditTab';
import { ChangesTab } from './ChangesTab';
import { ControlsTab } from './ControlsTab';
import { MonitoringTab } from './MonitoringTab';
import { ModelRegistryTab } from './model-registry/ModelRegistryTab';
import { DocumentationTab } from '../documentation/DocumentationTab';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { OverviewTab } from './OverviewTab';
import { ScopeTab } from '../scope/ScopeTab';
import { useFlashNotice } from './flash-notice';
import { StageBadge, TierBadge } from './SystemBadges';
import { aiSystemQuery, type AiSystemDetail } from './system-queries';
import { SystemTabs, type TabDef } from './SystemTabs';
import { VersionsTab } from './VersionsTab';
import { SystemReassessmentNotice } from '../questionnaire/SystemReassessmentNotice';
import './systems.css';

const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'approvals', label: 'Approvals' },
  { id: 'versions', label: 'Versions' },
  { id: 'changes', label: 'Changes' },
  { id: 'scope', label: 'Scope' },
  { id: 'monitoring', label: 'Monitoring' },
  { id: 'registry', label: 'Model registry' },
  { id: 'controls', label: 'Controls' },
  { id: 'documentation', label: 'Documentation' },
  { id: 'audit', label: 'Audit trail' },
] as const satisfies ReadonlyArray<TabDef<string>>;
type TabId = (typeof TABS)[number]['id'];

/**
 * /systems/:id: one system, its stage and what can be done in it, and everything recorded
 * about it, a tab each (linkable: ?tab=approvals). Each tab reads its own part of the API, with
 * its own loading, empty and error states; a system the person may not see is the 403 page.
 */
export default function SystemPage() {
  const { id = '' } = useParams();
  const system = useQuery({
    ...aiSystemQuery(id),
    // Just after the assessment the round's tasks are still being created: look again shortly.
    refetchInterval: (query) => (query.state.data?.stage === 'approval' && query.state.data.openTasks.length === 0 ? 2000 : false),
  });
  useDocumentTitle(system.data?.name ?? 'AI system');
  if (system.isPending) return <LoadingState label="Loading the system…" />;
  if (system.isError) return <ErrorState error={system.error} what="system" onRetry={() => void system.refetch()} />;
  return <SystemView system={system.data} />;
}

function SystemView({ system }: { system: AiSystemDetail }) {
  const [params, setParams] = useSearchParams();
  const notice = useFlashNotice();
  const { user } = useSession();
  // the compiled documents are for oversight roles and the owner; others are not offered the tab
  const tabs = TABS.filter((t) => t.id !== 'documentation' || may(user, 'ai_system.documentation', { ownerId: system.accountableOwnerId }));
  const requested = params.get('tab');
  const tab: TabId = tabs.some((t) => t.id === requested) ? (requested as TabId) : 'overview';

  return (
    <article className="page system-page" aria-labelledby="system-name">
      <p className="breadcrumb">
        <Link to="/systems">AI systems</Link>
      </p>
      <header className="system-page__header">
        <h1 id="system-name">{system.name}</h1>
        <p className="system-card__badges">
          <StageBadge stage={system.stage} /> <TierBadge tier={system.riskTier} />
          {system.currentVersion ? <span className="marker">Version {system.currentVersion} running</span> : null}
        </p>
        <p className="system-page__purpose">{system.purpose}</p>
      </header>
      <SystemReassessmentNotice systemId={system.id} ownerId={system.accountableOwnerId} />
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <SystemTabs label="About this system" tabs={tabs} selected={tab} onSelect={(next) => setParams(next === 'overview' ? {} : { tab: next }, { replace: true })}>
        {tab === 'overview' ? <OverviewTab system={system} /> : null}
        {tab === 'approvals' ? <ApprovalsTab systemId={system.id} /> : null}
        {tab === 'scope' ? <ScopeTab systemId={system.id} /> : null}
        {tab === 'versions' ? <VersionsTab systemId={system.id} deployments={system.deployments} /> : null}
        {tab === 'changes' ? <ChangesTab systemId={system.id} /> : null}
        {tab === 'monitoring' ? <MonitoringTab system={system} /> : null}
        {tab === 'registry' ? <ModelRegistryTab system={system} /> : null}
        {tab === 'controls' ? <ControlsTab systemId={system.id} /> : null}
        {tab === 'documentation' ? <DocumentationTab systemId={system.id} /> : null}
        {tab === 'audit' ? <AuditTab systemId={system.id} /> : null}
      </SystemTabs>
    </article>
  );
}
