import { APPROVING_ROLES, ApproverSelector } from './governance-policy.types';
import { ApprovalConflicts, conflictOf, ExclusionReason, selectEligibleApprovers } from './segregation-of-duties';

/** A person as the approver directory knows them when a step is staffed. */
export interface DirectoryPerson {
  id: string;
  email: string;
  name: string;
  roles: string[];
  active: boolean;
  /** set while the person is out of office: their tasks go to this colleague instead */
  outOfOfficeDelegateId: string | null;
  /** open tasks already assigned, so work is spread over the people who can do it */
  openTasks: number;
}

export interface RoutedApprover {
  id: string;
  email: string;
  name: string;
  /** the person the task was meant for, when it was routed to their out-of-office delegate */
  onBehalfOf: { id: string; email: string } | null;
}

export type RoutingExclusionReason =
  | ExclusionReason
  | 'already_asked'
  | 'out_of_office_without_usable_delegate'
  | 'out_of_office_delegate_already_asked';

export interface RoutingResult {
  /** who gets a task, in the order the tasks are created */
  approvers: RoutedApprover[];
  /** eligible people not asked because the quorum's "of M" was already filled */
  pool: RoutedApprover[];
  excluded: Array<{ id: string; email: string; reason: RoutingExclusionReason }>;
}

/** Out-of-office chains longer than this are treated as unusable (and cycles end earlier). */
export const MAX_DELEGATION_HOPS = 5;

/** Does the step's selector cover this person (by role, by name, or as the owner's manager)? */
export function matchesSelector(
  person: { id: string; email: string; roles: readonly string[] },
  selector: ApproverSelector,
  ownerManagerId: string | null,
): boolean {
  return (
    person.roles.some((r) => (selector.roles as readonly string[]).includes(r)) ||
    selector.users.includes(person.email.toLowerCase()) ||
    (selector.relations.includes('owner_manager') && ownerManagerId !== null && person.id === ownerManagerId)
  );
}

/**
 * Whether `delegate` may decide a step's task instead of `principal`: covered by the step's
 * selector themselves, or holding an approving role the principal also holds (so a named
 * approver's deputy can stand in without being named too).
 */
export function canStandIn(
  delegate: { id: string; email: string; roles: readonly string[] },
  principal: { roles: readonly string[] },
  selector: ApproverSelector,
  ownerManagerId: string | null,
): boolean {
  return (
    matchesSelector(delegate, selector, ownerManagerId) ||
    delegate.roles.some((r) => (APPROVING_ROLES as readonly string[]).includes(r) && principal.roles.includes(r))
  );
}

/**
 * Decides who is asked in one approval step. Segregation of duties first (the submitter, the
 * accountable owner and the other conflicts never approve), then out-of-office routing: a task
 * meant for someone away goes to their delegate, following the delegate's own delegation,
 * provided the final person is active, not conflicted and able to stand in (see canStandIn).
 * Everybody counts once, so a delegate already asked in their own right absorbs the routed
 * task. With `ask` set ("2 of 3"), the least-loaded people are asked and the rest form the pool.
 */
export function routeApprovers(input: {
  candidates: DirectoryPerson[];
  directory: ReadonlyMap<string, DirectoryPerson>;
  selector: ApproverSelector;
  ownerManagerId: string | null;
  conflicts: ApprovalConflicts;
  ask?: number;
  alreadyAsked?: ReadonlySet<string>;
}): RoutingResult {
  const conflicted = (id: string) => conflictOf(id, input.conflicts) !== null;
  const { eligible, excluded: sod } = selectEligibleApprovers(
    input.candidates.filter((c) => c.active),
    { submitterId: input.conflicts.submitterId ?? undefined, ownerId: input.conflicts.ownerId ?? undefined, others: input.conflicts.others },
  );
  const excluded: RoutingResult['excluded'] = [...sod];
  const alreadyAsked = input.alreadyAsked ?? new Set<string>();

  const finalDelegate = (person: DirectoryPerson): DirectoryPerson | null => {
    const seen = new Set([person.id]);
    let current = person;
    for (let hop = 0; current.outOfOfficeDelegateId; hop++) {
      const next = input.directory.get(current.outOfOfficeDelegateId);
      if (hop >= MAX_DELEGATION_HOPS || !next || !next.active || seen.has(next.id)) return null;
      seen.add(next.id);
      current = next;
    }
    if (conflicted(current.id) || !canStandIn(current, person, input.selector, input.ownerManagerId)) return null;
    return current;
  };

  const chosen = new Map<string, { person: DirectoryPerson; onBehalfOf: DirectoryPerson | null }>();
  const present = eligible.filter((p) => !p.outOfOfficeDelegateId);
  const away = eligible.filter((p) => p.outOfOfficeDelegateId);
  for (const person of present) {
    if (alreadyAsked.has(person.id)) excluded.push({ id: person.id, email: person.email, reason: 'already_asked' });
    else chosen.set(person.id, { person, onBehalfOf: null });
  }
  for (const person of away) {
    const delegate = finalDelegate(person);
    if (!delegate) {
      excluded.push({ id: person.id, email: person.email, reason: 'out_of_office_without_usable_delegate' });
    } else if (chosen.has(delegate.id) || alreadyAsked.has(delegate.id) || alreadyAsked.has(person.id)) {
      excluded.push({ id: person.id, email: person.email, reason: 'out_of_office_delegate_already_asked' });
    } else {
      chosen.set(delegate.id, { person: delegate, onBehalfOf: person });
    }
  }

  const ordered = [...chosen.values()].sort(
    (a, b) => a.person.openTasks - b.person.openTasks || a.person.email.localeCompare(b.person.email),
  );
  const routed = ordered.map(({ person, onBehalfOf }): RoutedApprover => ({
    id: person.id,
    email: person.email,
    name: person.name,
    onBehalfOf: onBehalfOf ? { id: onBehalfOf.id, email: onBehalfOf.email } : null,
  }));
  const take = input.ask === undefined ? routed.length : Math.min(input.ask, routed.length);
  return { approvers: routed.slice(0, take), pool: routed.slice(take), excluded };
}
