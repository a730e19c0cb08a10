import { useRef, useState, type ChangeEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/errors';
import { formatDateTime, humanize } from '../../app/format';
import { FormProblem } from '../../components/FormProblem';
import { QueryView } from '../../components/QueryView';
import { StatusBadge } from '../management-system/Badge';
import { PersonName } from '../people/PersonSelect';
import { AddQuestionForm } from './AddQuestionForm';
import { definitionText, nextVersionLabel, parseDefinitionText, type DefinitionJson } from './definition-text';
import { ImpactPreview } from './ImpactPreview';
import { PublishForm } from './PublishForm';
import { impactQuery, useCheckDefinition, useDiscardDraft, useSaveDraft, versionQuery, type Definition, type VersionSummary } from './questionnaire-queries';

/** Largest version file the screen reads (the API's body limit is larger; a questionnaire is far smaller). */
const MAX_FILE_BYTES = 512 * 1024;

/**
 * The draft of the next version: being edited (a version file as JSON, typed, pasted or
 * uploaded, plus a form for a new yes/no question), checked and previewed against every live
 * system, saved, then submitted for approval; or in its publication round, read-only.
 */
export function DraftPanel({ current, draft }: { current: VersionSummary; draft: VersionSummary | null }) {
  return (
    <section className="panel draft" aria-labelledby="draft-title">
      <h2 id="draft-title">
        {draft ? `Draft of version ${draft.version}` : 'Draft the next version'} {draft ? <StatusBadge value={draft.status} /> : null}
      </h2>
      {draft ? <DraftFacts draft={draft} /> : <p>Start from version {current.version}, change what the law or standard changed, check what it does to the systems in service, then save the draft.</p>}
      {draft ? <SavedDraft current={current} draft={draft} /> : <DraftEditor current={current} draft={null} initialText="" savedDefinition={null} />}
    </section>
  );
}

/** The saved draft: its editor, or, in its publication round, its preview only. */
function SavedDraft({ current, draft }: { current: VersionSummary; draft: VersionSummary }) {
  const saved = useQuery(versionQuery(draft.version));
  return (
    <QueryView query={saved} loading="Loading the draft…">
      {(data) =>
        draft.status === 'in_approval' ? (
          <SavedImpact version={draft.version} definition={data.definition} />
        ) : (
          <DraftEditor key={data.id} current={current} draft={draft} initialText={data.definition ? definitionText(data.definition) : ''} savedDefinition={data.definition} />
        )
      }
    </QueryView>
  );
}

function DraftFacts({ draft }: { draft: VersionSummary }) {
  return (
    <dl className="facts">
      <div className="facts__row">
        <dt>Saved by</dt>
        <dd>
          {draft.editorIds.map((id, i) => (
            <span key={id}>
              {i ? ', ' : ''}
              <PersonName id={id} />
            </span>
          ))}{' '}
          <span className="panel__meta">(whoever saved the draft may not approve its publication)</span>
        </dd>
      </div>
      {draft.status === 'in_approval' ? (
        <div className="facts__row">
          <dt>Publication</dt>
          <dd role="status">
            Submitted {formatDateTime(draft.submittedAt)}, round {draft.approvalRound}: waiting for approval.
            {draft.requestedDueAt ? ` Owners will be asked to re-assess by ${formatDateTime(draft.requestedDueAt)}.` : ' Owners get the policy’s time to re-assess.'}
          </dd>
        </div>
      ) : null}
      {draft.lastOutcome && draft.status === 'draft' ? (
        <div className="facts__row">
          <dt>Last round</dt>
          <dd>
            Round {draft.lastOutcome.round}: {humanize(draft.lastOutcome.outcome)}
            {draft.lastOutcome.reason ? ` — “${draft.lastOutcome.reason}”` : ''}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

function questionTexts(definition: { questions?: unknown } | null | undefined): (id: string) => string {
  const questions = Array.isArray(definition?.questions) ? (definition!.questions as Array<{ id: string; text: string }>) : [];
  return (id) => questions.find((q) => q.id === id)?.text ?? id;
}

/** The saved draft's preview, every affected system a page at a time. */
function SavedImpact({ version, definition }: { version: string; definition: Definition | null }) {
  const [page, setPage] = useState(1);
  const impact = useQuery(impactQuery(version, page));
  return (
    <QueryView query={impact} loading="Re-evaluating the systems in service…">
      {(data) => <ImpactPreview impact={data} questionText={questionTexts(definition)} onPage={setPage} headingId="saved-impact-title" />}
    </QueryView>
  );
}

function DraftEditor({ current, draft, initialText, savedDefinition }: { current: VersionSummary; draft: VersionSummary | null; initialText: string; savedDefinition: Definition | null }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState(initialText);
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const editor = useRef<HTMLTextAreaElement>(null);
  const check = useCheckDefinition();
  const save = useSaveDraft();
  const discard = useDiscardDraft();
  const parsed = parseDefinitionText(text);
  const unsaved = text !== initialText;
  const apiError = save.error ?? check.error;
  const where = apiError instanceof ApiError && apiError.field?.startsWith('definition') ? apiError.field : null;

  function edit(next: string) {
    setText(next);
    setLocalProblem(null);
    check.reset();
  }

  async function startFromCurrent() {
    const version = await queryClient.fetchQuery(versionQuery(current.version));
    if (!version.definition) return;
    // The next label, without the note of the version it starts from (the new one says why it exists).
    const next: Record<string, unknown> = { ...version.definition, version: nextVersionLabel(version.definition.version) };
    delete next.note;
    edit(definitionText(next));
    editor.current?.focus();
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setLocalProblem(`${file.name} is ${Math.round(file.size / 1024)} KB; a version file is at most ${MAX_FILE_BYTES / 1024} KB.`);
      return;
    }
    edit(await file.text());
    editor.current?.focus();
  }

  function withDefinition(action: (definition: DefinitionJson) => void) {
    if (!parsed.ok) {
      setLocalProblem(parsed.problem);
      editor.current?.focus();
      return;
    }
    action(parsed.definition);
  }

  return (
    <div className="draft__editor">
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={() => void startFromCurrent()}>
          Start from version {current.version}
        </button>
        <label className="button button--secondary file-button">
          Upload a version file (JSON)
          <input type="file" accept="application/json,.json" className="visually-hidden" onChange={(event) => void onFile(event)} />
        </label>
      </div>
      <div className={where || localProblem ? 'field field--invalid' : 'field'}>
        <label htmlFor="draft-definition" className="field__label">
          Version definition (JSON)
        </label>
        <p id="draft-definition-hint" className="field__hint">
          The version label, its questions and the rules that turn answers into a tier. config/questionnaire/impact-assessment.json is the shipped example.
        </p>
        {localProblem || where ? (
          <p id="draft-definition-error" className="field__error" role="alert">
            {localProblem ?? `${where}: ${(apiError as ApiError).message}`}
          </p>
        ) : null}
        <textarea
          id="draft-definition"
          ref={editor}
          className="input input--area draft__text"
          rows={18}
          spellCheck={false}
          value={text}
          onChange={(event) => edit(event.target.value)}
          aria-describedby={['draft-definition-hint', localProblem || where ? 'draft-definition-error' : ''].filter(Boolean).join(' ')}
          aria-invalid={where || localProblem ? true : undefined}
        />
      </div>
      {parsed.ok ? (
        <details className="draft__add">
          <summary>Add a yes/no question (for example a new Art. 5 prohibition)</summary>
          <AddQuestionForm
            definition={parsed.definition}
            onAdd={(next, id) => {
              edit(definitionText(next));
              setAdded(id);
            }}
          />
        </details>
      ) : null}
      {added ? (
        <p className="notice notice--ok" role="status">
          Question {added} and its rule are in the draft’s text. Check and save the draft to keep them.
        </p>
      ) : null}
      <FormProblem error={apiError && !where ? apiError : null} />
      <div className="button-row">
        <button type="button" className="button button--secondary" disabled={check.isPending} onClick={() => withDefinition((d) => check.mutate(d))}>
          {check.isPending ? 'Checking…' : 'Check and preview'}
        </button>
        <button
          type="button"
          className="button"
          disabled={save.isPending || (!unsaved && !!draft)}
          onClick={() => withDefinition((d) => save.mutate(d, { onSuccess: () => setAdded(null) }))}
        >
          {save.isPending ? 'Saving…' : draft ? 'Save the draft' : 'Save as draft'}
        </button>
        {draft ? (
          <button type="button" className="button button--quiet" disabled={discard.isPending} onClick={() => discard.mutate()}>
            {discard.isPending ? 'Discarding…' : 'Discard the draft'}
          </button>
        ) : null}
      </div>
      {save.isSuccess && !unsaved ? (
        <p className="notice notice--ok" role="status">
          Draft of version {save.data.version} saved.
        </p>
      ) : null}
      {check.data ? (
        <ImpactPreview impact={check.data} questionText={questionTexts(parsed.ok ? parsed.definition : null)} headingId="check-impact-title" />
      ) : draft && !unsaved ? (
        <SavedImpact version={draft.version} definition={savedDefinition} />
      ) : null}
      {draft && draft.status === 'draft' ? <PublishForm draft={draft} unsaved={unsaved} /> : null}
      {discard.error ? <FormProblem error={discard.error} /> : null}
    </div>
  );
}
