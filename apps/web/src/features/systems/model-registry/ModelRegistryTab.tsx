import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { may } from '../../../app/access';
import { formatDateTime, humanize } from '../../../app/format';
import { useSession } from '../../../app/session';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingState } from '../../../components/LoadingState';
import type { AiSystemDetail } from '../system-queries';
import { modelRegistryEventsQuery, type ModelRegistryEvent } from './model-registry-queries';
import { ModelVersionProposal } from './ModelVersionProposal';
import { RegisteredModelPanel } from './RegisteredModelPanel';
import { RegistryFacts } from './RegistryFacts';
import './model-registry.css';

/** What each outcome means, in the words of the screen. */
const OUTCOME: Record<string, string> = {
  model_recorded: 'Registered model created',
  change_proposed: 'New version: proposal',
  version_recorded: 'New version recorded',
  tag_recorded: 'Tag recorded',
  alias_approved: 'Alias on an approved version',
  alias_unapproved: 'Alias on an unapproved version: incident',
  alias_unguarded: 'Alias recorded',
  alias_removed: 'Alias removed',
};

/**
 * ?tab=registry: the MLflow registered model the system runs, the new versions waiting for its
 * owner (propose as a material change, or dismiss), and every registry event with what it led to.
 */
export function ModelRegistryTab({ system }: { system: AiSystemDetail }) {
  const { user } = useSession();
  const events = useQuery(modelRegistryEventsQuery(system.id));
  const [notice, setNotice] = useState<string | null>(null);
  const canAct = may(user, 'ai_system.manage', { ownerId: system.accountableOwnerId });
  return (
    <>
      <RegisteredModelPanel system={system} />
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {events.isPending ? (
        <LoadingState label="Loading the registry events…" />
      ) : events.isError ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <>
          <Proposals systemId={system.id} events={events.data.items} canAct={canAct} onDone={setNotice} />
          <section className="panel" aria-labelledby="registry-events-title">
            <h2 id="registry-events-title">Registry events</h2>
            {events.data.items.length === 0 ? (
              <EmptyState title="No registry event yet">
                <p>Events arrive from MLflow once an admin has added an MLflow webhook source and the system names its registered model.</p>
              </EmptyState>
            ) : (
              <ul className="plain-list event-list">
                {events.data.items.map((event) => (
                  <RegistryEventItem key={event.id} event={event} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}

function Proposals({ systemId, events, canAct, onDone }: { systemId: string; events: ModelRegistryEvent[]; canAct: boolean; onDone: (message: string) => void }) {
  const open = events.filter((e) => e.proposalStatus === 'open');
  return (
    <section className="panel" aria-labelledby="proposals-title">
      <h2 id="proposals-title">New versions to decide on</h2>
      {open.length === 0 ? (
        <EmptyState title="No new version waiting">
          <p>A version MLflow registers while the system is in operation waits here until it is proposed as a material change or dismissed.</p>
        </EmptyState>
      ) : (
        <ul className="plain-list proposal-list">
          {open.map((proposal) => (
            <ModelVersionProposal key={proposal.id} systemId={systemId} proposal={proposal} canAct={canAct} onDone={onDone} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RegistryEventItem({ event }: { event: ModelRegistryEvent }) {
  const incident = event.outcome === 'alias_unapproved';
  return (
    <li className={incident ? 'event registry-event registry-event--incident' : 'event registry-event'}>
      <p>
        <strong>{OUTCOME[event.outcome] ?? humanize(event.outcome)}</strong> · <code>{event.event}</code>
      </p>
      <RegistryFacts facts={event.facts} />
      <p className="panel__meta">
        Sent {formatDateTime(event.sentAt)}
        {event.proposalStatus === 'completed' ? ' · proposed as a material change (see Changes)' : ''}
        {event.proposalStatus === 'dismissed' ? ` · dismissed: ${event.dismissalReason ?? ''}` : ''}
        {incident ? ` · ${event.monitoringEventId ? 'incident recorded (see Monitoring)' : 'incident review opened'}` : ''}
      </p>
    </li>
  );
}
