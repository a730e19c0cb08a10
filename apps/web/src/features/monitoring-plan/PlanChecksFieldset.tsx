import { formatDateTime, humanize } from '../../app/format';
import { SelectField, TextField } from '../../components/Field';
import { EMPTY_CHECK, type CheckDraft } from './plan-checks';
import { cadenceText, isWithin, parseNumber, type ReviewSheet, type ReviewSheetMetric } from './plan-form';
import './monitoring-plan.css';

type SheetEvent = ReviewSheet['otherEvents'][number];

/**
 * The review's checks against the post-market monitoring plan: for every metric of the plan's
 * current version, what monitoring reported since the last review beside it, the value the
 * reviewer observed and whether it is within the threshold; a breach asks for a note and, to
 * continue, a follow-up already open.
 */
export function PlanChecksFieldset({
  sheet,
  checks,
  outcome,
  problem,
  onChange,
}: {
  sheet: ReviewSheet;
  checks: Record<string, CheckDraft>;
  outcome: string;
  problem: (field: string) => string | undefined;
  onChange: (metric: ReviewSheetMetric, change: Partial<CheckDraft>) => void;
}) {
  return (
    <fieldset className="plan-checks">
      <legend>Monitoring plan version {sheet.planVersion}: metrics</legend>
      <p className="panel__meta">
        Record each metric as observed now. Events are those recorded {sheet.since ? `since the last review (${formatDateTime(sheet.since)})` : 'since the system was registered'}.
      </p>
      {problem('monitoringChecks') ? <p className="field__error">{problem('monitoringChecks')}</p> : null}
      {problem('monitoringChecks.planVersion') ? <p className="field__error">{problem('monitoringChecks.planVersion')}</p> : null}
      {sheet.metrics.map((metric) => (
        <MetricCheck key={metric.key} sheet={sheet} metric={metric} check={checks[metric.key] ?? EMPTY_CHECK} outcome={outcome} problem={problem} onChange={(change) => onChange(metric, change)} />
      ))}
      {sheet.otherEvents.length ? (
        <details>
          <summary>Other monitoring events since the last review ({sheet.otherEvents.length})</summary>
          <EventList events={sheet.otherEvents} label="Other monitoring events" />
        </details>
      ) : null}
    </fieldset>
  );
}

function MetricCheck({
  sheet,
  metric,
  check,
  outcome,
  problem,
  onChange,
}: {
  sheet: ReviewSheet;
  metric: ReviewSheetMetric;
  check: CheckDraft;
  outcome: string;
  problem: (field: string) => string | undefined;
  onChange: (change: Partial<CheckDraft>) => void;
}) {
  const at = (part: string) => `monitoringChecks.metrics.${metric.key}.${part}`;
  const value = parseNumber(check.observed);
  const within = value === null ? null : isWithin(metric.threshold, value);
  const anyProblem = problem(at('observedValue')) ?? problem(at('withinThreshold')) ?? problem(`monitoringChecks.metrics.${metric.key}`);
  return (
    <fieldset className={anyProblem ? 'plan-checks__metric field--invalid' : 'plan-checks__metric'}>
      <legend>
        {metric.name}: {metric.thresholdText}
      </legend>
      <p className="panel__meta">
        {metric.measures} Checked {cadenceText(metric.cadence)} from {metric.dataSource}.
      </p>
      {metric.events.length ? (
        <details>
          <summary>
            {metric.events.length === 1 ? 'One monitoring event' : `${metric.events.length} monitoring events`} on {metric.key} since the last review
          </summary>
          <EventList events={metric.events} label={`Monitoring events on ${metric.name}`} />
        </details>
      ) : (
        <p className="panel__meta">No monitoring event named {metric.key} since the last review.</p>
      )}
      {problem(`monitoringChecks.metrics.${metric.key}`) ? <p className="field__error">{problem(`monitoringChecks.metrics.${metric.key}`)}</p> : null}
      <TextField
        label={`${metric.name}: value observed`}
        hint={metric.latestObservedValue !== null && metric.latestObservedValue !== undefined ? `Newest reported by monitoring: ${metric.latestObservedValue} ${metric.threshold.unit}.` : `In ${metric.threshold.unit}.`}
        inputMode="decimal"
        value={check.observed}
        onChange={(e) => onChange({ observed: e.target.value })}
        error={problem(at('observedValue'))}
      />
      {within === null ? null : (
        <p className={`plan-checks__verdict plan-checks__verdict--${within ? 'within' : 'outside'}`} aria-live="polite">
          {within ? 'Within the threshold' : `Outside the threshold (${metric.thresholdText})`}
        </p>
      )}
      <fieldset className={problem(at('withinThreshold')) ? 'choice-row field--invalid' : 'choice-row'}>
        <legend>{metric.name}: within the threshold?</legend>
        {problem(at('withinThreshold')) ? <p className="field__error">{problem(at('withinThreshold'))}</p> : null}
        <div className="segmented">
          {(['yes', 'no'] as const).map((answer) => (
            <label key={answer} className="segmented__option">
              <input type="radio" name={`within-${metric.key}`} value={answer} checked={check.within === answer} onChange={() => onChange({ within: answer })} />
              <span>{answer === 'yes' ? 'Within' : 'Outside'}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <TextField
        label={`${metric.name}: note`}
        hint={check.within === 'no' ? 'Required: what happened.' : undefined}
        maxLength={2000}
        value={check.note}
        onChange={(e) => onChange({ note: e.target.value })}
        error={problem(at('note'))}
      />
      {check.within === 'no' ? (
        <SelectField
          label={`${metric.name}: follow-up already opened`}
          hint={
            outcome === 'continue'
              ? 'Required to continue. Report an incident or propose a material change from the system page first, or choose Remediate to open a corrective action.'
              : 'Optional: the outcome you chose acts on the breach.'
          }
          value={check.followUp}
          onChange={(e) => onChange({ followUp: e.target.value })}
          error={problem(at('followUp')) ?? problem(at('followUp.id'))}
        >
          <option value="">None</option>
          {sheet.followUpOptions.map((option) => (
            <option key={`${option.kind}:${option.id}`} value={`${option.kind}:${option.id}`}>
              {option.label}
            </option>
          ))}
        </SelectField>
      ) : null}
    </fieldset>
  );
}

function EventList({ events, label }: { events: readonly SheetEvent[]; label: string }) {
  return (
    <ul className="plan-checks__events" aria-label={label}>
      {events.map((e) => (
        <li key={e.id}>
          {formatDateTime(e.occurredAt)} · {humanize(e.severity)} {e.kind}
          {e.metric ? ` · ${e.metric}` : ''}
          {e.observedValue !== null && e.observedValue !== undefined ? ` ${e.observedValue}` : ''}
          {e.threshold !== null && e.threshold !== undefined ? ` (threshold ${e.threshold})` : ''}
          {e.description ? ` — ${e.description}` : ''}
        </li>
      ))}
    </ul>
  );
}
