import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { seriousIncidentListQuery } from './serious-incident-queries';

/**
 * Under an incident on a system's Monitoring tab: its serious incident if it is one, else, for
 * the accountable owner and the governance office, the way to mark it serious (EU AI Act Art. 73).
 */
export function SeriousIncidentLink({ system, eventId }: { system: { id: string; accountableOwnerId: string }; eventId: string }) {
  const { user } = useSession();
  const incidents = useQuery(seriousIncidentListQuery({ aiSystemId: system.id }));
  const marked = incidents.data?.items.find((i) => i.monitoringEventId === eventId);
  if (marked) {
    return (
      <p>
        <Link to={`/serious-incidents/${marked.id}`}>Serious incident: {marked.categoryLabel}</Link>
      </p>
    );
  }
  const mayDeclare = user.id === system.accountableOwnerId || user.roles.includes('governance_office');
  if (!incidents.isSuccess || !mayDeclare) return null;
  return (
    <p>
      <Link to={`/serious-incidents/new?${new URLSearchParams({ systemId: system.id, eventId })}`}>Mark as serious incident</Link>
    </p>
  );
}
