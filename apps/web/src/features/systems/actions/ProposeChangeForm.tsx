import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { LoadingState } from '../../../components/LoadingState';
import { draftOf, toScope, type ScopeDraft } from '../../scope/scope-draft';
import { scopeQuery } from '../../scope/scope-queries';
import { ScopeFields } from '../../scope/ScopeFields';
import { TextArea, TextField } from '../../../components/Field';
import { fieldError, FormProblem } from '../../../components/FormProblem';
import { linesOf } from '../registration-form';
import type { AiSystemDetail } from '../system-queries';
import { useProposeChange, type ChangeProposal } from '../use-system-actions';
import { ArtifactFields, EMPTY_ARTIFACT, isBlank, toArtifact, type ArtifactDraft } from './ArtifactFields';
import { mutateThen } from '../../../api/mutate-then';

const KINDS = [
  { value: 'model', label: 'A new model', hint: 'Retrained, replaced or a new vendor version.' },
  { value: 'data', label: 'New data', hint: 'New training or evaluation data.' },
  { value: 'purpose', label: 'A new purpose', hint: 'It will be used for something else.' },
  { value: 'affected_groups', label: 'Newly affected people', hint: 'It will affect other groups of people.' },
  { value: 'scope', label: 'A new scope', hint: 'What it may use, call or decide, or its autonomy; it applies once the change is approved.' },
] as const;
type Kind = (typeof KINDS)[number]['value'];

const NAMED = ['kinds', 'description', 'version', 'model', 'datasets', 'newPurpose', 'newAffectedGroups', 'scope'];

/**
 * Propose a material change: what changes and its new value, the version it will deploy as.
 * The running version keeps running while the change is re-assessed and approved.
 */
export function ProposeChangeForm({ system, onDone }: { system: AiSystemDetail; onDone: (message: string) => void }) {
  const propose = useProposeChange(system.id);
  const [kinds, setKinds] = useState<Kind[]>([]);
  const [description, setDescription] = useState('');
  const [version, setVersion] = useState('');
  const [model, setModel] = useState<ArtifactDraft>(EMPTY_ARTIFACT);
  const [dataset, setDataset] = useState<ArtifactDraft>(EMPTY_ARTIFACT);
  const [newPurpose, setNewPurpose] = useState('');
  const [newGroups, setNewGroups] = useState(system.affectedStakeholders.join('\n'));
  const [scope, setScope] = useState<ScopeDraft | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: ChangeProposal = {
      kinds,
      description: description.trim(),
      version: version.trim(),
      ...(kinds.includes('model') && !isBlank(model) ? { model: toArtifact(model) } : {}),
      ...(kinds.includes('data') && !isBlank(dataset) ? { datasets: [toArtifact(dataset)] } : {}),
      ...(kinds.includes('purpose') && newPurpose.trim() ? { newPurpose: newPurpose.trim() } : {}),
      ...(kinds.includes('affected_groups') ? { newAffectedGroups: linesOf(newGroups) } : {}),
      ...(kinds.includes('scope') && scope ? { scope: toScope(scope) } : {}),
    };
    mutateThen(propose, body, (change) => onDone(`Change to version ${change.version} proposed: answer its impact assessment next.`));
  }

  const toggle = (kind: Kind) => setKinds((current) => (current.includes(kind) ? current.filter((k) => k !== kind) : [...current, kind]));
  const kindsError = fieldError(propose.error, 'kinds');

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Propose a material change">
      <FormProblem error={propose.error && !fieldError(propose.error, ...NAMED) ? propose.error : null} />
      <fieldset className={kindsError ? 'choice-group field--invalid' : 'choice-group'} aria-describedby={kindsError ? 'change-kinds-error' : undefined}>
        <legend>What changes</legend>
        {kindsError ? (
          <p className="field__error" id="change-kinds-error">
            {kindsError}
          </p>
        ) : null}
        {KINDS.map((kind) => (
          <label key={kind.value} className="choice">
            <input type="checkbox" name="kinds" value={kind.value} checked={kinds.includes(kind.value)} onChange={() => toggle(kind.value)} />
            <span>
              <span className="choice__label">{kind.label}</span>
              <span className="choice__hint">{kind.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <TextArea label="What and why" name="description" rows={3} maxLength={4000} value={description} onChange={(e) => setDescription(e.target.value)} error={fieldError(propose.error, 'description')} />
      <TextField label="New version label" hint={`Running now: ${system.currentVersion ?? 'none'}. The changed system deploys under a new label.`} name="version" maxLength={100} value={version} onChange={(e) => setVersion(e.target.value)} error={fieldError(propose.error, 'version')} />
      {kinds.includes('model') ? <ArtifactFields legend="The new model" field="model" value={model} onChange={setModel} error={propose.error} /> : null}
      {kinds.includes('data') ? <ArtifactFields legend="The new data" field="datasets.0" value={dataset} onChange={setDataset} error={propose.error} /> : null}
      {kinds.includes('data') && fieldError(propose.error, 'datasets') && !fieldError(propose.error, 'datasets.0') ? <p className="field__error">{fieldError(propose.error, 'datasets')}</p> : null}
      {kinds.includes('purpose') ? (
        <TextArea label="The new purpose" name="newPurpose" rows={3} maxLength={2000} value={newPurpose} onChange={(e) => setNewPurpose(e.target.value)} error={fieldError(propose.error, 'newPurpose')} />
      ) : null}
      {kinds.includes('affected_groups') ? (
        <TextArea label="Affected people after the change" hint="One group per line." name="newAffectedGroups" rows={3} value={newGroups} onChange={(e) => setNewGroups(e.target.value)} error={fieldError(propose.error, 'newAffectedGroups')} />
      ) : null}
      {kinds.includes('scope') ? <NewScopeFields systemId={system.id} value={scope} onChange={setScope} error={propose.error} /> : null}
      <button type="submit" className="button" disabled={propose.isPending}>
        {propose.isPending ? 'Proposing…' : 'Propose the change'}
      </button>
    </form>
  );
}

/** The whole new scope, starting from the approved one (loaded when the scope kind is chosen). */
function NewScopeFields({ systemId, value, onChange, error }: { systemId: string; value: ScopeDraft | null; onChange: (next: ScopeDraft) => void; error: unknown }) {
  const current = useQuery(scopeQuery(systemId));
  useEffect(() => {
    if (value === null && current.data) onChange(draftOf(current.data.approved));
  }, [value, current.data, onChange]);
  if (value === null) return current.isError ? <ScopeFields value={draftOf(null)} onChange={onChange} error={error} field="scope" /> : <LoadingState label="Loading the approved scope…" />;
  return (
    <fieldset className="choice-group">
      <legend>The new scope</legend>
      <p className="field__hint">Starts from the approved scope; the change’s approval makes this the scope gateways enforce.</p>
      <ScopeFields value={value} onChange={onChange} error={error} field="scope" namePrefix="change-scope" />
    </fieldset>
  );
}
