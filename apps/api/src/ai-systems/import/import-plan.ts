import type { LifecycleStage } from '@aigov/domain/lifecycle-stage';
import { RegistrationField, registrationEditRefusal } from '@aigov/domain/registration-edit-policy';
import { INVENTORY_COLUMNS } from './inventory-columns';
import type { ImportProblem } from './import-table';
import { ImportedRegistration, RowCandidate, sortProblems } from './import-rows.util';

/** A system the file names, as the database has it now. */
export interface ExistingSystem {
  id: string;
  /** coalesce(external_id, id): what a file names it by */
  externalKey: string;
  stage: LifecycleStage;
  /** false only for a system an import created whose lifecycle workflow has not started yet */
  lifecycleStarted: boolean;
  accountableOwnerId: string;
  /** lower-cased; null if the owner row is gone */
  ownerEmail: string | null;
  registration: ImportedRegistration;
}

export interface OwnerRecord {
  id: string;
  active: boolean;
}

export interface PlanLookups {
  /** people by lower-cased email */
  owners: ReadonlyMap<string, OwnerRecord>;
  /** systems by effective external id */
  systemsByKey: ReadonlyMap<string, ExistingSystem>;
  /** effective external id of each system a `System ID` cell names */
  keysById: ReadonlyMap<string, string>;
}

export type RowAction = 'create' | 'update' | 'unchanged' | 'invalid';

/** What will happen to one row. */
export interface RowResult {
  row: number;
  externalId: string | null;
  name: string | null;
  action: RowAction;
  systemId: string | null;
  /** the columns an update changes */
  changedColumns: string[];
}

export interface FieldChange {
  field: RegistrationField;
  column: string;
  /** as a person reads them (the owner by email) */
  from: unknown;
  to: unknown;
  /** what is stored (the owner by id) */
  value: unknown;
}

export interface PlannedCreate {
  row: number;
  externalId: string;
  accountableOwnerId: string;
  registration: ImportedRegistration;
}

export interface PlannedUpdate {
  row: number;
  externalId: string;
  systemId: string;
  changes: FieldChange[];
}

export interface ImportPlan {
  results: RowResult[];
  creates: PlannedCreate[];
  updates: PlannedUpdate[];
  /** systems the file names that it leaves as they are */
  unchangedSystemIds: string[];
  problems: ImportProblem[];
}

const COLUMN_OF_FIELD = new Map(INVENTORY_COLUMNS.filter((c) => c.field).map((c) => [c.field!, c.key]));

const IMPORTED_FIELDS = INVENTORY_COLUMNS.filter((c) => c.field && c.field !== 'accountableOwnerId').map((c) => c.field!) as Array<
  Exclude<RegistrationField, 'accountableOwnerId'>
>;

const normalText = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const normalList = (value: unknown): string[] => (Array.isArray(value) ? value.map((v) => String(v).trim()).filter((v) => v !== '') : []);

/**
 * Is the stored value the one the row gives? Text is compared trimmed, lists item by item
 * trimmed: whitespace an exported cell lost is no change (a registration made through the API
 * may carry it).
 */
export function sameValue(field: RegistrationField, stored: unknown, given: unknown): boolean {
  if (typeof given === 'boolean' || typeof stored === 'boolean') return stored === given;
  if (Array.isArray(given) || Array.isArray(stored)) {
    const a = normalList(stored);
    const b = normalList(given);
    return a.length === b.length && a.every((item, i) => item === b[i]);
  }
  return field === 'vendorName' ? normalText(stored ?? '') === normalText(given ?? '') : normalText(stored) === normalText(given);
}

/**
 * Decides each row against the database as it is: a new external id registers a system, a known
 * one updates the fields that differ (where the edit policy allows it in the system's stage; any
 * other difference is a problem on that cell, never applied), and a row that matches is left
 * alone. Adds the problems only the database can show: an owner email with no active user, a
 * System ID that is not the external id's system. Pure: the caller supplies the lookups.
 */
