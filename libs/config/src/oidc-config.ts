import { USER_ROLES, type UserRole } from '@aigov/domain/governance-policy.types';
import { ConfigError } from './app-config';

/**
 * Single sign-on with an OpenID Provider: people sign in to the web application (authorization
 * code flow with PKCE) and API clients send the provider's JWT access tokens as bearer tokens.
 * Unset OIDC_ISSUER: no single sign-on, emailed links and personal tokens only.
 */
export interface OidcConfig {
  /** the provider's issuer identifier, exactly as its discovery document and tokens state it */
  issuer: string;
  clientId: string;
  /** null for a public client (PKCE alone, no client authentication) */
  clientSecret: string | null;
  /** where the provider sends the browser back: OIDC_REDIRECT_URI, else <PUBLIC_BASE_URL>/auth/oidc/callback */
  redirectUri: string;
  /** scopes asked for at sign-in */
  scopes: string;
  /**
   * the `aud` a bearer JWT must carry (the API's own identifier at the provider); null: bearer
   * JWTs are refused and only personal tokens work
   */
  audience: string | null;
  /** the claim (ID token, else userinfo; access token for bearer JWTs) that lists the person's groups */
  groupsClaim: string;
  /** provider group -> the roles it gives here; a person's roles are the union over their groups */
  roleMap: ReadonlyMap<string, readonly UserRole[]>;
  /** JWS algorithms accepted on bearer JWTs; asymmetric only (ID tokens come straight from the token endpoint and are checked by openid-client) */
  allowedAlgs: readonly string[];
  /** refuse a sign-in whose email the provider has not verified (default true) */
  requireVerifiedEmail: boolean;
  /** leeway on exp / nbf / iat for clocks that disagree a little */
  clockToleranceSeconds: number;
  /**
   * signing out here also ends the session at the provider (OpenID Connect RP-Initiated Logout),
   * when its discovery document lists an end_session_endpoint (OIDC_END_PROVIDER_SESSION, default true)
   */
  endProviderSession: boolean;
  /** where the provider sends the browser after that: OIDC_POST_LOGOUT_REDIRECT_URI, else <PUBLIC_BASE_URL>/sign-in?signedOut=1 */
  postLogoutRedirectUri: string;
}

/** Asymmetric JWS algorithms only: a symmetric one would verify with a key that is public (the JWKS). */
export const ASYMMETRIC_JWS_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;
export const DEFAULT_OIDC_ALGS = ['RS256', 'ES256', 'PS256', 'EdDSA'] as const;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function optional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** https, or http on this machine's loopback only (a test provider): tokens and codes must not cross a network in clear. */
function providerUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new ConfigError(name, `must be an https URL (http only on localhost), got '${raw}'`);
  }
  if (url.search || url.hash) throw new ConfigError(name, 'must not have a query or fragment');
  return raw;
}

