import type { AccessRule } from './access-policy';

/**
 * Serious incidents (EU AI Act Art. 73). Reading one follows its AI system (`ai_system.read`).
 * The accountable owner and the governance office mark an incident serious, make its category
 * stricter and record the report's submission; relaxing the category lengthens the deadline,
 * so the owner, who answers for the system, may not do it alone.
 */
export const SERIOUS_INCIDENT_ACCESS = {
  'serious_incident.declare': {
    roles: ['governance_office'],
    relations: ['owner'],
    refusal: { message: 'only the accountable owner or the governance office may mark an incident serious or make its category stricter', field: 'monitoringEventId' },
  },
  'serious_incident.relax': {
    roles: ['governance_office'],
    refusal: { message: 'only the governance office may relax the category of a serious incident (it lengthens the deadline)', field: 'category' },
  },
  'serious_incident.submit': {
    roles: ['governance_office'],
    relations: ['owner'],
    refusal: { message: 'only the accountable owner or the governance office record the submission of the report', field: 'authority' },
  },
} as const satisfies Record<`serious_incident.${string}`, AccessRule>;
