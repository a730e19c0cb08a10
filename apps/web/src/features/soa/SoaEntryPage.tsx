import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { humanize } from '../../app/format';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { LoadingState } from '../../components/LoadingState';
import { NotFoundView } from '../../components/StatusPage';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { StatusBadge } from '../management-system/Badge';
import { PersonName, PersonSelect } from '../people/PersonSelect';
import { IMPLEMENTATION_STATUSES, SOA_FRAMEWORKS, soaDraftQuery, useUpdateSoaEntry, type SoaEntry, type SoaEntryUpdate, type SoaFramework } from './soa-queries';
import '../management-system/management-system.css';

/** /soa/:framework/:ref: one control's entry in the draft, and (for the governance office) its editor. */
export default function SoaEntryPage() {
  const { framework = '', ref = '' } = useParams();
  const known = SOA_FRAMEWORKS.find((f) => f.value === framework);
  const draft = useQuery({ ...soaDraftQuery, enabled: !!known });
  const control = useQuery({
    queryKey: ['controls', framework, ref],
    queryFn: async () => unwrap(await api.GET('/api/v1/controls/{framework}/{ref}', { params: { path: { framework: framework as SoaFramework, ref } } })),
    enabled: !!known,
  });
  useDocumentTitle(`${ref} · Statement of Applicability`);
  if (!known) return <NotFoundView what="control" />;
  if (draft.isPending) return <LoadingState label="Loading the entry…" />;
  if (draft.isError) return <ErrorState error={draft.error} onRetry={() => void draft.refetch()} />;
  const entry = draft.data.items.find((e) => e.framework === framework && e.ref.toLowerCase() === ref.toLowerCase());
  if (!entry) return <NotFoundView what="control" />;
  const frozen = draft.data.draft.status === 'in_approval';

  return (
    <article className="page ms-page" aria-labelledby="entry-title">
      <p className="breadcrumb">
        <Link to="/soa">Statement of Applicability</Link>
      </p>
      <h1 id="entry-title">
        {known.label} {entry.ref}: {entry.title}
      </h1>
      {control.data ? <p className="page__lead">{control.data.summary}</p> : null}
      <p>
        <Link to={`/controls/${entry.framework}/${encodeURIComponent(entry.ref)}`}>Its mappings and live evidence</Link>
      </p>
      <EntryEditor key={`${entry.framework} ${entry.ref}`} entry={entry} version={draft.data.draft.version} frozen={frozen} />
    </article>
  );
}

function EntryEditor({ entry, version, frozen }: { entry: SoaEntry; version: number; frozen: boolean }) {
  const { user } = useSession();
  if (!may(user, 'soa.edit') || frozen) {
    return (
      <section className="panel" aria-labelledby="entry-now">
        <h2 id="entry-now">In the draft</h2>
        {frozen ? <p className="notice">The draft is in its publication round: it can be edited again once the round has ended.</p> : null}
        <EntryFacts entry={entry} />
      </section>
    );
  }
  return <EntryForm entry={entry} version={version} />;
}

function EntryFacts({ entry }: { entry: SoaEntry }) {
  if (!entry.decided) return <p>No decision yet.</p>;
  return (
    <dl className="facts">
      <div className="facts__row">
        <dt>Applicable</dt>
        <dd>{entry.applicable ? 'Yes' : 'No, excluded'}</dd>
      </div>
      <div className="facts__row">
        <dt>Justification</dt>
        <dd>{entry.justification}</dd>
      </div>
      <div className="facts__row">
        <dt>Implementation</dt>
        <dd>
          <StatusBadge value={entry.implementationStatus} />
        </dd>
      </div>
      <div className="facts__row">
        <dt>Owner</dt>
        <dd>
          <PersonName id={entry.ownerId} />
        </dd>
      </div>
      <div className="facts__row">
        <dt>Risks</dt>
        <dd>{entry.riskIds.join(', ') || '—'}</dd>
      </div>
      <div className="facts__row">
        <dt>Evidence</dt>
        <dd>{entry.evidenceNotes ?? '—'}</dd>
      </div>
    </dl>
  );
}

