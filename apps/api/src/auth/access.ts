import { AccessAction, decide } from '@aigov/domain/access/access';
import type { AccessResource } from '@aigov/domain/access/access-policy';
import type { AiSystemEntity } from '@aigov/persistence/entities';
import { forbidden } from '../common/api-error';
import type { UserPrincipal } from './principal';

/** Throws the policy's 403 (message and field) unless `me` may do `action` on `resource`. */
export function requireAllowed(me: UserPrincipal, action: AccessAction, resource?: AccessResource): void {
  const decision = decide(me, action, resource);
  if (!decision.allowed) throw forbidden(decision.reason, decision.field);
}

/** How a person can stand to an AI system: its accountable owner, or who registered it. */
export function aiSystemResource(system: Pick<AiSystemEntity, 'accountableOwnerId' | 'createdById'>): AccessResource {
  return { ownerId: system.accountableOwnerId, creatorId: system.createdById };
}
