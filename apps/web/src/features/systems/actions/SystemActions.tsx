import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { humanize } from '../../../app/format';
import type { AiSystemAction, AiSystemDetail } from '../system-queries';
import { DeployForm } from './DeployForm';
import { ProposeChangeForm } from './ProposeChangeForm';
import { RetirementChecklist, StartRetirementForm } from './RetirementForms';
import { RollbackForm, WithdrawChangeForm } from './RollbackForms';

/**
 * What the person can do to the system in its current stage, and only that: the API lists the
 * actions (availableActions, from the lifecycle's transition table and their right to act). The
 * API still judges each request; a 409 (the stage moved meanwhile) is shown with its reason.
 */
export function SystemActions({ system }: { system: AiSystemDetail }) {
  const can = (action: AiSystemAction) => system.availableActions.includes(action);
  const [open, setOpen] = useState<AiSystemAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const toggle = (action: AiSystemAction) => {
    setDone(null);
    setOpen((current) => (current === action ? null : action));
  };
  const finish = (message: string) => {
    setOpen(null);
    setDone(message);
  };
  const inRetirement = system.stage === 'retirement' || system.stage === 'retired';

  if (system.availableActions.length === 0 && !inRetirement) {
    return (
      <section className="panel panel--action" aria-labelledby="actions-title">
        <h2 id="actions-title">What you can do now</h2>
        <p>{nothingToDo(system)}</p>
      </section>
    );
  }

  return (
    <section className="panel panel--action" aria-labelledby="actions-title">
      <h2 id="actions-title">What you can do now</h2>
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      <p className="panel__meta">In {humanize(system.stage).toLowerCase()}{system.pendingChange ? `, with change to version ${system.pendingChange.version} in ${humanize(system.pendingChange.status ?? 'progress').toLowerCase()}` : ''}.</p>
      {can('submit_for_assessment') || can('assess') ? (
        <p>
          <Link className="button" to={`/systems/${system.id}/assessment`}>
            {system.pendingChange?.status === 'assessment' ? 'Re-assess for the change' : 'Answer the impact assessment'}
          </Link>
        </p>
      ) : null}
      {can('deploy') ? (
        <Action id="deploy" label={system.pendingChange?.status === 'approved' ? `Deploy version ${system.pendingChange.version}` : 'Deploy'} open={open} toggle={toggle} primary>
          <DeployForm system={system} onDone={finish} />
        </Action>
      ) : null}
      {can('propose_change') ? (
        <Action id="propose_change" label="Propose a material change" open={open} toggle={toggle}>
          <ProposeChangeForm system={system} onDone={finish} />
        </Action>
      ) : null}
      {can('withdraw_change') && system.pendingChange ? (
        <Action id="withdraw_change" label={`Withdraw the change to version ${system.pendingChange.version}`} open={open} toggle={toggle}>
          <WithdrawChangeForm systemId={system.id} changeId={system.pendingChange.id ?? ''} onDone={finish} />
        </Action>
      ) : null}
      {can('rollback') ? (
        <Action id="rollback" label="Roll back" open={open} toggle={toggle}>
          <RollbackForm system={system} onDone={finish} />
        </Action>
      ) : null}
      {can('start_retirement') ? (
        <Action id="start_retirement" label="Start retirement" open={open} toggle={toggle}>
          <StartRetirementForm systemId={system.id} onDone={finish} />
        </Action>
      ) : null}
      {inRetirement ? <RetirementChecklist system={system} canTick={can('complete_checklist_item')} /> : null}
    </section>
  );
}

/** A disclosure: the button names the action, the form opens beneath it. */
function Action({
  id,
  label,
  open,
  toggle,
  primary,
  children,
}: {
  id: AiSystemAction;
  label: string;
  open: AiSystemAction | null;
  toggle: (action: AiSystemAction) => void;
  primary?: boolean;
  children: ReactNode;
}) {
  const expanded = open === id;
  return (
    <div className="action">
      <button type="button" className={primary ? 'button' : 'button button--secondary'} aria-expanded={expanded} aria-controls={`action-${id}`} onClick={() => toggle(id)}>
        {label}
      </button>
      <div id={`action-${id}`} hidden={!expanded} className="action__form">
        {expanded ? children : null}
      </div>
    </div>
  );
}

function nothingToDo(system: AiSystemDetail): string {
  switch (system.stage) {
    case 'approval':
      return 'Nothing until the approvers decide: the system waits for the people listed below.';
    case 'impact_assessment':
    case 'design':
      return 'Only the accountable owner or the governance office acts on this system now.';
    case 'rejected':
      return 'The system was rejected; only the accountable owner or the governance office can retire it.';
    default:
      return 'You can read this system but not act on it.';
  }
}
