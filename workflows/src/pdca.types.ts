import type { PdcaKind, PdcaPhase, PdcaSourceType } from '@aigov/domain/pdca-item';
import type { EvidenceRef } from '@aigov/domain/review-checklist';
import type { Actor } from './lifecycle.types';

/** When an item is due: a date, or a duration from when it is opened (for items the product opens itself). */
export type PdcaDue = { at: string } | { within: string };

export interface PdcaItemInput {
  itemId: string;
  kind: PdcaKind;
  title: string;
  description: string;
  aiSystemId: string | null;
  source: { type: PdcaSourceType; id: string | null };
  ownerId: string | null;
  due: PdcaDue;
  createdBy: Actor | null;
}

export interface PdcaPlanInput {
  actor: Actor;
  /** the governance office and admins may plan any item; others only their own */
  actorRoles: string[];
  rootCause: string;
  action: string;
  ownerId: string;
  /** ISO date-time; omitted keeps the current due date */
  dueAt: string | null;
}

export interface PdcaCompleteInput {
  actor: Actor;
  note: string;
  evidence: EvidenceRef[];
}

export interface PdcaVerifyInput {
  actor: Actor;
  effective: boolean;
  note: string;
}

export interface PdcaItemView {
  itemId: string;
  phase: PdcaPhase;
  ownerId: string | null;
  completedById: string | null;
  reopenCount: number;
  reminders: number;
  seq: number;
  persistedSeq: number;
}

/** One step of a PDCA item, written with its audit entries in one transaction keyed by (item, seq). */
export interface PdcaChange {
  itemId: string;
  seq: number;
  auditStream: string;
  /** the first change inserts the row */
  open?: PdcaItemInput & { workflowId: string };
  patch: {
    phase?: PdcaPhase;
    ownerId?: string | null;
    rootCause?: string;
    plannedAction?: string;
    dueAt?: string | null;
    completion?: { note: string; byId: string; evidence: EvidenceRef[] };
    verification?: { effective: boolean; note: string; byId: string };
    reopened?: boolean;
    closed?: boolean;
    reminded?: boolean;
    escalated?: boolean;
  };
  audit: Array<{ seq: number; eventType: string; actor: Actor | null; payload: Record<string, unknown> }>;
}
