import { useState, type FormEvent } from 'react';
import { may } from '../../../app/access';
import { useSession } from '../../../app/session';
import { TextField } from '../../../components/Field';
import { fieldError, FormProblem } from '../../../components/FormProblem';
import type { AiSystemDetail } from '../system-queries';
import { useSetRegisteredModel } from './model-registry-queries';

/**
 * The MLflow registered model the system runs: shown to everyone who sees the system, named or
 * changed by its owner or the governance office. MLflow's deliveries about that model act on
 * this system; a name belongs to one live system at a time (the API's 409 says so).
 */
export function RegisteredModelPanel({ system }: { system: AiSystemDetail }) {
  const { user } = useSession();
  const canEdit = system.stage !== 'retired' && may(user, 'ai_system.manage', { ownerId: system.accountableOwnerId });
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(system.registeredModelName ?? '');
  const save = useSetRegisteredModel(system.id);
  const current = system.registeredModelName;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    save.mutate(trimmed ? trimmed : null, { onSuccess: () => setEditing(false) });
  }

  return (
    <section className="panel" aria-labelledby="registered-model-title">
      <h2 id="registered-model-title">Registered model</h2>
      <p>
        {current ? (
          <>
            MLflow registered model <code>{current}</code>
          </>
        ) : (
          'No MLflow registered model is named for this system.'
        )}
      </p>
      <p className="panel__meta">
        New versions of this model are proposed here as material changes; an alias such as champion or production on a version never approved for this system
        opens an incident.
      </p>
      {canEdit && !editing ? (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => {
            setName(current ?? '');
            save.reset();
            setEditing(true);
          }}
        >
          {current ? 'Change the registered model' : 'Name the registered model'}
        </button>
      ) : null}
      {canEdit && editing ? (
        <form onSubmit={onSubmit} noValidate aria-label="Registered model">
          <FormProblem error={save.error && !fieldError(save.error, 'registeredModelName') ? save.error : null} />
          <TextField
            label="MLflow registered model name"
            hint="Exactly as MLflow names it (names are case-sensitive). Leave it empty for none."
            name="registeredModelName"
            maxLength={200}
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={fieldError(save.error, 'registeredModelName')}
          />
          <div className="button-row">
            <button type="submit" className="button" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save'}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
