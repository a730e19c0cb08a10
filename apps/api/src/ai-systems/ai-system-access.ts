import type { AiSystemEntity } from '../../../../libs/persistence/src/entities';
import { hasRole, UserPrincipal } from '../auth/principal';
import { forbidden } from '../common/api-error';

/** Oversight roles see every system; a product owner sees the systems they own or registered. */
export function canRead(p: UserPrincipal, s: AiSystemEntity): boolean {
  return hasRole(p, 'governance_office', 'approver', 'auditor', 'admin') || p.id === s.accountableOwnerId || p.id === s.createdById;
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
  return !hasRole(p, 'governance_office', 'approver', 'auditor', 'admin');
}
