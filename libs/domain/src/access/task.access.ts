import { AccessRule, holdsAnyRole } from './access-policy';

const OVERSIGHT = ['governance_office', 'auditor', 'admin'] as const;
/** may hand someone else's approval task to a colleague */
const REASSIGN = ['governance_office', 'admin'] as const;

/** The task inbox: a person's own tasks; everyone's for the oversight roles. */
export const TASK_ACCESS = {
  'task.list_all': { roles: OVERSIGHT, refusal: { message: 'assignee=all needs the governance office, auditor or admin role', field: 'assignee' } },
  'task.read': { roles: OVERSIGHT, relations: ['assignee'], refusal: { message: 'this task is assigned to someone else' } },
  /** only the assignee decides; nobody decides for them */
  'task.decide': { roles: [], relations: ['assignee'], refusal: { message: 'only the assignee may decide this task', field: 'taskId' } },
  /** the assignee delegates their own task; the governance office (or an admin) reassigns anyone's */
  'task.delegate': {
    roles: REASSIGN,
    relations: ['assignee'],
    refusal: { message: 'only the assignee (or the governance office) may delegate this task', field: 'taskId' },
  },
} as const satisfies Record<`task.${string}`, AccessRule>;

/**
 * Whether these roles may delegate approval tasks assigned to someone else (the role part of
 * `task.delegate`). For the approval round's delegate validator, which knows the assignee itself.
 */
export function mayReassignTasks(roles: readonly string[]): boolean {
  return holdsAnyRole(roles, TASK_ACCESS['task.delegate'].roles);
}
