import { rolesForGroups, type OidcConfig } from '@aigov/config/oidc-config';
import type { UserRole } from '@aigov/domain/governance-policy.types';

/** What single sign-on needs to know about a person, from the provider's claims. */
export interface OidcIdentityClaims {
  issuer: string;
  subject: string;
  /** lower-cased; null when the provider sent none */
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  groups: string[];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/**
 * The groups claim as a list of names: providers send an array of strings, some a single
 * string; anything else counts as no groups (so it maps to no role).
 */
export function groupsOf(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  return [];
}

export function identityClaims(config: Pick<OidcConfig, 'groupsClaim'>, claims: Record<string, unknown>): OidcIdentityClaims {
  // Some providers send email_verified as the string "true".
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  return {
    issuer: String(claims.iss),
    subject: String(claims.sub),
    email: text(claims.email)?.toLowerCase() ?? null,
    emailVerified: verified,
    name: text(claims.name),
    groups: groupsOf(claims, config.groupsClaim),
  };
}

export function rolesOf(config: Pick<OidcConfig, 'roleMap'>, identity: Pick<OidcIdentityClaims, 'groups'>): UserRole[] {
  return rolesForGroups(config, identity.groups);
}

/** A JWT in compact form: three base64url segments (the last empty for an unsigned one, refused later). Personal tokens have no dots. */
export function isJwtShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}
