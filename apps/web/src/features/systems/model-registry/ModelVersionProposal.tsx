import { useState, type FormEvent } from 'react';
import { formatDateTime } from '../../../app/format';
import { TextArea, TextField } from '../../../components/Field';
import { fieldError, FormProblem } from '../../../components/FormProblem';
import { useCompleteProposal, useDismissProposal, type ModelRegistryEvent } from './model-registry-queries';
import { RegistryFacts } from './RegistryFacts';
import { mutateThen } from '../../../api/mutate-then';

/** The version label the API gives by default: '<model>-v<version>' (libs/domain/src/model-registry.ts). */
function defaultLabel(model: string, version: string): string {
  const slug = model
    .replace(/[^A-Za-z0-9._+-]+/g, '-')
    .slice(0, 80)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return slug ? `${slug}-v${version}` : `v${version}`;
}

/**
 * A new version MLflow registered while the system runs: its facts, and the owner's two answers:
 * propose it as a material change (adding the checksum MLflow does not send) or dismiss it.
 */
export function ModelVersionProposal({ systemId, proposal, canAct, onDone }: { systemId: string; proposal: ModelRegistryEvent; canAct: boolean; onDone: (message: string) => void }) {
  const [mode, setMode] = useState<'idle' | 'propose' | 'dismiss'>('idle');
  const version = proposal.modelVersion ?? '';
  const title = `Version ${version} of ${proposal.modelName}`;
  return (
    <li className="panel proposal" aria-labelledby={`proposal-${proposal.id}`}>
      <h3 id={`proposal-${proposal.id}`}>{title}</h3>
      <p className="panel__meta">Registered in MLflow {formatDateTime(proposal.sentAt)}; not approved for this system.</p>
      <RegistryFacts facts={proposal.facts} />
      {canAct && mode === 'idle' ? (
        <div className="button-row">
          <button type="button" className="button button--small" onClick={() => setMode('propose')} aria-label={`Propose as a material change: version ${version} of ${proposal.modelName}`}>
            Propose as a material change
          </button>
          <button type="button" className="button button--quiet button--small" onClick={() => setMode('dismiss')} aria-label={`Dismiss version ${version} of ${proposal.modelName}`}>
            Dismiss
          </button>
        </div>
      ) : null}
      {canAct && mode === 'propose' ? (
        <CompleteForm systemId={systemId} proposal={proposal} onCancel={() => setMode('idle')} onDone={onDone} />
      ) : null}
      {canAct && mode === 'dismiss' ? <DismissForm systemId={systemId} proposal={proposal} onCancel={() => setMode('idle')} onDone={onDone} /> : null}
    </li>
  );
}

function CompleteForm({ systemId, proposal, onCancel, onDone }: { systemId: string; proposal: ModelRegistryEvent; onCancel: () => void; onDone: (message: string) => void }) {
  const complete = useCompleteProposal(systemId, proposal.id);
  const [checksum, setChecksum] = useState('');
  const [label, setLabel] = useState(defaultLabel(proposal.modelName, proposal.modelVersion ?? ''));
  const [description, setDescription] = useState('');
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The proposal leaves the list (and this form unmounts) when the reads refresh.
    mutateThen(complete, { checksum: checksum.trim(), version: label.trim(), ...(description.trim() ? { description: description.trim() } : {}) }, (change) =>
      onDone(`Change to version ${change.version} proposed: answer its impact assessment next.`),
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Propose version ${proposal.modelVersion} as a material change`}>
      <FormProblem error={complete.error && !fieldError(complete.error, 'checksum', 'version', 'description') ? complete.error : null} />
      <TextField
        label="Checksum of the model artifact"
        hint="sha256:, sha384: or sha512: and the lower-case hex digest of the files MLflow stores for this version."
        name="checksum"
        autoComplete="off"
        spellCheck={false}
        value={checksum}
        onChange={(e) => setChecksum(e.target.value)}
        error={fieldError(complete.error, 'checksum')}
      />
      <TextField label="Version label" hint="The changed system deploys under this label." name="version" maxLength={100} value={label} onChange={(e) => setLabel(e.target.value)} error={fieldError(complete.error, 'version')} />
      <TextArea
        label="What and why (optional)"
        hint="Left empty, the registry's facts above are the description."
        name="description"
        rows={3}
        maxLength={4000}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={fieldError(complete.error, 'description')}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={complete.isPending}>
          {complete.isPending ? 'Proposing…' : 'Propose the change'}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DismissForm({ systemId, proposal, onCancel, onDone }: { systemId: string; proposal: ModelRegistryEvent; onCancel: () => void; onDone: (message: string) => void }) {
  const dismiss = useDismissProposal(systemId, proposal.id);
  const [reason, setReason] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        mutateThen(dismiss, reason.trim(), () => onDone(`Version ${proposal.modelVersion} of ${proposal.modelName} dismissed.`));
      }}
      noValidate
      aria-label={`Dismiss version ${proposal.modelVersion}`}
    >
      <FormProblem error={dismiss.error && !fieldError(dismiss.error, 'reason') ? dismiss.error : null} />
      <TextArea label="Why it is not proposed" name="reason" rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(dismiss.error, 'reason')} />
      <div className="button-row">
        <button type="submit" className="button button--secondary" disabled={dismiss.isPending}>
          Dismiss the version
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          Keep it
        </button>
      </div>
    </form>
  );
}
