import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/errors';
import { humanize } from '../../app/format';
import { holds } from '../../app/roles';
import { useSession } from '../../app/session';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { FormProblem } from '../../components/FormProblem';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { EMPTY_DRAFT, linesOf, missingOnStep, scopeDraftOf, stepOfField, toRegistration, WIZARD_STEPS, type DraftField, type RegistrationDraft } from './registration-form';
import { ScopeFields } from '../scope/ScopeFields';
import { ScopeSummary } from '../scope/ScopeSummary';
import '../scope/scope.css';
import { directoryQuery } from './system-queries';
import { useRegisterSystem } from './use-system-actions';
import './systems.css';

const DRAFT_KEY = 'aigov.registration-draft';

const AUTONOMY = [
  { value: 'human_in_the_loop', label: 'A person approves every output', hint: 'Nothing takes effect before someone checks it.' },
  { value: 'human_on_the_loop', label: 'A person monitors and can step in', hint: 'Outputs take effect; someone watches and can intervene.' },
  { value: 'fully_automated', label: 'Fully automated', hint: 'No routine human oversight of outputs.' },
] as const;

const VENDORS = [
  { value: 'in_house', label: 'In house', hint: 'Built or trained by us.' },
  { value: 'third_party', label: 'A third party', hint: 'Bought, licensed or used as a service.' },
] as const;

/** The draft survives a reload or a detour through sign-in (sessionStorage: this tab only). */
function loadDraft(): RegistrationDraft {
  try {
    const saved = sessionStorage.getItem(DRAFT_KEY);
    return saved ? { ...EMPTY_DRAFT, ...(JSON.parse(saved) as Partial<RegistrationDraft>) } : EMPTY_DRAFT;
  } catch {
    return EMPTY_DRAFT;
  }
}

/**
 * /systems/new: registering an AI system in steps (purpose and ownership, model and use, data
 * and people), then a summary to check before it is sent. A field the API refuses takes the
 * person back to its step with the API's reason beside it; nothing typed is lost.
 */