function EntryForm({ entry, version }: { entry: SoaEntry; version: number }) {
  const [applicable, setApplicable] = useState<'' | 'yes' | 'no'>(entry.applicable === null ? '' : entry.applicable ? 'yes' : 'no');
  const [justification, setJustification] = useState(entry.justification ?? '');
  const [status, setStatus] = useState(entry.implementationStatus ?? 'not_started');
  const [ownerId, setOwnerId] = useState(entry.ownerId ?? '');
  const [risks, setRisks] = useState(entry.riskIds.join(', '));
  const [evidenceNotes, setEvidenceNotes] = useState(entry.evidenceNotes ?? '');
  const [missing, setMissing] = useState<string | null>(null);
  const save = useUpdateSoaEntry(entry.framework, entry.ref);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!applicable) return setMissing('Say whether the control applies.');
    setMissing(null);
    save.mutate({
      applicable: applicable === 'yes',
      justification,
      implementationStatus: status as SoaEntryUpdate['implementationStatus'],
      ownerId: ownerId || null,
      riskIds: risks
        .split(/[,\n]/)
        .map((r) => r.trim())
        .filter(Boolean),
      evidenceNotes: evidenceNotes.trim() || null,
    });
  }

  const other = save.error && !fieldError(save.error, 'applicable', 'justification', 'implementationStatus', 'ownerId', 'riskIds', 'evidenceNotes') ? save.error : null;
  return (
    <form className="panel panel--action ms-form" onSubmit={onSubmit} noValidate aria-labelledby="entry-edit">
      <h2 id="entry-edit">Decide this control in the draft of version {version}</h2>
      <FormProblem error={other} />
      {save.isSuccess ? (
        <p role="status" className="notice notice--ok">
          Saved in the draft of version {version}. <Link to="/soa">Back to the Statement of Applicability</Link>
        </p>
      ) : null}
      <fieldset className="choice-group" aria-describedby={missing ? 'applicable-missing' : undefined}>
        <legend>Does it apply?</legend>
        {missing ? (
          <p className="field__error" id="applicable-missing">
            {missing}
          </p>
        ) : null}
        {fieldError(save.error, 'applicable') ? <p className="field__error">{fieldError(save.error, 'applicable')}</p> : null}
        <div className="segmented segmented--two">
          <label className="segmented__option">
            <input type="radio" name="applicable" value="yes" checked={applicable === 'yes'} onChange={() => setApplicable('yes')} />
            Applicable
          </label>
          <label className="segmented__option">
            <input
              type="radio"
              name="applicable"
              value="no"
              checked={applicable === 'no'}
              onChange={() => {
                setApplicable('no');
                setStatus('not_started');
              }}
            />
            Excluded
          </label>
        </div>
      </fieldset>
      <TextArea
        label="Justification"
        hint="Why it applies, or why it is excluded: required either way."
        rows={4}
        maxLength={4000}
        value={justification}
        onChange={(e) => setJustification(e.target.value)}
        error={fieldError(save.error, 'justification')}
      />
      <SelectField label="Implementation status" hint="An excluded control is not started." value={status} onChange={(e) => setStatus(e.target.value as typeof status)} error={fieldError(save.error, 'implementationStatus')}>
        {IMPLEMENTATION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {humanize(s)}
          </option>
        ))}
      </SelectField>
      <PersonSelect label="Owner" none="No owner yet" value={ownerId} onChange={(e) => setOwnerId(e.target.value)} error={fieldError(save.error, 'ownerId')} />
      <TextField label="Risks it treats" hint="Risk ids, separated by commas." value={risks} onChange={(e) => setRisks(e.target.value)} error={fieldError(save.error, 'riskIds')} />
      <TextArea label="Where the evidence is" rows={2} maxLength={4000} value={evidenceNotes} onChange={(e) => setEvidenceNotes(e.target.value)} error={fieldError(save.error, 'evidenceNotes')} />
      <button type="submit" className="button" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save in the draft'}
      </button>
    </form>
  );
}
