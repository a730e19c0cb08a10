import type { UserRole } from '@aigov/domain/governance-policy.types';
import type { Actor } from '@aigov/workflows/lifecycle.types';

export interface UserPrincipal {
  kind: 'user';
  id: string;
  email: string;
  name: string;
  roles: ReadonlySet<UserRole>;
}

/** The ADMIN_TOKEN holder: can create the first users, and nothing else. */
export interface BootstrapAdminPrincipal {
  kind: 'bootstrap_admin';
}

export type Principal = UserPrincipal | BootstrapAdminPrincipal;

/** The label keeps the audit trail readable without joins. */
export function actorOf(principal: UserPrincipal): Actor {
  return { userId: principal.id, label: principal.email };
}
