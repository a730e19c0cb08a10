import { AccessRule, GOVERNANCE_ROLES, OVERSIGHT_ROLES } from './access-policy';


/** The task inbox: a person's own tasks; everyone's for the oversight roles. */
export const TASK_ACCESS = {
  'task.list_all': { roles: OVERSIGHT_ROLES, refusal: { message: 'assignee=all needs the governance office, auditor or admin role', field: 'assignee' } },
  'task.read': { roles: OVERSIGHT_ROLES, relations: ['assignee'], refusal: { message: 'this task is assigned to someone else' } },
  /** only the assignee decides; nobody decides for them */
  'task.decide': { roles: [], relations: ['assignee'], refusal: { message: 'only the assignee may decide this task', field: 'taskId' } },
  /** the assignee delegates their own task; the governance office (or an admin) reassigns anyone's */
  'task.delegate': {
    roles: GOVERNANCE_ROLES,
    relations: ['assignee'],
    refusal: { message: 'only the assignee (or the governance office) may delegate this task', field: 'taskId' },
  },
} as const satisfies Record<`task.${string}`, AccessRule>;

