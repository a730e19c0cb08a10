import { useState, type FormEvent } from 'react';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { draftOf, toScope, type ScopeDraft } from './scope-draft';
import { useProposeScope, type SystemScope } from './scope-queries';
import { ScopeFields } from './ScopeFields';

/**
 * Edits the system's proposed scope (PUT .../scope/proposal), starting from the proposal, else
 * the approved scope. The API says when a proposal may be written (design, assessment, or a
 * material change of kind scope before its round); a 409 in between shows its reason.
 */
export function ScopeEditor({ systemId, view }: { systemId: string; view: SystemScope }) {
  const propose = useProposeScope(systemId);
  const [draft, setDraft] = useState<ScopeDraft>(() => draftOf(view.proposal ?? view.approved));
  const [saved, setSaved] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    propose.mutate(toScope(draft), { onSuccess: () => setSaved(true) });
  }

  const other = propose.error && !fieldError(propose.error, 'dataCategories', 'tools', 'decisions', 'autonomy') ? propose.error : null;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Propose the scope">
      <FormProblem error={other} />
      <ScopeFields value={draft} onChange={(next) => { setDraft(next); setSaved(false); }} error={propose.error} namePrefix="proposal" />
      <div className="button-row">
        <button type="submit" className="button" disabled={propose.isPending}>
          {propose.isPending ? 'Saving…' : 'Save the proposed scope'}
        </button>
      </div>
      <p role="status" className="panel__meta">
        {saved ? (view.proposalChangeId ? 'Saved with the material change: its approval makes it the approved scope.' : 'Saved: the approval freezes it as the approved scope.') : ''}
      </p>
    </form>
  );
}
