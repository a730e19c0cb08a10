import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDateTime } from '../../app/format';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { Pager } from '../../components/Pager';
import { QueryView } from '../../components/QueryView';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { Badge, type Tone } from '../management-system/Badge';
import { SubscriptionActions } from './SubscriptionActions';
import { SubscriptionSecret } from './SubscriptionSecret';
import { SubscriptionStatus } from './SubscriptionStatus';
import { deliveriesQuery, subscriptionQuery, type SubscriptionWithSecret, type WebhookDelivery } from './webhook-subscriptions-queries';
import '../management-system/management-system.css';
import './webhook-subscriptions.css';

const DELIVERY_TONES: Record<WebhookDelivery['status'], Tone> = { pending: 'info', delivered: 'good', failed: 'bad', gone: 'bad', cancelled: 'neutral' };

/** /webhook-subscriptions/:id: one subscription, its actions, and its deliveries with every attempt. */
export default function WebhookSubscriptionPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const subscription = useQuery(subscriptionQuery(id));
  const [page, setPage] = useState(1);
  const deliveries = useQuery({ ...deliveriesQuery(id, page), refetchInterval: 5000 });
  const [secret, setSecret] = useState<SubscriptionWithSecret | null>(null);
  const canManage = may(useSession().user, 'webhook_subscription.manage');
  useDocumentTitle(subscription.data ? `Webhook: ${subscription.data.description || subscription.data.url}` : 'Webhook subscription');
  const columns: ReadonlyArray<Column<WebhookDelivery>> = [
    { header: 'Event', rowHeader: true, cell: (d) => <code>{d.eventType}</code> },
    { header: 'Occurred', cell: (d) => formatDateTime(d.occurredAt) },
    { header: 'Status', cell: (d) => <Badge value={d.status} tone={DELIVERY_TONES[d.status]} /> },
    {
      header: 'Attempts',
      cell: (d) =>
        d.attempts.length === 0 ? (
          'None yet'
        ) : (
          <ol className="attempt-list" aria-label={`Attempts of ${d.eventType} at ${formatDateTime(d.occurredAt)}`}>
            {d.attempts.map((a) => (
              <li key={a.attempt}>
                {formatDateTime(a.startedAt)}: {a.statusCode !== null ? `HTTP ${a.statusCode}` : (a.error ?? 'no answer')} ({a.durationMs} ms)
              </li>
            ))}
          </ol>
        ),
    },
    { header: 'Event id', cell: (d) => <code className="wrap-anywhere">{d.eventId}</code> },
  ];
  return (
    <section className="page ms-page" aria-labelledby="webhook-subscription-title">
      <p>
        <Link to="/webhook-subscriptions">All webhook subscriptions</Link>
      </p>
      <QueryView query={subscription} loading="Loading the subscription…">
        {(s) => (
          <>
            <div className="page__header">
              <h1 id="webhook-subscription-title">{s.description || 'Webhook subscription'}</h1>
            </div>
            {secret ? <SubscriptionSecret title="New signing secret" secret={secret.secret} onDone={() => setSecret(null)} /> : null}
            <dl className="facts">
              <dt>URL</dt>
              <dd>
                <code className="wrap-anywhere">{s.url}</code>
              </dd>
              <dt>Events</dt>
              <dd>{s.events.join(', ')}</dd>
              <dt>Status</dt>
              <dd>
                <SubscriptionStatus subscription={s} />
              </dd>
              {s.previousSecretExpiresAt ? (
                <>
                  <dt>Previous secret</dt>
                  <dd>still signs until {formatDateTime(s.previousSecretExpiresAt)}</dd>
                </>
              ) : null}
            </dl>
            {canManage ? (
              <div className="button-row">
                <SubscriptionActions subscription={s} onRotated={setSecret} onDeleted={() => navigate('/webhook-subscriptions')} />
              </div>
            ) : null}
          </>
        )}
      </QueryView>
      <h2>Deliveries</h2>
      <QueryView
        query={deliveries}
        loading="Loading deliveries…"
        isEmpty={(data) => data.items.length === 0}
        empty={<EmptyState title="No delivery yet">Events this subscription asks for are delivered here as they happen.</EmptyState>}
      >
        {(data) => (
          <>
            <DataTable label="Deliveries" columns={columns} rows={data.items} rowKey={(d) => d.id} />
            <Pager page={page} pageSize={data.pageSize} total={data.total} onPage={setPage} label="Deliveries" />
          </>
        )}
      </QueryView>
    </section>
  );
}