export default function RegisterSystemPage() {
  useDocumentTitle('Register an AI system');
  const navigate = useNavigate();
  const { user } = useSession();
  const [draft, setDraft] = useState<RegistrationDraft>(loadDraft);
  const [stepIndex, setStepIndex] = useState(0);
  const [missing, setMissing] = useState<Partial<Record<DraftField, string>>>({});
  const register = useRegisterSystem();
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const step = WIZARD_STEPS[stepIndex]!;

  useEffect(() => {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  }, [draft]);

  /** the field the API refused, to focus once its step shows */
  const focusField = useRef<string | null>(null);

  // A new step starts at its heading (or the refused field), for keyboard and screen-reader users; not on first load.
  useEffect(() => {
    if (moved.current) {
      const field = focusField.current ? document.querySelector<HTMLElement>(`[name="${focusField.current}"]`) : null;
      (field ?? heading.current)?.focus();
    }
    focusField.current = null;
    moved.current = true;
  }, [stepIndex]);

  const apiError = register.error instanceof ApiError ? register.error : null;
  /** The API's reason for a field, while the person has not changed it since. */
  const [staleFields, setStaleFields] = useState<Set<string>>(new Set());
  const errorFor = (field: DraftField): string | undefined => {
    if (missing[field]) return missing[field];
    const named = apiError?.field?.split(/[.[]/)[0];
    return named === field && !staleFields.has(field) ? apiError!.message : undefined;
  };

  function set<K extends DraftField>(field: K, value: RegistrationDraft[K]) {
    setDraft((current) => ({ ...current, [field]: value }));
    if (missing[field]) setMissing(({ [field]: _, ...rest }) => rest);
    if (apiError?.field) setStaleFields((current) => new Set(current).add(field));
  }

  function goTo(index: number) {
    setMissing({});
    setStepIndex(index);
  }

  function onNext(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = missingOnStep(step, draft);
    setMissing(found);
    if (Object.keys(found).length) {
      document.querySelector<HTMLElement>(`[name="${Object.keys(found)[0]}"]`)?.focus();
      return;
    }
    if (step.id !== 'review') return goTo(stepIndex + 1);
    // Every step again before sending: a step skipped through "Change" links may still lack an answer.
    const incomplete = WIZARD_STEPS.findIndex((s) => Object.keys(missingOnStep(s, draft)).length > 0);
    if (incomplete !== -1) {
      setStepIndex(incomplete);
      setMissing(missingOnStep(WIZARD_STEPS[incomplete]!, draft));
      return;
    }
    setStaleFields(new Set());
    register.mutate(toRegistration(draft), {
      onSuccess: (system) => {
        sessionStorage.removeItem(DRAFT_KEY);
        navigate(`/systems/${system.id}/assessment`, { state: { notice: `${system.name} is registered. Next: its impact assessment.` } });
      },
      onError: (error) => {
        if (error instanceof ApiError && error.field) {
          // the scope's lists are named scope-tools, ... (ScopeFields); everything else by its field
          focusField.current = error.field.startsWith('scope.') ? error.field.replace('.', '-') : error.field.split(/[.[]/)[0]!;
          goTo(stepOfField(error.field));
        }
      },
    });
  }

  const apiFieldShown = apiError?.field && stepOfField(apiError.field) === stepIndex && step.id !== 'review';

  return (
    <section aria-labelledby="wizard-title" className="page wizard">
      <p className="breadcrumb">
        <Link to="/systems">AI systems</Link>
      </p>
      <h1 id="wizard-title">Register an AI system</h1>
      <ol className="wizard__steps" aria-label="Steps">
        {WIZARD_STEPS.map((s, index) => (
          <li key={s.id} className={index === stepIndex ? 'wizard__step wizard__step--current' : index < stepIndex ? 'wizard__step wizard__step--done' : 'wizard__step'} aria-current={index === stepIndex ? 'step' : undefined}>
            <span className="wizard__number" aria-hidden="true">
              {index + 1}
            </span>
            <span className="wizard__label">
              <span className="visually-hidden">Step {index + 1}: </span>
              {s.title}
              {index < stepIndex ? <span className="visually-hidden"> (done)</span> : null}
            </span>
          </li>
        ))}
      </ol>

      <form className="panel wizard__form" onSubmit={onNext} noValidate aria-labelledby="step-title">
        <h2 id="step-title" ref={heading} tabIndex={-1}>
          Step {stepIndex + 1} of {WIZARD_STEPS.length}: {step.title}
        </h2>
        {register.error && !apiFieldShown ? <FormProblem error={register.error} /> : null}
        {apiFieldShown ? (
          <p className="form-problem" role="alert">
            <span className="form-problem__title">The registration was not accepted.</span> Correct the field marked below, then register again: everything else is kept.
          </p>
        ) : null}

        {step.id === 'purpose' ? (
          <>
            <TextField name="name" label="Name" hint="What people call it, e.g. “Customer service chatbot”." value={draft.name} maxLength={200} onChange={(e) => set('name', e.target.value)} error={errorFor('name')} autoComplete="off" />
            <TextArea name="purpose" label="Purpose" hint="What it is for." rows={3} maxLength={2000} value={draft.purpose} onChange={(e) => set('purpose', e.target.value)} error={errorFor('purpose')} />
            <TextArea name="intendedUse" label="Intended use" hint="How, where and by whom it is meant to be used, and what it is not for." rows={3} maxLength={2000} value={draft.intendedUse} onChange={(e) => set('intendedUse', e.target.value)} error={errorFor('intendedUse')} />
            <TextField name="businessUnit" label="Business unit" value={draft.businessUnit} maxLength={200} onChange={(e) => set('businessUnit', e.target.value)} error={errorFor('businessUnit')} />
            <OwnerField draft={draft} set={set} error={errorFor('accountableOwnerId')} me={user} mayName={holds(user.roles, ['governance_office'])} />
          </>
        ) : null}

        {step.id === 'technology' ? (
          <>
            <TextField name="modelType" label="Kind of model" hint="e.g. large language model, gradient boosted trees, rules with a classifier." value={draft.modelType} maxLength={200} onChange={(e) => set('modelType', e.target.value)} error={errorFor('modelType')} />
            <ChoiceGroup name="vendorType" legend="Who builds it" options={VENDORS} value={draft.vendorType} onChange={(v) => set('vendorType', v as RegistrationDraft['vendorType'])} error={errorFor('vendorType')} />
            {draft.vendorType === 'third_party' ? (
              <TextField name="vendorName" label="Vendor" hint="The company that supplies it." value={draft.vendorName} maxLength={200} onChange={(e) => set('vendorName', e.target.value)} error={errorFor('vendorName')} />
            ) : null}
            <ChoiceGroup name="autonomyLevel" legend="Human control" options={AUTONOMY} value={draft.autonomyLevel} onChange={(v) => set('autonomyLevel', v as RegistrationDraft['autonomyLevel'])} error={errorFor('autonomyLevel')} />
            <TextField name="deploymentContext" label="Where it runs" hint="e.g. public website, internal tool, call centre." value={draft.deploymentContext} maxLength={500} onChange={(e) => set('deploymentContext', e.target.value)} error={errorFor('deploymentContext')} />
          </>
        ) : null}

        {step.id === 'data' ? (
          <>
            <TextArea name="dataSources" label="Data sources" hint="One per line, e.g. order database." rows={3} value={draft.dataSources} onChange={(e) => set('dataSources', e.target.value)} error={errorFor('dataSources')} />
            <TextArea name="dataCategories" label="Data categories" hint="One per line, e.g. contact data, purchase history." rows={3} value={draft.dataCategories} onChange={(e) => set('dataCategories', e.target.value)} error={errorFor('dataCategories')} />
            <ChoiceGroup name="personalData" legend="Does it process personal data?" options={YES_NO} value={draft.personalData} onChange={(v) => set('personalData', v as RegistrationDraft['personalData'])} error={errorFor('personalData')} inline />
            <ChoiceGroup
              name="specialCategoryData"
              legend="Special categories of personal data?"
              hint="GDPR Art. 9: health, biometrics, ethnic origin, political opinions, religion, trade union membership, sex life or orientation."
              options={YES_NO}
              value={draft.specialCategoryData}
              onChange={(v) => set('specialCategoryData', v as RegistrationDraft['specialCategoryData'])}
              error={errorFor('specialCategoryData')}
              inline
            />
            <TextArea name="affectedStakeholders" label="Affected people" hint="One group per line, e.g. customers, job applicants." rows={3} value={draft.affectedStakeholders} onChange={(e) => set('affectedStakeholders', e.target.value)} error={errorFor('affectedStakeholders')} />
          </>
        ) : null}

        {step.id === 'scope' ? (
          <>
            <p className="field__hint">
              Optional now: what the system may use, call and decide, as the gateways in front of it name them. You can still change it until its approval round starts; the
              approval freezes it, and gateways then ask the engine before the system acts.
            </p>
            <ScopeFields
              value={scopeDraftOf(draft)}
              onChange={(next) =>
                setDraft((current) => ({ ...current, scopeDataCategories: next.dataCategories, scopeTools: next.tools, scopeDecisions: next.decisions, scopeAutonomy: next.autonomy }))
              }
              error={apiError?.field?.startsWith('scope') ? apiError : undefined}
              field="scope"
            />
          </>
        ) : null}

        {step.id === 'review' ? <Summary draft={draft} ownerLabel={draft.accountableOwnerId ? undefined : `You (${user.name})`} onChange={goTo} /> : null}

        <div className="wizard__actions">
          {stepIndex > 0 ? (
            <button type="button" className="button button--secondary" onClick={() => goTo(stepIndex - 1)}>
              Back
            </button>
          ) : null}
          <button type="submit" className="button" disabled={register.isPending}>
            {step.id === 'review' ? (register.isPending ? 'Registering…' : 'Register the system') : 'Next'}
          </button>
        </div>
      </form>
    </section>
  );
}

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const;

function ChoiceGroup({
  name,
  legend,
  hint,
  options,
  value,
  onChange,
  error,
  inline,
}: {
  name: string;
  legend: string;
  hint?: string;
  options: ReadonlyArray<{ value: string; label: string; hint?: string }>;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  inline?: boolean;
}) {
  const described = [hint ? `reg-${name}-hint` : null, error ? `reg-${name}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={error ? 'choice-group field--invalid' : 'choice-group'} aria-describedby={described}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="field__hint" id={`reg-${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`reg-${name}-error`}>
          {error}
        </p>
      ) : null}
      <div className={inline ? 'choice-row' : undefined}>
        {options.map((option) => (
          <label key={option.value} className="choice">
 <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} />
            <span>
              <span className="choice__label">{option.label}</span>
              {option.hint ? <span className="choice__hint">{option.hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * The accountable owner: a product owner registers for themselves; the governance office may
 * name anyone active (the people directory is theirs to read).
 */
function OwnerField({
  draft,
  set,
  error,
  me,
  mayName,
}: {
  draft: RegistrationDraft;
  set: <K extends DraftField>(field: K, value: RegistrationDraft[K]) => void;
  error?: string;
  me: { id: string; name: string };
  mayName: boolean;
}) {
  const people = useQuery({ ...directoryQuery(''), enabled: mayName });
  if (!mayName) {
    return (
      <div className="field">
        <p className="field__label">Accountable owner</p>
        <p>You ({me.name}).</p>
        {error ? <p className="field__error">{error}</p> : null}
        <p className="field__hint">The governance office can register a system for someone else.</p>
      </div>
    );
  }
  return (
    <SelectField
      name="accountableOwnerId"
      label="Accountable owner"
      hint={people.isError ? 'The list of people could not be loaded; you will be the owner.' : 'Who answers for the system; you, unless you name someone.'}
      value={draft.accountableOwnerId}
      onChange={(e) => set('accountableOwnerId', e.target.value)}
      error={error}
    >
      <option value="">You ({me.name})</option>
      {(people.data?.items ?? [])
        .filter((person) => person.id !== me.id)
        .map((person) => (
          <option key={person.id} value={person.id}>
            {person.name} ({person.email})
          </option>
        ))}
    </SelectField>
  );
}

/** Everything entered, by step, each with a way back to change it. */
function Summary({ draft, ownerLabel, onChange }: { draft: RegistrationDraft; ownerLabel?: string; onChange: (step: number) => void }) {
  const body = toRegistration(draft);
  const list = (items: string[]) => (items.length ? items.join(', ') : 'none');
  const rows: Array<[number, Array<[string, ReactNode]>]> = [
    [
      0,
      [
        ['Name', body.name],
        ['Purpose', body.purpose],
        ['Intended use', body.intendedUse],
        ['Business unit', body.businessUnit],
        ['Accountable owner', ownerLabel ?? 'The person you chose'],
      ],
    ],
    [
      1,
      [
        ['Kind of model', body.modelType],
        ['Who builds it', body.vendorType === 'third_party' ? `A third party${body.vendorName ? `: ${body.vendorName}` : ' (vendor not named)'}` : 'In house'],
        ['Human control', AUTONOMY.find((a) => a.value === body.autonomyLevel)?.label ?? humanize(body.autonomyLevel)],
        ['Where it runs', body.deploymentContext],
      ],
    ],
    [
      2,
      [
        ['Data sources', list(body.dataSources)],
        ['Data categories', list(body.dataCategories)],
        ['Personal data', draft.personalData === 'yes' ? 'Yes' : 'No'],
        ['Special categories', draft.specialCategoryData === 'yes' ? 'Yes' : 'No'],
        ['Affected people', list(linesOf(draft.affectedStakeholders))],
      ],
    ],
    [3, [['Proposed scope', body.scope ? <ScopeSummary scope={body.scope} /> : 'None yet: it can be proposed until the approval round starts.']]],
  ];
  return (
    <div className="summary">
      <p>Check what you entered. Registering starts the system’s lifecycle in design; its impact assessment comes next.</p>
      {rows.map(([index, facts]) => (
        <section key={index} aria-labelledby={`summary-${index}`} className="summary__part">
          <div className="summary__head">
            <h3 id={`summary-${index}`}>{WIZARD_STEPS[index]!.title}</h3>
            <button type="button" className="button button--quiet" onClick={() => onChange(index)}>
              Change<span className="visually-hidden"> {WIZARD_STEPS[index]!.title.toLowerCase()}</span>
            </button>
          </div>
          <dl className="facts">
            {facts.map(([term, value]) => (
              <div key={term} className="facts__row">
                <dt>{term}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
