import { parseRoleMap } from '@aigov/config/oidc-config';
import { groupsOf, identityClaims, isJwtShaped, rolesOf } from './oidc-claims';

describe("the provider's claims", () => {
  it('tells a JWT from a personal token by its shape', () => {
    expect(isJwtShaped('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln')).toBe(true);
    // An unsigned token still goes to the JWT check, to be refused there.
    expect(isJwtShaped('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.')).toBe(true);
    expect(isJwtShaped(`aigov_${'A'.repeat(43)}`)).toBe(false);
    expect(isJwtShaped('a.b')).toBe(false);
    expect(isJwtShaped('a.b.c.d')).toBe(false);
    expect(isJwtShaped('a+b.c.d')).toBe(false);
  });

  it('reads the groups claim as a list of names, whatever else a provider sends', () => {
    expect(groupsOf({ groups: ['a', 'b', 3] }, 'groups')).toEqual(['a', 'b']);
    expect(groupsOf({ roles: 'admins' }, 'roles')).toEqual(['admins']);
    expect(groupsOf({ groups: { a: 1 } }, 'groups')).toEqual([]);
    expect(groupsOf({}, 'groups')).toEqual([]);
  });

  it('lower-cases the email, and counts only a true email_verified as verified', () => {
    const base = { iss: 'https://idp.example', sub: 'u1', name: ' Ann ', groups: ['g'] };
    expect(identityClaims({ groupsClaim: 'groups' }, { ...base, email: 'Ann@Example.TEST', email_verified: true })).toEqual({
      issuer: 'https://idp.example',
      subject: 'u1',
      email: 'ann@example.test',
      emailVerified: true,
      name: 'Ann',
      groups: ['g'],
    });
    expect(identityClaims({ groupsClaim: 'groups' }, { ...base, email: 'a@x.test', email_verified: 'true' }).emailVerified).toBe(true);
    expect(identityClaims({ groupsClaim: 'groups' }, { ...base, email: 'a@x.test', email_verified: 'yes' }).emailVerified).toBe(false);
    expect(identityClaims({ groupsClaim: 'groups' }, base)).toMatchObject({ email: null, emailVerified: false });
  });

  it('maps groups to roles through the configured map', () => {
    const roleMap = parseRoleMap('ai-gov-admins=admin,ai-gov-approvers=approver');
    expect(rolesOf({ roleMap }, { groups: ['ai-gov-approvers', 'ai-gov-admins'] })).toEqual(['approver', 'admin']);
    expect(rolesOf({ roleMap }, { groups: ['staff'] })).toEqual([]);
  });
});
