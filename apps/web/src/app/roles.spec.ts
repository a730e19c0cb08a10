import { homePathFor, navigationFor } from './roles';

describe('roles in the web app', () => {
  it.each([
    [['approver'], '/inbox'],
    [['risk_officer'], '/inbox'],
    [['product_owner'], '/systems'],
    [['product_owner', 'approver'], '/inbox'],
    [['governance_office'], '/dashboard'],
    [['auditor'], '/dashboard'],
    [['admin', 'approver'], '/dashboard'],
    [[], '/inbox'],
  ])('%j start at %s', (roles, home) => {
    expect(homePathFor(roles)).toBe(home);
  });

  it('shows everyone the inbox', () => {
    expect(navigationFor(['approver']).map((item) => item.to)).toContain('/inbox');
    expect(navigationFor([]).map((item) => item.to)).toContain('/inbox');
  });

  it('shows the dashboard, inventory and reports to oversight roles only', () => {
    for (const roles of [['governance_office'], ['auditor'], ['admin']]) {
      expect(navigationFor(roles).map((item) => item.to)).toEqual(expect.arrayContaining(['/dashboard', '/inventory', '/reports']));
    }
    expect(navigationFor(['approver', 'product_owner']).map((item) => item.to)).not.toEqual(expect.arrayContaining(['/dashboard']));
    expect(navigationFor(['approver']).map((item) => item.to)).not.toContain('/inventory');
  });
});
