import type { UserRole } from '@aigov/domain/governance-policy.types';
import type { Actor } from '@aigov/workflows/lifecycle.types';

export interface UserPrincipal {
  kind: 'user';
  id: string;
  email: string;
  name: string;
  roles: ReadonlySet<UserRole>;
}

/** The ADMIN_TOKEN holder: can create the first admin while no active admin exists, and nothing else. */
export interface BootstrapAdminPrincipal {
  kind: 'bootstrap_admin';
}

/**
 * A gateway's machine token (gateway_tokens): it may call POST /api/v1/authorize and nothing
 * else; the authentication guard refuses it (403) on every other route, before any handler.
 */
export interface GatewayPrincipal {
  kind: 'gateway';
  /** the token's id */
  id: string;
  gatewayName: string;
  /** when the token was last recorded as used (written at most once a minute) */
  lastUsedAt: Date | null;
}

export type Principal = UserPrincipal | BootstrapAdminPrincipal | GatewayPrincipal;

/**
 * The actor an Update carries. The label keeps the audit trail readable without joins.
 *
 * Trust boundary: the workflows believe this actor (and the roles sent beside it, e.g.
 * `actorRoles`) as given; their validators apply the access policy to it but cannot tell who
 * really sent the Update. Only this API, after authenticating the person, may build it, so
 * Temporal's frontend must be reachable by the API and workers alone (loopback, a private
 * network, or mutual TLS: config/temporal, docker-compose.yml). The label is an email: it
 * reaches Temporal's history encrypted (payload codec), never in a search attribute.
 */
export function actorOf(principal: UserPrincipal): Actor {
  return { userId: principal.id, label: principal.email };
}
