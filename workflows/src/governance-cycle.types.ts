import type { PdcaKind } from '@aigov/domain/pdca-item';
import type { Actor } from './lifecycle.types';

/** A management review decision; each becomes a PDCA item owned by `ownerId`. */
export interface ManagementDecisionInput {
  title: string;
  description: string;
  kind: PdcaKind;
  ownerId: string;
  dueAt: string;
  aiSystemId: string | null;
}

export interface ManagementMinutesInput {
  actor: Actor;
  minutes: string;
  attendeeIds: string[];
  decisions: ManagementDecisionInput[];
}

/** An internal audit finding; each becomes a PDCA item (a nonconformity or an improvement). */
export interface AuditFindingInput {
  title: string;
  description: string;
  kind: 'nonconformity' | 'improvement';
  ownerId: string;
  dueAt: string;
  aiSystemId: string | null;
}

export interface AuditReportInput {
  actor: Actor;
  summary: string;
  findings: AuditFindingInput[];
}

export interface GovernanceCycleView {
  id: string;
  status: 'scheduled' | 'held' | 'open' | 'completed';
  pdcaItemIds: string[];
  reminded: boolean;
}
