import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { TextArea, TextField, RadioChoices } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { ApiError } from '../../api/errors';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { reviewSheetQuery } from '../monitoring-plan/monitoring-plan-queries';
import { changeCheck, checkProblems, checksBody, EMPTY_CHECK, type CheckDraft } from '../monitoring-plan/plan-checks';
import { PlanChecksFieldset } from '../monitoring-plan/PlanChecksFieldset';
import type { Task } from './task-queries';
import { useDecideTask, type TaskDecision } from './use-task-actions';

/**
 * A periodic review (ISO/IEC 42001 9.1): every checklist item answered (a note for a concern or
 * a failure), the evidence looked at, and the outcome; remediation opens a corrective action.
 * The items are libs/domain's REVIEW_CHECKLIST_ITEMS; the API names any item it refuses.
 */
export const CHECKLIST_ITEMS = [
  { id: 'performance', label: 'Performance against the agreed metrics' },
  { id: 'drift', label: 'Data and model drift' },
  { id: 'bias_fairness', label: 'Bias and fairness' },
  { id: 'incidents', label: 'Incidents and complaints' },
  { id: 'data_or_model_changes', label: 'Changes to data or model' },
  { id: 'intended_use', label: 'Still used as intended' },
] as const;

const RESULTS = [
  { value: 'pass', label: 'Pass' },
  { value: 'concern', label: 'Concern' },
  { value: 'fail', label: 'Fail' },
  { value: 'not_applicable', label: 'Not applicable' },
] as const;

const OUTCOMES = [
  { value: 'continue', label: 'Continue', hint: 'Keep it running as it is.' },
  { value: 'remediate', label: 'Remediate', hint: 'Keep it running and open a corrective action.' },
  { value: 'rollback', label: 'Roll back', hint: 'Go back to the previous approved version.' },
  { value: 'retire', label: 'Retire', hint: 'Take it out of operation.' },
] as const;

type Result = (typeof RESULTS)[number]['value'];
type Outcome = (typeof OUTCOMES)[number]['value'];
interface Answer {
  result: Result | '';
  note: string;
}