function urlOrNull(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

function isRole(value: string): value is UserRole {
  return (USER_ROLES as readonly string[]).includes(value);
}

/**
 * OIDC_ROLE_MAP: `group=role,group=role` (a group may be named more than once for several roles),
 * or a JSON object `{"group": "role" | ["role", ...]}` for group names holding `,` or `=` (LDAP
 * distinguished names). An unknown role or an empty mapping stops the start: a typo must not
 * quietly leave everyone without access, or give someone the wrong one.
 */
export function parseRoleMap(raw: string): Map<string, UserRole[]> {
  const name = 'OIDC_ROLE_MAP';
  const map = new Map<string, UserRole[]>();
  const add = (group: string, role: string) => {
    const g = group.trim();
    const r = role.trim();
    if (!g) throw new ConfigError(name, `has an entry without a group name ('${group}=${role}')`);
    if (!isRole(r)) throw new ConfigError(name, `'${r}' (for group '${g}') is not a role; roles are ${USER_ROLES.join(', ')}`);
    const roles = map.get(g) ?? [];
    if (!roles.includes(r)) roles.push(r);
    map.set(g, roles);
  };
  const text = raw.trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ConfigError(name, 'starts with { but is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError(name, 'must be a JSON object of group to role(s)');
    for (const [group, roles] of Object.entries(parsed)) {
      const list = Array.isArray(roles) ? roles : [roles];
      if (list.length === 0 || list.some((r) => typeof r !== 'string')) throw new ConfigError(name, `group '${group}' must map to a role or a list of roles`);
      for (const role of list as string[]) add(group, role);
    }
  } else {
    for (const entry of text.split(',')) {
      if (!entry.trim()) continue;
      // The last '=' splits, so a group name may itself hold '='.
      const at = entry.lastIndexOf('=');
      if (at < 0) throw new ConfigError(name, `entry '${entry.trim()}' is not group=role`);
      add(entry.slice(0, at), entry.slice(at + 1));
    }
  }
  if (map.size === 0) throw new ConfigError(name, 'maps no group to a role');
  return map;
}

function allowedAlgs(env: NodeJS.ProcessEnv): string[] {
  const raw = optional(env, 'OIDC_ALLOWED_ALGS');
  if (!raw) return [...DEFAULT_OIDC_ALGS];
  const algs = [...new Set(raw.split(',').map((a) => a.trim()).filter(Boolean))];
  if (algs.length === 0) throw new ConfigError('OIDC_ALLOWED_ALGS', 'names no algorithm');
  for (const alg of algs) {
    if (!(ASYMMETRIC_JWS_ALGS as readonly string[]).includes(alg)) {
      throw new ConfigError('OIDC_ALLOWED_ALGS', `'${alg}' is not allowed; choose from ${ASYMMETRIC_JWS_ALGS.join(', ')} (symmetric algorithms and 'none' are refused)`);
    }
  }
  return algs;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = optional(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be true or false, got '${raw}'`);
}

/** The OIDC_* variables, or null when OIDC_ISSUER is unset (single sign-on off). */
export function loadOidcConfig(env: NodeJS.ProcessEnv, publicBaseUrl: string): OidcConfig | null {
  const issuerRaw = optional(env, 'OIDC_ISSUER');
  if (!issuerRaw) {
    const stray = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_AUDIENCE', 'OIDC_ROLE_MAP'].find((n) => optional(env, n));
    if (stray) throw new ConfigError('OIDC_ISSUER', `is required when ${stray} is set`);
    return null;
  }
  const issuer = providerUrl('OIDC_ISSUER', issuerRaw);
  const clientId = optional(env, 'OIDC_CLIENT_ID');
  if (!clientId) throw new ConfigError('OIDC_CLIENT_ID', 'is required when OIDC_ISSUER is set');
  const roleMapRaw = optional(env, 'OIDC_ROLE_MAP');
  if (!roleMapRaw) throw new ConfigError('OIDC_ROLE_MAP', 'is required when OIDC_ISSUER is set (which provider group gives which role)');
  const redirectUri = optional(env, 'OIDC_REDIRECT_URI') ?? `${publicBaseUrl}/auth/oidc/callback`;
  try {
    if (!new URL(redirectUri).pathname.endsWith('/auth/oidc/callback')) throw new ConfigError('OIDC_REDIRECT_URI', "must end with '/auth/oidc/callback' (the route that completes the sign-in)");
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('OIDC_REDIRECT_URI', 'is not a valid URL');
  }
  const audience = optional(env, 'OIDC_AUDIENCE') ?? null;
  // An ID token's audience is the client id: accepting that as a bearer audience would let any
  // ID token the provider issued for the web sign-in pass as an API access token.
  if (audience === clientId) throw new ConfigError('OIDC_AUDIENCE', 'must not be the client id (ID tokens carry it); use the API\'s own identifier at the provider');
  const groupsClaim = optional(env, 'OIDC_GROUPS_CLAIM') ?? 'groups';
  const scopes = optional(env, 'OIDC_SCOPES') ?? 'openid email profile';
  if (!scopes.split(/\s+/).includes('openid')) throw new ConfigError('OIDC_SCOPES', "must include 'openid'");
  const tolerance = optional(env, 'OIDC_CLOCK_TOLERANCE_SECONDS') ?? '30';
  const clockToleranceSeconds = Number(tolerance);
  if (!Number.isInteger(clockToleranceSeconds) || clockToleranceSeconds < 0 || clockToleranceSeconds > 300) {
    throw new ConfigError('OIDC_CLOCK_TOLERANCE_SECONDS', `must be an integer from 0 to 300, got '${tolerance}'`);
  }
  const clientSecret = optional(env, 'OIDC_CLIENT_SECRET') ?? null;
  const postLogoutRedirectUri = optional(env, 'OIDC_POST_LOGOUT_REDIRECT_URI') ?? `${publicBaseUrl}/sign-in?signedOut=1`;
  if (!/^https?:$/.test(urlOrNull(postLogoutRedirectUri)?.protocol ?? '')) {
    throw new ConfigError('OIDC_POST_LOGOUT_REDIRECT_URI', `must be an http or https URL (registered at the provider as a post-logout redirect URI), got '${postLogoutRedirectUri}'`);
  }
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri,
    scopes,
    audience,
    groupsClaim,
    roleMap: parseRoleMap(roleMapRaw),
    allowedAlgs: allowedAlgs(env),
    requireVerifiedEmail: flag(env, 'OIDC_REQUIRE_VERIFIED_EMAIL', true),
    clockToleranceSeconds,
    endProviderSession: flag(env, 'OIDC_END_PROVIDER_SESSION', true),
    postLogoutRedirectUri,
  };
}

/** The roles a person's groups give, in the order of USER_ROLES; empty when none maps. */
export function rolesForGroups(config: Pick<OidcConfig, 'roleMap'>, groups: readonly string[]): UserRole[] {
  const roles = new Set<UserRole>();
  for (const group of groups) for (const role of config.roleMap.get(group) ?? []) roles.add(role);
  return USER_ROLES.filter((r) => roles.has(r));
}
