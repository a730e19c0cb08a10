import { loadAppConfig } from './app-config';
import { DEFAULT_OIDC_ALGS, parseRoleMap, rolesForGroups } from './oidc-config';

const base = { DATABASE_URL: 'postgres://localhost/test', PUBLIC_BASE_URL: 'https://gov.example' };
const sso = { ...base, OIDC_ISSUER: 'https://idp.example/realms/corp', OIDC_CLIENT_ID: 'aigov-web', OIDC_ROLE_MAP: 'ai-gov-admins=admin,ai-gov-approvers=approver' };

describe('single sign-on configuration (OIDC_*)', () => {
  it('is off without OIDC_ISSUER', () => {
    expect(loadAppConfig(base).oidc).toBeNull();
  });

  it('refuses OIDC settings without an issuer, naming the missing variable', () => {
    expect(() => loadAppConfig({ ...base, OIDC_CLIENT_ID: 'x' })).toThrow('configuration: OIDC_ISSUER: is required when OIDC_CLIENT_ID is set');
  });

  it('reads the issuer, client, audience and role map, with safe defaults', () => {
    const oidc = loadAppConfig({ ...sso, OIDC_CLIENT_SECRET: 's3cret', OIDC_AUDIENCE: 'https://gov.example/api' }).oidc!;
    expect({ ...oidc, roleMap: Object.fromEntries(oidc.roleMap) }).toEqual({
      issuer: 'https://idp.example/realms/corp',
      clientId: 'aigov-web',
      clientSecret: 's3cret',
      redirectUri: 'https://gov.example/auth/oidc/callback',
      scopes: 'openid email profile',
      audience: 'https://gov.example/api',
      groupsClaim: 'groups',
      roleMap: { 'ai-gov-admins': ['admin'], 'ai-gov-approvers': ['approver'] },
      allowedAlgs: [...DEFAULT_OIDC_ALGS],
      requireVerifiedEmail: true,
      clockToleranceSeconds: 30,
      endProviderSession: true,
      postLogoutRedirectUri: 'https://gov.example/sign-in?signedOut=1',
    });
  });

  it('is a public client without a secret, and takes an explicit redirect URI, claim and algorithms', () => {
    const oidc = loadAppConfig({
      ...sso,
      OIDC_REDIRECT_URI: 'https://gov.example/auth/oidc/callback',
      OIDC_GROUPS_CLAIM: 'roles',
      OIDC_ALLOWED_ALGS: 'ES256, EdDSA',
      OIDC_REQUIRE_VERIFIED_EMAIL: 'false',
      OIDC_END_PROVIDER_SESSION: 'false',
      OIDC_POST_LOGOUT_REDIRECT_URI: 'https://gov.example/goodbye',
    }).oidc!;
    expect(oidc).toMatchObject({
      clientSecret: null,
      audience: null,
      groupsClaim: 'roles',
      allowedAlgs: ['ES256', 'EdDSA'],
      requireVerifiedEmail: false,
      endProviderSession: false,
      postLogoutRedirectUri: 'https://gov.example/goodbye',
    });
  });

  it.each([
    [{ OIDC_ISSUER: 'http://idp.example' }, 'OIDC_ISSUER: must be an https URL (http only on localhost)'],
    [{ OIDC_ISSUER: 'not a url' }, 'OIDC_ISSUER: is not a valid URL'],
    [{ OIDC_CLIENT_ID: '' }, 'OIDC_CLIENT_ID: is required when OIDC_ISSUER is set'],
    [{ OIDC_ROLE_MAP: '' }, 'OIDC_ROLE_MAP: is required when OIDC_ISSUER is set'],
    [{ OIDC_ROLE_MAP: 'ai-gov-admins=superuser' }, "OIDC_ROLE_MAP: 'superuser' (for group 'ai-gov-admins') is not a role"],
    [{ OIDC_ROLE_MAP: 'ai-gov-admins' }, "OIDC_ROLE_MAP: entry 'ai-gov-admins' is not group=role"],
    [{ OIDC_ROLE_MAP: '{"a": ' }, 'OIDC_ROLE_MAP: starts with { but is not valid JSON'],
    [{ OIDC_ALLOWED_ALGS: 'RS256,HS256' }, "OIDC_ALLOWED_ALGS: 'HS256' is not allowed"],
    [{ OIDC_ALLOWED_ALGS: 'none' }, "OIDC_ALLOWED_ALGS: 'none' is not allowed"],
    [{ OIDC_AUDIENCE: 'aigov-web' }, 'OIDC_AUDIENCE: must not be the client id'],
    [{ OIDC_REDIRECT_URI: 'https://gov.example/elsewhere' }, "OIDC_REDIRECT_URI: must end with '/auth/oidc/callback'"],
    [{ OIDC_SCOPES: 'email profile' }, "OIDC_SCOPES: must include 'openid'"],
    [{ OIDC_CLOCK_TOLERANCE_SECONDS: '3600' }, 'OIDC_CLOCK_TOLERANCE_SECONDS: must be an integer from 0 to 300'],
    [{ OIDC_REQUIRE_VERIFIED_EMAIL: 'maybe' }, 'OIDC_REQUIRE_VERIFIED_EMAIL: must be true or false'],
    [{ OIDC_END_PROVIDER_SESSION: 'yes' }, 'OIDC_END_PROVIDER_SESSION: must be true or false'],
    [{ OIDC_POST_LOGOUT_REDIRECT_URI: 'gov.example/sign-in' }, 'OIDC_POST_LOGOUT_REDIRECT_URI: must be an http or https URL'],
    [{ OIDC_POST_LOGOUT_REDIRECT_URI: 'javascript:alert(1)' }, 'OIDC_POST_LOGOUT_REDIRECT_URI: must be an http or https URL'],
  ])('stops the start on %j, naming the variable', (override, message) => {
    expect(() => loadAppConfig({ ...sso, ...override })).toThrow(`configuration: ${message}`);
  });

  it('accepts http only for a provider on this machine (tests, local development)', () => {
    expect(loadAppConfig({ ...sso, OIDC_ISSUER: 'http://127.0.0.1:4455' }).oidc!.issuer).toBe('http://127.0.0.1:4455');
  });
});

describe('the group-to-role map', () => {
  it('gives the union of the roles of all of a person\'s groups, and none for unmapped groups', () => {
    const map = parseRoleMap('ai-gov-admins=admin, ai-gov-approvers=approver, ai-gov-approvers=risk_officer');
    expect(rolesForGroups({ roleMap: map }, ['ai-gov-approvers', 'staff'])).toEqual(['approver', 'risk_officer']);
    expect(rolesForGroups({ roleMap: map }, ['staff'])).toEqual([]);
  });

  it('takes JSON for group names holding commas or equals signs (LDAP names)', () => {
    const map = parseRoleMap('{"CN=AI Approvers,OU=Groups,DC=corp": ["approver", "auditor"], "admins": "admin"}');
    expect(rolesForGroups({ roleMap: map }, ['CN=AI Approvers,OU=Groups,DC=corp'])).toEqual(['approver', 'auditor']);
  });

  it('splits a plain entry at its last equals sign', () => {
    expect(Object.fromEntries(parseRoleMap('team=a=auditor'))).toEqual({ 'team=a': ['auditor'] });
  });
});
