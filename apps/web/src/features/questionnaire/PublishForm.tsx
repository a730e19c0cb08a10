import { useState, type FormEvent } from 'react';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { TextField } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { usePublishDraft, type VersionSummary } from './questionnaire-queries';

/** The end of a chosen day in the person's own time zone, as the API's ISO-8601 date-time. */
export function endOfDay(date: string): string {
  return new Date(`${date}T23:59:59`).toISOString();
}

/**
 * Submitting the saved draft for its approval round, with the date owners must have
 * re-assessed by (empty: the policy's default after publication). The API refuses a draft
 * that changes nothing, a date in the past, and whoever may not publish; its reason shows.
 */
export function PublishForm({ draft, unsaved }: { draft: VersionSummary; unsaved: boolean }) {
  const { user } = useSession();
  const publish = usePublishDraft();
  const [dueDate, setDueDate] = useState('');
  if (!may(user, 'questionnaire.publish')) return null;
  const dateError = fieldError(publish.error, 'dueAt');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    publish.mutate(dueDate ? endOfDay(dueDate) : null);
  }

  return (
    <form className="panel panel--action publish" onSubmit={onSubmit} aria-labelledby="publish-title" noValidate>
      <h3 id="publish-title">Publish version {draft.version}</h3>
      <p>
        Submitting freezes the draft for its approval round; whoever saved it is not asked. Once approved, the owners of the systems listed above are asked to re-assess
        by the date below, reminded before it, and the governance office hears of what is overdue.
      </p>
      <TextField
        label="Re-assess by (optional)"
        type="date"
        value={dueDate}
        onChange={(event) => setDueDate(event.target.value)}
        hint="Leave it empty for the policy’s default time after publication (30 days unless the policy says otherwise)."
        error={dateError}
      />
      <FormProblem error={publish.error && !dateError ? publish.error : null} />
      {publish.isSuccess ? (
        <p className="notice notice--ok" role="status">
          Version {publish.data.version} is submitted: round {publish.data.round} of its approval has started.
        </p>
      ) : null}
      <button type="submit" className="button" disabled={publish.isPending || unsaved}>
        {publish.isPending ? 'Submitting…' : `Submit version ${draft.version} for approval`}
      </button>
      {unsaved ? <p className="panel__meta">Save the draft first: what is submitted is what was saved.</p> : null}
    </form>
  );
}
