import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { TextField } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { Pager } from '../../components/Pager';
import { QueryView } from '../../components/QueryView';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { EventChoices } from './EventChoices';
import { SubscriptionActions } from './SubscriptionActions';
import { SubscriptionSecret } from './SubscriptionSecret';
import { SubscriptionStatus } from './SubscriptionStatus';
import { subscriptionsQuery, useCreateSubscription, type CreateSubscription, type SubscriptionWithSecret, type WebhookSubscription } from './webhook-subscriptions-queries';
import '../management-system/management-system.css';
import './webhook-subscriptions.css';

/**
 * /webhook-subscriptions (admins; oversight roles read): the endpoints lifecycle events are
 * sent to, each with the events it wants and its own signing secret (shown once, when made or
 * rotated). A subscription's deliveries and their attempts are on its own page.
 */
export default function WebhookSubscriptionsPage() {
  useDocumentTitle('Webhook subscriptions');
  const [page, setPage] = useState(1);
  const subscriptions = useQuery(subscriptionsQuery(page));
  const canManage = may(useSession().user, 'webhook_subscription.manage');
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<{ title: string; made: SubscriptionWithSecret } | null>(null);
  const columns: ReadonlyArray<Column<WebhookSubscription> | false> = [
    { header: 'Endpoint', rowHeader: true, cell: (s) => <Link to={`/webhook-subscriptions/${s.id}`}>{s.description || s.url}</Link> },
    { header: 'URL', cell: (s) => <code className="wrap-anywhere">{s.url}</code> },
    { header: 'Events', cell: (s) => s.events.join(', ') },
    { header: 'Status', cell: (s) => <SubscriptionStatus subscription={s} /> },
    { header: 'Created', cell: (s) => formatDateTime(s.createdAt) },
    canManage && {
      // a visible header: a visually hidden one is absolutely positioned and escapes the table's sideways scroll on a phone
      header: 'Actions',
      className: 'actions-cell',
      cell: (s: WebhookSubscription) => <SubscriptionActions subscription={s} onRotated={(made) => setSecret({ title: `New secret for ${s.description || s.url}`, made })} />,
    },
  ];
  return (
    <section className="page ms-page" aria-labelledby="webhook-subscriptions-title">
      <div className="page__header">
        <h1 id="webhook-subscriptions-title">Webhook subscriptions</h1>
        {canManage && !adding && !secret ? (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Add a subscription
          </button>
        ) : null}
      </div>
      <p className="page__lead">
        Endpoints told about lifecycle events as they happen: stage changes, approval decisions and rounds, rollbacks, incidents, overdue reviews and control
        health. Each delivery is signed, retried with backoff until the endpoint takes it, and listed with its attempts. An endpoint answering 410 Gone is
        disabled.
      </p>
      {secret ? <SubscriptionSecret title={secret.title} secret={secret.made.secret} onDone={() => setSecret(null)} /> : null}
      {adding ? (
        <NewSubscriptionForm
          onClose={() => setAdding(false)}
          onCreated={(made) => {
            setAdding(false);
            setSecret({ title: `${made.subscription.description || made.subscription.url} is subscribed`, made });
          }}
        />
      ) : null}
      <QueryView
        query={subscriptions}
        loading="Loading webhook subscriptions…"
        isEmpty={(data) => data.items.length === 0}
        empty={<EmptyState title="No webhook subscription yet">Add one for each system that should hear about lifecycle events.</EmptyState>}
      >
        {(data) => (
          <>
            <DataTable label="Webhook subscriptions" columns={columns} rows={data.items} rowKey={(s) => s.id} />
            <Pager page={page} pageSize={data.pageSize} total={data.total} onPage={setPage} label="Webhook subscriptions" />
          </>
        )}
      </QueryView>
    </section>
  );
}

function NewSubscriptionForm({ onClose, onCreated }: { onClose: () => void; onCreated: (made: SubscriptionWithSecret) => void }) {
  const create = useCreateSubscription();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ url: url.trim(), description: description.trim(), events: events as CreateSubscription['events'] }, { onSuccess: onCreated });
  }
  const other = create.error && !fieldError(create.error, 'url', 'events', 'description') ? create.error : null;
  return (
    <form className="panel panel--action ms-form" onSubmit={onSubmit} noValidate aria-labelledby="new-subscription-title">
      <h2 id="new-subscription-title">Add a webhook subscription</h2>
      <FormProblem error={other} />
      <TextField
        label="Endpoint URL"
        hint="http or https. Addresses inside the network (loopback, private, link-local) are refused unless the server allows them."
        type="url"
        value={url}
        maxLength={2000}
        onChange={(e) => setUrl(e.target.value)}
        error={fieldError(create.error, 'url')}
      />
      <TextField label="Description" hint="What receives the events, as people will recognise it." value={description} maxLength={500} onChange={(e) => setDescription(e.target.value)} error={fieldError(create.error, 'description')} />
      <EventChoices value={events} onChange={setEvents} error={fieldError(create.error, 'events')} />
      <div className="button-row">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add'}
        </button>
        <button type="button" className="button button--quiet" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
