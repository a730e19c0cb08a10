import { Harness, startGovernanceHarness } from '../../support/governance-harness';

/**
 * The bootstrap ADMIN_TOKEN creates the first admin and is then spent: refused (403, saying
 * why) while an active admin exists; it works again only if every admin is deactivated (the
 * recovery path). Two requests at once create one admin, not two.
 */
describe('the bootstrap ADMIN_TOKEN', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startGovernanceHarness({ worker: false, bootstrapAdmin: false });
  });
  afterAll(async () => h?.stop());

  const asBootstrap = (method: string, path: string, body?: unknown) => h.api(method, path, { token: h.config.adminToken, body });
  const person = (roles: string[], name: string) => ({ email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.test`, name, roles });

  it('creates only the first admin, once, and is refused with a reason from then on', async () => {
    const before = await h.rowCounts();
    expect(await asBootstrap('POST', '/api/v1/users', person(['auditor'], 'Not An Admin'))).toMatchObject({
      status: 403,
      body: { field: 'roles', message: expect.stringContaining('can only create the first admin') },
    });
    expect(await asBootstrap('GET', '/api/v1/users')).toMatchObject({ status: 403, body: { message: expect.stringContaining('can only create the first admin') } });
    expect(await h.rowCounts()).toEqual(before);

    // two at once: the lock lets one through
    const [a, b] = await Promise.all([asBootstrap('POST', '/api/v1/users', person(['admin'], 'Ada Admin')), asBootstrap('POST', '/api/v1/users', person(['admin'], 'Bob Admin'))]);
    expect([a.status, b.status].sort()).toEqual([201, 403]);
    const first = a.status === 201 ? a.body : b.body;
    expect((await h.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE 'admin' = ANY(roles)`))[0].n).toBe(1);

    const spent = await asBootstrap('POST', '/api/v1/users', person(['admin'], 'Eve Admin'));
    expect(spent).toMatchObject({ status: 403, body: { statusCode: 403, message: expect.stringContaining('an active admin exists') } });
    expect((await asBootstrap('GET', '/api/v1/users')).status).toBe(403);
    expect((await asBootstrap('PATCH', `/api/v1/users/${first.user.id}`, { active: false })).status).toBe(403);
    // the admin it created does the rest
    expect((await h.api('POST', '/api/v1/users', { token: first.token, body: person(['auditor'], 'Ann Auditor') })).status).toBe(201);

    // every admin deactivated (here in the database): the token can create an admin again
    await h.dataSource.query('UPDATE users SET active = false WHERE id = $1', [first.user.id]);
    expect((await asBootstrap('POST', '/api/v1/users', person(['admin'], 'Rae Recovery'))).status).toBe(201);
    expect((await asBootstrap('POST', '/api/v1/users', person(['admin'], 'Zed Admin'))).status).toBe(403);
  });
});
