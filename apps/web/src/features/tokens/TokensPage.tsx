import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { SelectField, TextField } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { QueryView } from '../../components/QueryView';
import { SecretShownOnce } from '../../components/SecretShownOnce';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { RevokeTokenConfirm, rotationNote, tokenColumns } from './token-table-parts';
import { useDirectory } from '../people/people-queries';
import { tokensQuery, useIssueToken, useRevokeToken, useRotateToken, type ApiToken } from './token-queries';
import '../management-system/management-system.css';
import './tokens.css';

const LIFETIMES = [
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days (default)' },
  { days: 365, label: '1 year (the longest allowed by default)' },
];

/** How a button names its token: rotated tokens share a name, their prefixes tell them apart. */
const tokenLabel = (t: ApiToken) => (t.prefix ? `${t.name} (${t.prefix}…)` : t.name);

/** /tokens: your own API tokens. */
export function MyTokensPage() {
  const { user } = useSession();
  return <TokensScreen userId={user.id} title="Your API tokens" />;
}

/** /people/:id/tokens (admins): a person's API tokens. */
export function PersonTokensPage() {
  const { id = '' } = useParams();
  const { byId } = useDirectory();
  const name = byId.get(id)?.name;
  return <TokensScreen userId={id} title={name ? `API tokens of ${name}` : 'API tokens of a person'} back />;
}

/**
 * A person's personal API tokens (for scripts): listed with their name, status, created, expiry
 * and last use; issued, rotated and revoked. A new secret is shown once, with a copy button.
 * Whether the reader may do this is the API's decision (their own tokens, or an admin).
 */
function TokensScreen({ userId, title, back = false }: { userId: string; title: string; back?: boolean }) {
  useDocumentTitle(title);
  const tokens = useQuery(tokensQuery(userId));
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ name: string; value: string; note?: string } | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const rotate = useRotateToken(userId);
  const columns: ReadonlyArray<Column<ApiToken>> = [
    {
      header: 'Name',
      rowHeader: true,
      cell: (t) => (
        <>
          {t.name}
          {t.prefix ? <span className="soa-table__title mono">{t.prefix}…</span> : null}
        </>
      ),
    },
    ...tokenColumns<ApiToken>({
      label: tokenLabel,
      rotating: rotate.isPending,
      onRotate: (t) => rotate.mutate(t.id, { onSuccess: (r) => setSecret({ name: r.token.name, value: r.secret, note: rotationNote(r.previous.expiresAt) }) }),
      revoking,
      onToggleRevoke: (id) => setRevoking(revoking === id ? null : id),
    }),
  ];
  return (
    <section className="page ms-page tokens-page" aria-labelledby="tokens-title">
      {back ? (
        <p>
          <Link to="/people">People and roles</Link>
        </p>
      ) : null}
      <div className="page__header">
        <h1 id="tokens-title">{title}</h1>
        {!creating ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              setCreating(true);
              setSecret(null);
            }}
          >
            New token
          </button>
        ) : null}
      </div>
      <p className="page__lead">
        Scripts call the API with <code>Authorization: Bearer &lt;token&gt;</code>. Every token expires; rotate one to get a new secret while the old one keeps working for a
        short overlap, and revoke a token you no longer use. Only a fingerprint of each token is stored: a secret is shown once, when it is made.
      </p>
      {secret ? <NewSecret {...secret} onDone={() => setSecret(null)} /> : null}
      {creating ? (
        <NewTokenForm
          userId={userId}
          onIssued={(name, value) => {
            setCreating(false);
            setSecret({ name, value });
          }}
          onClose={() => setCreating(false)}
        />
      ) : null}
      <FormProblem error={rotate.error} />
      <QueryView
        query={tokens}
        loading="Loading tokens…"
        isEmpty={(data) => data.length === 0}
        empty={<EmptyState title="No API tokens yet">Make one with “New token” when a script needs to call the API.</EmptyState>}
      >
        {(data) => (
          <DataTable
            label="API tokens"
            columns={columns}
            rows={data}
            rowKey={(t) => t.id}
            details={(t) => (revoking === t.id && t.status === 'active' ? <RevokeConfirm userId={userId} token={t} onDone={() => setRevoking(null)} /> : null)}
          />
        )}
      </QueryView>
    </section>
  );
}

function NewTokenForm({ userId, onIssued, onClose }: { userId: string; onIssued: (name: string, secret: string) => void; onClose: () => void }) {
  const issue = useIssueToken(userId);
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    issue.mutate({ name: name.trim(), expiresInDays: Number(days) }, { onSuccess: (r) => onIssued(r.token.name, r.secret) });
  }
  const other = issue.error && !fieldError(issue.error, 'name', 'expiresInDays') ? issue.error : null;
  return (
    <form className="panel panel--action ms-form" onSubmit={onSubmit} noValidate aria-labelledby="new-token-title">
      <h2 id="new-token-title">New API token</h2>
      <FormProblem error={other} />
      <TextField label="Name" hint="What it is for, e.g. “CI pipeline”" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} error={fieldError(issue.error, 'name')} />
      <SelectField label="Expires after" value={days} onChange={(e) => setDays(e.target.value)} error={fieldError(issue.error, 'expiresInDays')}>
        {LIFETIMES.map((l) => (
          <option key={l.days} value={String(l.days)}>
            {l.label}
          </option>
        ))}
      </SelectField>
      <div className="button-row">
        <button type="submit" className="button" disabled={issue.isPending}>
          {issue.isPending ? 'Making…' : 'Make token'}
        </button>
        <button type="button" className="button button--quiet" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The secret of a token just made or rotated: shown once (components/SecretShownOnce). */
function NewSecret({ name, value, note, onDone }: { name: string; value: string; note?: string; onDone: () => void }) {
  return (
    <SecretShownOnce title={`Copy the token “${name}” now`} label={`Token ${name}`} secret={value} copyLabel="Copy token" onDone={onDone}>
      <p>This is the only time it is shown. Store it where your script keeps secrets.</p>
      {note ? <p>{note}</p> : null}
    </SecretShownOnce>
  );
}

function RevokeConfirm({ userId, token, onDone }: { userId: string; token: ApiToken; onDone: () => void }) {
  const revoke = useRevokeToken(userId);
  return (
    <RevokeTokenConfirm
      label={tokenLabel(token)}
      question={`Revoke “${token.name}”? Anything using it is refused from its next request. This cannot be undone.`}
      pending={revoke.isPending}
      error={revoke.error}
      onRevoke={() => revoke.mutate(token.id, { onSuccess: onDone })}
      onDone={onDone}
    />
  );
}
