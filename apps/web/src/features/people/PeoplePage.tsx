import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDate } from '../../app/format';
import { may } from '../../app/access';
import { ROLE_LABELS, type Role } from '../../app/roles';
import { useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { TextField } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { Pager } from '../../components/Pager';
import { QueryView } from '../../components/QueryView';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { StatusBadge } from '../management-system/Badge';
import { useCreateUser, usersQuery, useUpdateUser, type UserView } from './people-queries';
import '../management-system/management-system.css';

const ROLES = Object.keys(ROLE_LABELS) as Role[];

/** /people (admins): everyone with their roles; add a person, change roles, deactivate or reactivate. */
export default function PeoplePage() {
  useDocumentTitle('People and roles');
  const { user } = useSession();
  const [page, setPage] = useState(1);
  const users = useQuery(usersQuery(page));
  const [adding, setAdding] = useState(false);
  // whose roles are being changed: that row opens a form under it
  const [editing, setEditing] = useState<string | null>(null);
  const admin = may(user, 'user.manage');
  const columns: ReadonlyArray<Column<UserView> | false> = [
    ...PERSON_COLUMNS,
    admin && {
      header: 'Actions',
      hideHeader: true,
      className: 'actions-cell',
      cell: (person) => (
        <PersonActions person={person} me={user.id} editing={editing === person.id} onEdit={() => setEditing(editing === person.id ? null : person.id)} />
      ),
    },
  ];
  return (
    <section className="page ms-page" aria-labelledby="people-title">
      <div className="page__header">
        <h1 id="people-title">People and roles</h1>
        {admin && !adding ? (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Add a person
          </button>
        ) : null}
      </div>
      <p className="page__lead">Roles decide what each person may see and do. A deactivated person is signed out at once, cannot sign in and gets no new tasks; nobody is deleted.</p>
      {adding ? <NewPersonForm onClose={() => setAdding(false)} /> : null}
      <QueryView query={users} loading="Loading people…" isEmpty={(data) => data.items.length === 0} empty={<EmptyState title="Nobody yet" />}>
        {(data) => (
          <>
            <DataTable
              label="People"
              columns={columns}
              rows={data.items}
              rowKey={(person) => person.id}
              details={(person) => (admin && editing === person.id ? <RolesForm person={person} onDone={() => setEditing(null)} /> : null)}
            />
            <Pager page={page} pageSize={data.pageSize} total={data.total} onPage={setPage} label="People" />
          </>
        )}
      </QueryView>
    </section>
  );
}

function RoleChoices({ legend, value, onChange, error }: { legend: string; value: string[]; onChange: (roles: string[]) => void; error?: string }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {error ? <p className="field__error">{error}</p> : null}
      <ul className="check-list check-list--columns">
        {ROLES.map((role) => (
          <li key={role}>
            <label>
              <input type="checkbox" checked={value.includes(role)} onChange={(e) => onChange(e.target.checked ? [...value, role] : value.filter((r) => r !== role))} /> {ROLE_LABELS[role]}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

const PERSON_COLUMNS: ReadonlyArray<Column<UserView>> = [
  {
    header: 'Person',
    rowHeader: true,
    cell: (person) => (
      <>
        {person.name}
        <span className="soa-table__title">{person.email}</span>
      </>
    ),
  },
  { header: 'Roles', cell: (person) => person.roles.map((r) => ROLE_LABELS[r as Role] ?? r).join(', ') },
  { header: 'Status', cell: (person) => <StatusBadge value={person.active ? 'valid' : 'withdrawn'} label={person.active ? 'Active' : 'Deactivated'} /> },
  { header: 'Since', cell: (person) => formatDate(person.createdAt) },
];

/** An admin's buttons for a person: change their roles (opens the form under the row), deactivate or reactivate (not oneself). */
function PersonActions({ person, me, editing, onEdit }: { person: UserView; me: string; editing: boolean; onEdit: () => void }) {
  const update = useUpdateUser(person.id);
  return (
    <>
      <FormProblem error={update.error} />
      <button type="button" className="button button--secondary button--small" onClick={onEdit} aria-expanded={editing} aria-label={`Change roles of ${person.name}`}>
        Change roles
      </button>
      <Link to={`/people/${person.id}/tokens`} className="button button--quiet button--small" aria-label={`API tokens of ${person.name}`}>
        API tokens
      </Link>
      {person.id !== me ? (
        <button
          type="button"
          className="button button--quiet button--small"
          disabled={update.isPending}
          onClick={() => update.mutate({ active: !person.active })}
          aria-label={`${person.active ? 'Deactivate' : 'Reactivate'} ${person.name}`}
        >
          {person.active ? 'Deactivate' : 'Reactivate'}
        </button>
      ) : null}
    </>
  );
}

/** A person's roles, changed; the API's refusal beside the roles, or above the form. */
function RolesForm({ person, onDone }: { person: UserView; onDone: () => void }) {
  const [roles, setRoles] = useState<string[]>(person.roles);
  const update = useUpdateUser(person.id);
  return (
    <form
      className="ms-form"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ roles: roles as Role[] }, { onSuccess: onDone });
      }}
      aria-label={`Roles of ${person.name}`}
    >
      <FormProblem error={update.error && !fieldError(update.error, 'roles') ? update.error : null} />
      <RoleChoices legend={`Roles of ${person.name}`} value={roles} onChange={setRoles} error={fieldError(update.error, 'roles')} />
      <button type="submit" className="button button--secondary" disabled={update.isPending}>
        Save roles
      </button>
    </form>
  );
}

function NewPersonForm({ onClose }: { onClose: () => void }) {
  const create = useCreateUser();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ email: email.trim(), name: name.trim(), roles: roles as Role[] });
  }
  if (create.isSuccess) {
    return (
      <section className="panel panel--action" aria-labelledby="created-title">
        <h2 id="created-title">{create.data.user.name} is added</h2>
        <p>
          They sign in with an emailed link at {create.data.user.email}. For scripts, their personal API token is below: it is shown only this once, and it expires (see
          their API tokens).
        </p>
        <p>
          <code className="token">{create.data.token}</code>
        </p>
        <button type="button" className="button button--secondary" onClick={onClose}>
          Done
        </button>
      </section>
    );
  }
  const other = create.error && !fieldError(create.error, 'email', 'name', 'roles') ? create.error : null;
  return (
    <form className="panel panel--action ms-form" onSubmit={onSubmit} noValidate aria-labelledby="new-person-title">
      <h2 id="new-person-title">Add a person</h2>
      <FormProblem error={other} />
      <TextField label="Work email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={fieldError(create.error, 'email')} />
      <TextField label="Name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} error={fieldError(create.error, 'name')} />
      <RoleChoices legend="Roles" value={roles} onChange={setRoles} error={fieldError(create.error, 'roles')} />
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