export function ReviewDecisionForm({ task }: { task: Task }) {
  const [answers, setAnswers] = useState<Record<string, Answer>>(() =>
    Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item.id, { result: '', note: '' }])),
  );
  const [evidence, setEvidence] = useState([{ label: '', uri: '' }]);
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [action, setAction] = useState({ title: '', description: '' });
  const [comment, setComment] = useState('');
  // Problems are shown once a send was tried, and go away as they are fixed.
  const [attempted, setAttempted] = useState(false);
  const decide = useDecideTask(task.id);
  // The system's monitoring plan: with one, every metric is recorded too.
  const sheet = useQuery({ ...reviewSheetQuery(task.aiSystemId ?? ''), enabled: !!task.aiSystemId });
  const [checks, setChecks] = useState<Record<string, CheckDraft>>({});
  const withPlan = sheet.data?.checksRequired ? sheet.data : null;

  function setAnswer(id: string, change: Partial<Answer>) {
    setAnswers((all) => ({ ...all, [id]: { ...all[id]!, ...change } }));
  }

  function problemsNow(): Record<string, string> {
    const found: Record<string, string> = {};
    for (const item of CHECKLIST_ITEMS) {
      const answer = answers[item.id]!;
      if (!answer.result) found[`checklist.${item.id}`] = 'Answer this item.';
      else if ((answer.result === 'concern' || answer.result === 'fail') && !answer.note.trim()) found[`checklist.${item.id}`] = 'Say what the concern or failure is.';
    }
    if (!outcome) found.decision = 'Choose the outcome.';
    if (outcome === 'remediate' && (!action.title.trim() || !action.description.trim())) found.correctiveAction = 'Name the corrective action and describe it.';
    // The API asks for a reason with every outcome but continuing.
    if (outcome && outcome !== 'continue' && !comment.trim()) found.comment = 'Say why: the comment goes into the review record.';
    if (withPlan) Object.assign(found, checkProblems(withPlan, checks, outcome));
    return found;
  }
  const problems = attempted ? problemsNow() : {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempted(true);
    // the plan decides what must be recorded: wait for it
    if (Object.keys(problemsNow()).length || !outcome || (task.aiSystemId && sheet.isPending)) return;
    const body: TaskDecision = {
      decision: outcome,
      checklist: Object.fromEntries(
        CHECKLIST_ITEMS.map((item) => {
          const answer = answers[item.id]!;
          return [item.id, { result: answer.result as Result, ...(answer.note.trim() ? { note: answer.note.trim() } : {}) }];
        }),
      ),
      evidence: evidence.filter((e) => e.label.trim() || e.uri.trim()).map((e) => ({ label: e.label.trim(), uri: e.uri.trim() })),
      ...(outcome === 'remediate' ? { correctiveAction: { title: action.title.trim(), description: action.description.trim() } } : {}),
      ...(withPlan ? { monitoringChecks: checksBody(withPlan, checks) } : {}),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    decide.mutate(body);
  }

  const apiField = (...fields: string[]) => fieldError(decide.error, ...fields);
  // the plan's checks show each API problem at its own field only (not at every enclosing one)
  const apiExact = (field: string) => (decide.error instanceof ApiError && decide.error.field === field ? decide.error.message : undefined);
  const shownElsewhere = apiField('checklist', 'evidence', 'correctiveAction', 'decision', 'comment', 'monitoringChecks');
  return (
    <form className="decision-form" onSubmit={onSubmit} aria-labelledby="review-title" noValidate>
      <h2 id="review-title">Your review</h2>
      <FormProblem error={decide.error && !shownElsewhere ? decide.error : null} />
      {Object.keys(problems).length ? (
        <p className="form-problem" role="alert">
          Some answers are missing; they are marked below.
        </p>
      ) : null}

      <fieldset className="checklist">
        <legend>Checklist</legend>
        {apiField('checklist') ? <p className="field__error">{apiField('checklist')}</p> : null}
        {CHECKLIST_ITEMS.map((item) => {
          const answer = answers[item.id]!;
          const problem = problems[`checklist.${item.id}`] ?? apiField(`checklist.${item.id}`);
          return (
            <fieldset key={item.id} className={problem ? 'checklist__item field--invalid' : 'checklist__item'}>
              <legend>{item.label}</legend>
              {problem ? <p className="field__error">{problem}</p> : null}
              <div className="segmented">
                {RESULTS.map((result) => (
                  <label key={result.value} className="segmented__option">
                    <input
                      type="radio"
                      name={`checklist-${item.id}`}
                      value={result.value}
                      checked={answer.result === result.value}
                      onChange={() => setAnswer(item.id, { result: result.value })}
                    />
                    <span>{result.label}</span>
                  </label>
                ))}
              </div>
              <TextField
                label={`Note on ${item.label.toLowerCase()}`}
                hint={answer.result === 'concern' || answer.result === 'fail' ? 'Required for a concern or a failure.' : undefined}
                name={`note-${item.id}`}
                maxLength={2000}
                value={answer.note}
                onChange={(event) => setAnswer(item.id, { note: event.target.value })}
              />
            </fieldset>
          );
        })}
      </fieldset>

      {task.aiSystemId ? (
        sheet.isPending ? (
          <LoadingState label="Loading the monitoring plan…" />
        ) : sheet.isError ? (
          <ErrorState error={sheet.error} onRetry={() => void sheet.refetch()} />
        ) : withPlan ? (
          <PlanChecksFieldset
            sheet={withPlan}
            checks={checks}
            outcome={outcome}
            problem={(field) => problems[field] ?? apiExact(field)}
            onChange={(metric, change) => setChecks((all) => ({ ...all, [metric.key]: changeCheck(metric.threshold, all[metric.key] ?? EMPTY_CHECK, change) }))}
          />
        ) : sheet.data.planMissing ? (
          <p className="plan-gap">
            This high-risk system has no post-market monitoring plan, so there are no metrics to record; the gap shows on the system’s Monitoring tab and in its
            documentation.
          </p>
        ) : null
      ) : null}

      <fieldset className="evidence">
        <legend>Evidence looked at</legend>
        {apiField('evidence') ? <p className="field__error">{apiField('evidence')}</p> : null}
        {evidence.map((entry, index) => (
          <div key={index} className="evidence__row">
            <TextField
              label={`Evidence ${index + 1}: what it is`}
              name={`evidence-label-${index}`}
              maxLength={200}
              value={entry.label}
              onChange={(event) => setEvidence((all) => all.map((e, i) => (i === index ? { ...e, label: event.target.value } : e)))}
            />
            <TextField
              label={`Evidence ${index + 1}: link`}
              hint="An https, s3, gs, file or urn address."
              name={`evidence-uri-${index}`}
              inputMode="url"
              maxLength={2000}
              value={entry.uri}
              onChange={(event) => setEvidence((all) => all.map((e, i) => (i === index ? { ...e, uri: event.target.value } : e)))}
            />
            {evidence.length > 1 ? (
              <button type="button" className="button button--quiet" onClick={() => setEvidence((all) => all.filter((_, i) => i !== index))}>
                Remove evidence {index + 1}
              </button>
            ) : null}
          </div>
        ))}
        <button type="button" className="button button--secondary" onClick={() => setEvidence((all) => [...all, { label: '', uri: '' }])}>
          Add evidence
        </button>
      </fieldset>

      <fieldset className="choice-group">
        <legend>Outcome</legend>
        {problems.decision || apiField('decision') ? <p className="field__error">{problems.decision ?? apiField('decision')}</p> : null}
        <RadioChoices name="outcome" choices={OUTCOMES} value={outcome} onChange={setOutcome} />
      </fieldset>

      {outcome === 'remediate' ? (
        <fieldset className="corrective-action">
          <legend>Corrective action</legend>
          {problems.correctiveAction || apiField('correctiveAction') ? (
            <p className="field__error">{problems.correctiveAction ?? apiField('correctiveAction')}</p>
          ) : null}
          <TextField label="Title" name="action-title" maxLength={200} value={action.title} onChange={(event) => setAction({ ...action, title: event.target.value })} />
          <TextArea
            label="What has to be done, and why"
            name="action-description"
            rows={3}
            maxLength={4000}
            value={action.description}
            onChange={(event) => setAction({ ...action, description: event.target.value })}
          />
        </fieldset>
      ) : null}

      <TextArea
        label={outcome && outcome !== 'continue' ? 'Comment (required)' : 'Comment (optional)'}
        hint="Goes into the review record and the audit trail."
        name="comment"
        rows={3}
        maxLength={4000}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        error={problems.comment ?? apiField('comment')}
      />
      <button type="submit" className="button" disabled={decide.isPending}>
        {decide.isPending ? 'Sending…' : 'Record the review'}
      </button>
    </form>
  );
}
