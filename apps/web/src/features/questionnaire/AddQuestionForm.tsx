import { useId, useState, type FormEvent } from 'react';
import { humanize } from '../../app/format';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { addYesNoQuestion, newQuestionProblem, sectionsOfDefinition, TIERS, type DefinitionJson, type NewYesNoQuestion } from './definition-text';

const EMPTY: NewYesNoQuestion = { section: '', id: '', text: '', help: '', tier: 'prohibited', reason: '', reference: '' };

/**
 * The change most new laws bring, without editing JSON: a required yes/no question and the
 * rule that records a reason and leads to a tier when the answer is yes (a new Art. 5
 * prohibition: tier prohibited). It edits the draft's text; nothing is saved until the draft is.
 */
export function AddQuestionForm({ definition, onAdd }: { definition: DefinitionJson; onAdd: (next: DefinitionJson, id: string) => void }) {
  const [q, setQ] = useState<NewYesNoQuestion>(EMPTY);
  const [problem, setProblem] = useState<{ field: keyof NewYesNoQuestion; problem: string } | null>(null);
  const sectionsId = useId();
  const sections = sectionsOfDefinition(definition);
  const set = (field: keyof NewYesNoQuestion) => (event: { target: { value: string } }) => setQ((current) => ({ ...current, [field]: event.target.value }));
  const error = (field: keyof NewYesNoQuestion) => (problem?.field === field ? problem.problem : undefined);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = newQuestionProblem(q, definition);
    setProblem(found);
    if (found) {
      document.querySelector<HTMLElement>(`[name="new-question-${found.field}"]`)?.focus();
      return;
    }
    onAdd(addYesNoQuestion(definition, q), q.id);
    setQ(EMPTY);
  }

  return (
    <form className="add-question" onSubmit={onSubmit} aria-labelledby="add-question-title" noValidate>
      <h3 id="add-question-title">Add a yes/no question and its tier rule</h3>
      <TextField name="new-question-section" label="Section" list={sectionsId} value={q.section} onChange={set('section')} error={error('section')} hint="An existing section (listed as you type) or a new one." />
      <datalist id={sectionsId}>
        {sections.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <TextField name="new-question-id" label="Question id" value={q.id} onChange={set('id')} error={error('id')} hint="Stable: answers are stored by it. e.g. art5_intimate_imagery_csam" autoComplete="off" />
      <TextArea name="new-question-text" label="Question" rows={2} value={q.text} onChange={set('text')} error={error('text')} />
      <TextArea name="new-question-help" label="Help for the owner (optional)" rows={2} value={q.help} onChange={set('help')} />
      <SelectField name="new-question-tier" label="Tier when the answer is yes" value={q.tier} onChange={set('tier')}>
        {TIERS.map((t) => (
          <option key={t} value={t}>
            {humanize(t)}
          </option>
        ))}
      </SelectField>
      <TextArea name="new-question-reason" label="Reason recorded when yes" rows={2} value={q.reason} onChange={set('reason')} error={error('reason')} />
      <TextField name="new-question-reference" label="Legal or standard reference" value={q.reference} onChange={set('reference')} error={error('reference')} />
      <button type="submit" className="button button--secondary">
        Add to the draft
      </button>
    </form>
  );
}
