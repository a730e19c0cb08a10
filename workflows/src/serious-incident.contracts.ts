import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ApproverSelector } from '@aigov/domain/governance-policy.types';
import type { SeriousIncidentCategory, SeriousIncidentPolicy } from '@aigov/domain/serious-incident';
import type { AuditEntry } from './activity.contracts';
import type { Actor } from './lifecycle.types';

/**
 * Serious incidents (EU AI Act Art. 73). `POST /serious-incidents` starts `seriousIncidentClock`
 * (id `serious-incident:<monitoring event id>`, so an event is marked serious at most once): it
 * writes the incident's row and audit chain through activities, reminds and escalates as the
 * reporting deadline nears, marks it missed when it passes, and ends when the report's
 * submission is recorded. Reclassification and submission are Updates with validators.
 */
export const SERIOUS_INCIDENT_WORKFLOW_TYPE = 'seriousIncidentClock';

export function seriousIncidentWorkflowId(monitoringEventId: string): string {
  return `serious-incident:${monitoringEventId}`;
}

export interface SeriousIncidentInput {
  incidentId: string;
  monitoringEventId: string;
  aiSystemId: string;
  /** the system's accountable owner when the incident was marked serious */
  ownerId: string;
  category: SeriousIncidentCategory;
  /** ISO 8601: when the organisation became aware; the clock runs from it */
  awareAt: string;
  summary: string;
  declaredBy: Actor;
  /** the policy file's section when the incident was declared: a running clock keeps the rules it started with */
  policy: SeriousIncidentPolicy;
}

export interface ReclassifySeriousIncidentInput {
  actor: Actor;
  /** what the API established about the caller; the validator applies the access policy to it */
  actorRoles: string[];
  category: SeriousIncidentCategory;
  reason: string;
}

export interface SubmitSeriousIncidentReportInput {
  actor: Actor;
  actorRoles: string[];
  /** ISO 8601: when the report reached the authority (checked by the API: not in the future) */
  submittedAt: string;
  authority: string;
  reference: string;
  note: string | null;
}

export interface SeriousIncidentClockView {
  incidentId: string;
  category: SeriousIncidentCategory;
  status: 'open' | 'submitted';
  /** ISO 8601 */
  deadlineAt: string | null;
  overdue: boolean;
  escalated: boolean;
  remindersSent: number;
  submittedLate: boolean | null;
  seq: number;
  persistedSeq: number;
}

export const reclassifySeriousIncidentUpdate = defineUpdate<SeriousIncidentClockView, [ReclassifySeriousIncidentInput]>('reclassifySeriousIncident');
export const submitSeriousIncidentReportUpdate = defineUpdate<SeriousIncidentClockView, [SubmitSeriousIncidentReportInput]>('submitSeriousIncidentReport');
/** Read-your-writes barrier: returns once every accepted change is written. */
export const syncSeriousIncidentUpdate = defineUpdate<SeriousIncidentClockView, []>('syncSeriousIncident');
export const seriousIncidentStateQuery = defineQuery<SeriousIncidentClockView>('seriousIncidentState');

/** One step of a serious incident, written with its audit entries in one transaction keyed by (incident, seq). */
export interface SeriousIncidentChange {
  incidentId: string;
  seq: number;
  auditStream: string;
  aiSystemId: string;
  /** the first change inserts the row */
  open?: Omit<SeriousIncidentInput, 'policy'> & { workflowId: string; deadlineAt: string };
  patch: {
    category?: SeriousIncidentCategory;
    deadlineAt?: string;
    reminded?: boolean;
    escalated?: boolean;
    overdue?: boolean;
    /** freezes the report as compiled now, with its SHA-256 */
    submission?: { submittedAt: string; byId: string; authority: string; reference: string; note: string | null; late: boolean };
  };
  audit: AuditEntry[];
}

/** Who hears of a step: people by id and by role or email. */
export interface SeriousIncidentRecipients {
  userIds: string[];
  selector?: ApproverSelector;
}

export type SeriousIncidentNoticeKind = 'declared' | 'reclassified' | 'reminder' | 'escalation' | 'overdue' | 'submitted';

export interface SeriousIncidentActivities {
  /** writes one step; returns how long until the deadline by the activity's clock, for the workflow's timers */
  applySeriousIncidentChange(change: SeriousIncidentChange): Promise<{ msLeft: number }>;
  /** mails a notice composed from the incident's row (system, category, deadline, time left), once per (key, recipient) */
  notifySeriousIncident(input: { key: string; incidentId: string; notice: SeriousIncidentNoticeKind; recipients: SeriousIncidentRecipients }): Promise<{ sent: number }>;
}
