import { useState, type FormEvent } from 'react';
import { formatDateTime } from '../../app/format';
import { TextArea } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { useSaveStatement, type DocumentationStatement } from './documentation-queries';

/** `annex_iv.3` -> `Annex IV point 3`, `fria.e` -> `Art. 27(1)(e)`: the provision a statement completes. */
export function sectionReference(section: string): string {
  const [doc, part] = section.split('.');
  return doc === 'fria' ? `Art. 27(1)(${part})` : `Annex IV point ${part}`;
}

/** One statement: its current text, and for those who may write it, a form that saves the next version. */
export function StatementEditor({ systemId, statement, canEdit }: { systemId: string; statement: DocumentationStatement; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(statement.text ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useSaveStatement(systemId, statement.key);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!text.trim()) {
      setProblem('Write the statement, or cancel.');
      return;
    }
    setProblem(null);
    save.mutate({ text: text.trim(), expectedVersion: statement.version ?? 0 }, { onSuccess: () => setEditing(false) });
  }

  return (
    <li className="statement" id={`statement-${statement.key}`}>
      <h4 className="statement__title">{statement.title}</h4>
      <p className="panel__meta">
        {statement.document === 'fria' ? 'Fundamental rights impact assessment' : 'Technical documentation'} · {sectionReference(statement.section)}
        {statement.version ? ` · version ${statement.version}, ${formatDateTime(statement.updatedAt)}${statement.updatedBy ? ` by ${statement.updatedBy}` : ''}` : ''}
      </p>
      {editing ? (
        <form onSubmit={onSubmit} noValidate aria-label={`Statement: ${statement.title}`}>
          <FormProblem error={save.error && !fieldError(save.error, 'text') ? save.error : null} />
          <TextArea label={statement.title} hint={statement.prompt} rows={6} maxLength={8000} value={text} onChange={(e) => setText(e.target.value)} error={problem ?? fieldError(save.error, 'text')} />
          <div className="plan-form__actions">
            <button type="submit" className="button" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save the statement'}
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setEditing(false);
                setText(statement.text ?? '');
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          {statement.text ? <p className="prewrap">{statement.text}</p> : <p className="statement__missing">Not written yet. {statement.prompt}</p>}
          {canEdit ? (
            <button type="button" className="button button--secondary button--small" onClick={() => setEditing(true)} aria-label={`${statement.text ? 'Change' : 'Write'}: ${statement.title}`}>
              {statement.text ? 'Change' : 'Write'}
            </button>
          ) : null}
        </>
      )}
    </li>
  );
}
