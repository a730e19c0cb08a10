import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';

/**
 * GET /users/directory: the people the web app's pickers offer (owners, attendees, approvers).
 * Active people only, by name, with no roles; for every role that names other people, not for a
 * product owner alone; searched by name or address, LIKE's wildcards taken literally.
 */
describe('people directory', () => {
  let h: Harness;
  let officer: HarnessUser;
  let auditor: HarnessUser;
  let owner: HarnessUser;

  beforeAll(async () => {
    h = await startGovernanceHarness({ worker: false });
    officer = await h.createUser(['governance_office'], { name: 'Zoe Officer' });
    auditor = await h.createUser(['auditor'], { name: 'Adam Auditor' });
    owner = await h.createUser(['product_owner'], { name: 'Olga Owner' });
    const gone = await h.createUser(['approver'], { name: 'Gone Approver' });
    expect((await h.api('PATCH', `/api/v1/users/${gone.user.id}`, { token: h.admin.token, body: { active: false } })).status).toBe(200);
    await h.createUser(['risk_officer'], { name: '100% Risk', email: 'percent@example.test' });
  });
  afterAll(async () => h?.stop());

  const directory = (by: HarnessUser, q?: string) => h.api('GET', `/api/v1/users/directory${q === undefined ? '' : `?q=${encodeURIComponent(q)}`}`, { token: by.token });

  it('lists active people by name with id, name and email only', async () => {
    const all = await directory(officer);
    expect(all.status).toBe(200);
    const names: string[] = all.body.items.map((p: { name: string }) => p.name);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(names).toEqual(expect.arrayContaining(['Zoe Officer', 'Adam Auditor', 'Olga Owner', '100% Risk']));
    expect(names).not.toContain('Gone Approver');
    expect(Object.keys(all.body.items[0]).sort()).toEqual(['email', 'id', 'name']);
    expect(all.body).toMatchObject({ limit: 500, truncated: false });
    expect((await directory(auditor)).status).toBe(200);
  });

  it('searches name and address, a % or _ matching only itself', async () => {
    expect((await directory(officer, 'olga')).body.items.map((p: { id: string }) => p.id)).toEqual([owner.user.id]);
    expect((await directory(officer, '100%')).body.items.map((p: { email: string }) => p.email)).toEqual(['percent@example.test']);
    expect((await directory(officer, '%')).body.items.map((p: { email: string }) => p.email)).toEqual(['percent@example.test']);
    const underscore: Array<{ name: string; email: string }> = (await directory(officer, '_')).body.items;
    expect(underscore.length).toBeGreaterThan(0);
    expect(underscore.every((p) => `${p.name} ${p.email}`.includes('_'))).toBe(true);
    expect(underscore.map((p) => p.email)).not.toContain(auditor.user.email);
  });

  it('is refused to a product owner alone, and a bad search is a 400 naming q', async () => {
    const refused = await directory(owner);
    expect(refused.status).toBe(403);
    const bad = await directory(officer, 'x'.repeat(201));
    expect({ status: bad.status, field: bad.body.field }).toEqual({ status: 400, field: 'q' });
  });
});