export function planImport(rows: { candidates: RowCandidate[]; problems: ImportProblem[] }, lookups: PlanLookups): ImportPlan {
  const problems = [...rows.problems];
  const results: RowResult[] = [];
  const creates: PlannedCreate[] = [];
  const updates: PlannedUpdate[] = [];
  const unchangedSystemIds: string[] = [];
  const invalidRows = new Set(rows.problems.map((p) => p.row));

  for (const c of rows.candidates) {
    const rowProblems: ImportProblem[] = [];
    const fail = (column: string, code: string, message: string) => rowProblems.push({ row: c.row, column, code, message });
    const existing = c.externalId !== null ? lookups.systemsByKey.get(c.externalId) : undefined;

    if (c.systemId !== null) {
      if (existing && existing.id !== c.systemId) {
        fail('id', 'id_mismatch', `external id "${c.externalId}" belongs to system ${existing.id}, not ${c.systemId}`);
      } else if (!existing) {
        const key = lookups.keysById.get(c.systemId);
        if (key !== undefined) fail('id', 'id_mismatch', `system ${c.systemId} has external id "${key}"; an import cannot change a system's external id`);
        else fail('id', 'unknown_system', 'no system has this id; leave System ID empty to register a new system');
      }
    }

    // The owner: the same person as now needs no check (they may have left since); anyone else must be an active user.
    let ownerId: string | null = null;
    if (c.ownerEmail !== null) {
      if (existing && existing.ownerEmail === c.ownerEmail) {
        ownerId = existing.accountableOwnerId;
      } else {
        const owner = lookups.owners.get(c.ownerEmail);
        if (owner?.active) ownerId = owner.id;
        else fail('accountableOwner', 'unknown_owner', 'no active user with this email');
      }
    }

    const changes: FieldChange[] = [];
    if (existing && c.complete && ownerId !== null) {
      const stored = existing.registration as unknown as Record<string, unknown>;
      const given = c.registration as Record<string, unknown>;
      for (const field of IMPORTED_FIELDS) {
        if (!sameValue(field, stored[field], given[field])) changes.push({ field, column: COLUMN_OF_FIELD.get(field)!, from: stored[field], to: given[field], value: given[field] });
      }
      if (ownerId !== existing.accountableOwnerId) {
        changes.push({ field: 'accountableOwnerId', column: 'accountableOwner', from: existing.ownerEmail, to: c.ownerEmail, value: ownerId });
      }
      for (const change of changes) {
        const refusal = registrationEditRefusal(change.field, existing.stage, existing.lifecycleStarted);
        if (refusal) fail(change.column, refusal.code, `differs from the system's (${describe(change.from)} -> ${describe(change.to)}), but ${refusal.reason}`);
      }
    }

    problems.push(...rowProblems);
    const invalid = rowProblems.length > 0 || invalidRows.has(c.row) || !c.complete || c.externalId === null || ownerId === null;
    const base = { row: c.row, externalId: c.externalId, name: (c.registration.name ?? existing?.registration.name ?? null) as string | null, systemId: existing?.id ?? null };
    if (invalid) {
      results.push({ ...base, action: 'invalid', changedColumns: changes.map((ch) => ch.column) });
    } else if (!existing) {
      creates.push({ row: c.row, externalId: c.externalId!, accountableOwnerId: ownerId!, registration: c.registration as ImportedRegistration });
      results.push({ ...base, action: 'create', changedColumns: [] });
    } else if (changes.length) {
      updates.push({ row: c.row, externalId: c.externalId!, systemId: existing.id, changes });
      results.push({ ...base, action: 'update', changedColumns: changes.map((ch) => ch.column) });
    } else {
      unchangedSystemIds.push(existing.id);
      results.push({ ...base, action: 'unchanged', changedColumns: [] });
    }
  }
  return { results, creates, updates, unchangedSystemIds, problems: sortProblems(problems) };
}

function describe(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'empty';
  if (Array.isArray(value)) return value.length ? `"${value.join('; ')}"`.slice(0, 80) : 'no items';
  const text = String(value);
  return `"${text.length > 40 ? `${text.slice(0, 37)}...` : text}"`;
}
