import { may, WEB_ACCESS, type WebAction } from '../../../../apps/web/src/app/access';
import { ACCESS_POLICY, AccessAction } from './access';
import type { AccessRule } from './access-policy';

/**
 * The web application decides which action controls to render from a copy of the access
 * policy's role groups (apps/web/src/app/access.ts; the app's build cannot import this library).
 * The copy must say what the policy says, or an auditor would be shown an edit button (or an
 * officer would miss one).
 */
describe("the web application's copy of the access policy", () => {
  const actions = Object.keys(WEB_ACCESS) as WebAction[];

  it.each(actions)('%s: the same roles, and only relations the policy has', (action) => {
    const policy: AccessRule = ACCESS_POLICY[action as AccessAction];
    expect(policy).toBeDefined();
    expect([...WEB_ACCESS[action].roles].sort()).toEqual([...policy.roles].sort());
    for (const relation of (WEB_ACCESS[action] as { relations?: readonly string[] }).relations ?? []) expect(policy.relations ?? []).toContain(relation);
  });

  it('offers an auditor reading and reporting audits, no edits', () => {
    const auditor = { id: 'a', roles: ['auditor'] };
    expect(actions.filter((action) => may(auditor, action))).toEqual(['internal_audit.report', 'user.directory', 'ai_system.documentation']);
  });

  it('offers an owner what the owner relation allows, and nothing for someone else’s risk', () => {
    const owner = { id: 'me', roles: ['product_owner'] };
    expect(may(owner, 'risk.edit', { ownerId: 'me' })).toBe(true);
    expect(may(owner, 'risk.edit', { ownerId: 'someone' })).toBe(false);
    expect(may(owner, 'risk.edit')).toBe(false);
    expect(may(owner, 'risk.create')).toBe(false);
  });
});
