import type { AiSystemEntity } from '@aigov/persistence/entities';
import { APPROVING_ROLES } from '@aigov/domain/governance-policy.types';
import { hasRole, UserPrincipal } from '../auth/principal';
import { forbidden } from '../common/api-error';

/** Everyone who may be asked to approve, and auditors, see every system; a product owner sees their own. */
const READS_ALL = [...APPROVING_ROLES, 'auditor' as const];


export function canRead(p: UserPrincipal, s: AiSystemEntity): boolean {
  return hasRole(p, ...READS_ALL) || p.id === s.accountableOwnerId || p.id === s.createdById;
}

/** Lifecycle actions belong to the accountable owner, with the governance office able to step in. */
export function requireManage(p: UserPrincipal, s: AiSystemEntity): void {
  if (p.id !== s.accountableOwnerId && !hasRole(p, 'governance_office')) {
    throw forbidden('only the accountable owner or the governance office may act on this AI system');
  }
}

export function requireRead(p: UserPrincipal, s: AiSystemEntity): void {
  if (!canRead(p, s)) throw forbidden('you may not see this AI system');
}

/** Whether a list must be narrowed to the caller's own systems. */
export function seesOnlyOwn(p: UserPrincipal): boolean {
  return !hasRole(p, ...READS_ALL);
}
