import { useState, type FormEvent } from 'react';
import { useSession } from '../../app/session';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { ApiError } from '../../api/errors';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { PersonSelect } from '../people/PersonSelect';
import { useSaveMonitoringPlan } from './monitoring-plan-queries';
import { BREACH_RESPONSES, DIRECTIONS, draftOf, EMPTY_METRIC, keyFromName, planBody, planDraftProblems, type MetricDraft, type MonitoringPlan, type PlanDraft } from './plan-form';

/**
 * The whole plan in one form; saving makes the next version. Problems the form can see are
 * shown beside their fields once a save was tried; the API's answer lands on the same fields
 * (`metrics.1.cadence`), and a 409 (someone saved a version in the meantime) says so above.
 */
export function MonitoringPlanForm({
  systemId,
  plan,
  onSaved,
  onCancel,
}: {
  systemId: string;
  plan: MonitoringPlan | null;
  onSaved: (version: number) => void;
  onCancel: () => void;
}) {
  const { user } = useSession();
  const save = useSaveMonitoringPlan(systemId);
  const [draft, setDraft] = useState<PlanDraft>(() => draftOf(plan, user.id));
  const [attempted, setAttempted] = useState(false);
  const problems = attempted ? planDraftProblems(draft) : {};
  // each API problem at its own field only, not again at every field that encloses it
  const problem = (field: string) => problems[field] ?? (save.error instanceof ApiError && save.error.field === field ? save.error.message : undefined);

  function setMetric(index: number, change: Partial<MetricDraft>) {
    setDraft((d) => ({
      ...d,
      metrics: d.metrics.map((m, i) => {
        if (i !== index) return m;
        const next = { ...m, ...change };
        // the key follows the name until it is typed itself
        if (change.name !== undefined && !m.keyTouched) next.key = keyFromName(change.name);
        return next;
      }),
    }));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempted(true);
    if (Object.keys(planDraftProblems(draft)).length) return;
    save.mutate(planBody(draft, plan?.version ?? 0), { onSuccess: (saved) => onSaved(saved.version) });
  }

  // the API's problems with a field shown below appear there; any other above the form
  const elsewhere = save.error && !fieldError(save.error, 'responsibleId', 'feedback', 'changeNote', 'metrics', 'expectedVersion') ? save.error : null;
  return (
    <form className="plan-form" onSubmit={onSubmit} noValidate aria-label="Monitoring plan">
      <FormProblem error={elsewhere} />
      {Object.keys(problems).length ? (
        <p className="form-problem" role="alert">
          Some answers are missing or not valid; they are marked below.
        </p>
      ) : null}
      <PersonSelect
        label="Responsible person"
        hint="Sees that every metric is checked at its cadence."
        value={draft.responsibleId}
        onChange={(e) => setDraft({ ...draft, responsibleId: e.target.value })}
        error={problem('responsibleId')}
      />
      <TextArea
        label="How results feed back"
        hint="What a breach leads to: incidents, material changes, the risk register, the periodic review."
        rows={3}
        maxLength={4000}
        value={draft.feedback}
        onChange={(e) => setDraft({ ...draft, feedback: e.target.value })}
        error={problem('feedback')}
      />
      {problem('metrics') ? <p className="field__error">{problem('metrics')}</p> : null}
      {draft.metrics.map((metric, index) => (
        <fieldset key={index} className="plan-form__metric">
          <legend>
            Metric {index + 1}
            {metric.name.trim() ? `: ${metric.name.trim()}` : ''}
          </legend>
          <TextField label={`Metric ${index + 1} name`} maxLength={200} value={metric.name} onChange={(e) => setMetric(index, { name: e.target.value })} error={problem(`metrics.${index}.name`)} />
          <TextField
            label={`Metric ${index + 1} key`}
            hint="Monitoring events name the metric by this key."
            maxLength={64}
            spellCheck={false}
            value={metric.key}
            onChange={(e) => setMetric(index, { key: e.target.value, keyTouched: true })}
            error={problem(`metrics.${index}.key`)}
          />
          <TextArea
            label={`What metric ${index + 1} measures`}
            rows={2}
            maxLength={2000}
            value={metric.measures}
            onChange={(e) => setMetric(index, { measures: e.target.value })}
            error={problem(`metrics.${index}.measures`)}
          />
          <div className="plan-form__row">
            <SelectField
              label={`Metric ${index + 1} threshold direction`}
              value={metric.direction}
              onChange={(e) => setMetric(index, { direction: e.target.value as MetricDraft['direction'] })}
              error={problem(`metrics.${index}.threshold.direction`)}
            >
              {DIRECTIONS.map((d) => (
                <option key={d.value} value={d.value}>
                  {d.label}
                </option>
              ))}
            </SelectField>
            <TextField
              label={`Metric ${index + 1} threshold`}
              inputMode="decimal"
              value={metric.thresholdValue}
              onChange={(e) => setMetric(index, { thresholdValue: e.target.value })}
              error={problem(`metrics.${index}.threshold.value`) ?? problem(`metrics.${index}.threshold`)}
            />
            <TextField
              label={`Metric ${index + 1} unit`}
              maxLength={40}
              value={metric.unit}
              onChange={(e) => setMetric(index, { unit: e.target.value })}
              error={problem(`metrics.${index}.threshold.unit`)}
            />
          </div>
          <TextField
            label={`Metric ${index + 1} data source`}
            maxLength={500}
            value={metric.dataSource}
            onChange={(e) => setMetric(index, { dataSource: e.target.value })}
            error={problem(`metrics.${index}.dataSource`)}
          />
          <div className="plan-form__row">
            <TextField
              label={`Metric ${index + 1} cadence`}
              hint="ISO 8601: P1D daily, P1W weekly, P1M monthly, PT6H every 6 hours."
              maxLength={40}
              spellCheck={false}
              value={metric.cadence}
              onChange={(e) => setMetric(index, { cadence: e.target.value })}
              error={problem(`metrics.${index}.cadence`)}
            />
            <SelectField
              label={`Metric ${index + 1}: outside the threshold leads to`}
              value={metric.onBreach}
              onChange={(e) => setMetric(index, { onBreach: e.target.value as MetricDraft['onBreach'] })}
              error={problem(`metrics.${index}.onBreach`)}
            >
              {BREACH_RESPONSES.map((b) => (
                <option key={b.value} value={b.value}>
                  {b.label}
                </option>
              ))}
            </SelectField>
          </div>
          {draft.metrics.length > 1 ? (
            <button type="button" className="button button--quiet" onClick={() => setDraft({ ...draft, metrics: draft.metrics.filter((_, i) => i !== index) })}>
              Remove metric {index + 1}
            </button>
          ) : null}
        </fieldset>
      ))}
      <p>
        <button type="button" className="button button--secondary" onClick={() => setDraft({ ...draft, metrics: [...draft.metrics, { ...EMPTY_METRIC }] })}>
          Add a metric
        </button>
      </p>
      {plan ? (
        <TextField
          label="What changed, and why (optional)"
          hint="Kept with the new version and in the audit trail."
          maxLength={2000}
          value={draft.changeNote}
          onChange={(e) => setDraft({ ...draft, changeNote: e.target.value })}
          error={problem('changeNote')}
        />
      ) : null}
      {fieldError(save.error, 'expectedVersion') ? (
        <div className="form-problem" role="alert">
          <p className="form-problem__title">Someone else changed the plan</p>
          <p>{fieldError(save.error, 'expectedVersion')}</p>
        </div>
      ) : null}
      <div className="plan-form__actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : plan ? `Save as version ${plan.version + 1}` : 'Save the plan'}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
