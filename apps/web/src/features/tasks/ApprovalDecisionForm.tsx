import { useState, type FormEvent } from 'react';
import { TextArea, RadioChoices } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { useDecideTask } from './use-task-actions';
import type { Task } from './task-queries';

const CHOICES = [
  { value: 'approve', label: 'Approve', hint: 'The system may go ahead.' },
  { value: 'request_changes', label: 'Request changes', hint: 'Back to the owner to change and resubmit.' },
  { value: 'reject', label: 'Reject', hint: 'The system may not go ahead.' },
] as const;
type Choice = (typeof CHOICES)[number]['value'];

/** Approve, request changes or reject an approval task, with a comment (required unless approving). */
export function ApprovalDecisionForm({ task }: { task: Task }) {
  const [decision, setDecision] = useState<Choice | ''>('');
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const decide = useDecideTask(task.id);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!decision) return setMissing('Choose a decision.');
    if (decision !== 'approve' && !comment.trim()) return setMissing('Say why in the comment: the owner reads it.');
    setMissing(null);
    decide.mutate({ decision, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  }

  return (
    <form className="decision-form" onSubmit={onSubmit} aria-labelledby="decide-title">
      <h2 id="decide-title">Your decision</h2>
      <FormProblem error={decide.error && !fieldError(decide.error, 'comment', 'decision') ? decide.error : null} />
      <fieldset className="choice-group" aria-describedby={missing && !decision ? 'decision-missing' : undefined}>
        <legend>Decision</legend>
        {missing && !decision ? (
          <p className="field__error" id="decision-missing">
            {missing}
          </p>
        ) : null}
        {fieldError(decide.error, 'decision') ? <p className="field__error">{fieldError(decide.error, 'decision')}</p> : null}
        <RadioChoices name="decision" choices={CHOICES} value={decision} onChange={setDecision} />
      </fieldset>
      <TextArea
        label={decision && decision !== 'approve' ? 'Comment (required)' : 'Comment (optional)'}
        hint="Goes to the owner and into the audit trail."
        name="comment"
        rows={4}
        maxLength={4000}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        error={fieldError(decide.error, 'comment') ?? (missing && decision ? missing : undefined)}
      />
      <button type="submit" className="button" disabled={decide.isPending}>
        {decide.isPending ? 'Sending…' : 'Send decision'}
      </button>
    </form>
  );
}
