import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';

/**
 * The control catalogs and crosswalk through the real API: counts per framework, search,
 * paging, a 42001 control with its links, a 27001 control with the links into it, refusals
 * with the field named, and authentication required (but no particular role).
 */
describe('control catalog API', () => {
  let h: Harness;
  let auditor: HarnessUser;
  let owner: HarnessUser;

  beforeAll(async () => {
    h = await startGovernanceHarness({ worker: false });
    auditor = await h.createUser(['auditor']);
    owner = await h.createUser(['product_owner']);
  });
  afterAll(() => h?.stop());

  const get = (path: string, token: string | undefined = auditor.token) => h.api('GET', path, { token });

  it.each([
    ['iso42001', 38],
    ['iso27001', 93],
    ['clauses', 43],
    ['eu_ai_act', 23],
  ])('lists %s with %i controls', async (framework, count) => {
    const page = await get(`/api/v1/controls?framework=${framework}&pageSize=200`);
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(count);
    expect(page.body.items).toHaveLength(count);
    expect(page.body.items.every((c: { framework: string }) => c.framework === framework)).toBe(true);
    expect(Object.keys(page.body.items[0])).toEqual(expect.arrayContaining(['framework', 'ref', 'title', 'summary', 'group', 'groupTitle']));
  });

  it('lists every catalog when no framework is given, and summarises the catalogs', async () => {
    const all = await get('/api/v1/controls?pageSize=1');
    expect(all.body.total).toBe(38 + 93 + 43 + 23);
    const catalogs = await get('/api/v1/controls/catalogs');
    expect(catalogs.status).toBe(200);
    expect(catalogs.body.catalogs.map((c: { framework: string; version: string; controlCount: number; groups: unknown[] }) => [c.framework, c.version, c.controlCount, c.groups.length])).toEqual([
      ['iso42001', '2023', 38, 9],
      ['iso27001', '2022', 93, 4],
      ['clauses', '42001:2023+27001:2022', 43, 7],
      ['eu_ai_act', '2024/1689', 23, 5],
    ]);
    expect(catalogs.body.crosswalkRevision).toBeGreaterThanOrEqual(1);
  });

  it('searches ref, title and summary, ignoring case', async () => {
    const byTitle = await get('/api/v1/controls?framework=iso27001&q=CRYPTOGRAPHY');
    expect(byTitle.body.items.map((c: { ref: string }) => c.ref)).toContain('A.8.24');
    const byRef = await get(`/api/v1/controls?framework=iso42001&q=${encodeURIComponent('a.7.')}`);
    expect(byRef.body.items.map((c: { ref: string }) => c.ref)).toEqual(['A.7.2', 'A.7.3', 'A.7.4', 'A.7.5', 'A.7.6']);
    const acrossAll = await get('/api/v1/controls?q=impact%20assessment');
    expect(new Set(acrossAll.body.items.map((c: { framework: string }) => c.framework))).toEqual(new Set(['iso42001', 'clauses', 'eu_ai_act']));
    expect(acrossAll.body.items.map((c: { ref: string }) => c.ref)).toEqual(expect.arrayContaining(['A.5.2', '8.4', 'art-27']));
    const none = await get('/api/v1/controls?q=zzzz-nothing');
    expect(none.body).toEqual({ items: [], page: 1, pageSize: 50, total: 0 });
  });

  it('pages through a catalog without gaps or repeats', async () => {
    const refs: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const res = await get(`/api/v1/controls?framework=iso27001&page=${page}&pageSize=25`);
      expect(res.body).toMatchObject({ page, pageSize: 25, total: 93 });
      expect(res.body.items).toHaveLength(page < 4 ? 25 : 18);
      refs.push(...res.body.items.map((c: { ref: string }) => c.ref));
    }
    expect(new Set(refs).size).toBe(93);
    expect(refs[0]).toBe('A.5.1');
    expect(refs[92]).toBe('A.8.34');
    expect((await get('/api/v1/controls?framework=iso27001&page=5&pageSize=25')).body.items).toEqual([]);
  });

  it('shows a 42001 control with its 27001 controls, clauses and AI Act articles and their basis', async () => {
    const res = await get('/api/v1/controls/iso42001/A.6.2.6');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ framework: 'iso42001', ref: 'A.6.2.6', group: 'A.6', catalogVersion: '2023' });
    const frameworks = new Set(res.body.mappings.map((m: { framework: string }) => m.framework));
    expect(frameworks).toEqual(new Set(['iso27001', 'clauses', 'eu_ai_act']));
    expect(res.body.mappings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ framework: 'eu_ai_act', ref: 'art-72', basis: 'title-evident' }),
        expect.objectContaining({ framework: 'clauses', ref: '9.1', basis: 'title-evident' }),
        expect.objectContaining({ framework: 'iso27001', ref: 'A.8.16' }),
      ]),
    );
    for (const m of res.body.mappings) {
      expect(['source-stated', 'title-evident', 'own-reasoning']).toContain(m.basis);
      expect(m.stages.length).toBeGreaterThan(0);
      expect(m.title).toBeTruthy();
    }
  });

  it('shows a 27001 control with the 42001 controls that map to it, and an AI Act article with who it binds', async () => {
    const sec = await get('/api/v1/controls/iso27001/A.8.16');
    expect(sec.status).toBe(200);
    expect(sec.body.mappings.every((m: { framework: string }) => m.framework === 'iso42001')).toBe(true);
    expect(sec.body.mappings.map((m: { ref: string }) => m.ref)).toContain('A.6.2.6');
    const article = await get('/api/v1/controls/eu_ai_act/art-26');
    expect(article.body).toMatchObject({ ref: 'art-26', binds: ['deployer'], catalogVersion: '2024/1689' });
    expect(article.body.mappings.length).toBeGreaterThan(0);
    const clause = await get('/api/v1/controls/clauses/9.3.2');
    expect(clause.body).toMatchObject({ ref: '9.3.2', parent: '9.3', group: '9', appliesTo: ['iso42001', 'iso27001'] });
    expect((await get('/api/v1/controls/clauses/8.4')).body.appliesTo).toEqual(['iso42001']);
  });

  it('tells A.5.2 of ISO/IEC 42001 from A.5.2 of ISO/IEC 27001', async () => {
    const ai = await get('/api/v1/controls/iso42001/A.5.2');
    const sec = await get('/api/v1/controls/iso27001/A.5.2');
    expect([ai.status, sec.status]).toEqual([200, 200]);
    expect(ai.body.framework).toBe('iso42001');
    expect(sec.body.framework).toBe('iso27001');
    expect(ai.body.title).not.toBe(sec.body.title);
    expect(ai.body.mappings.some((m: { framework: string }) => m.framework === 'eu_ai_act')).toBe(true);
    expect(sec.body.mappings.every((m: { framework: string }) => m.framework === 'iso42001')).toBe(true);
  });

  it('refuses an unknown framework in the list with 400 naming the field', async () => {
    const res = await get('/api/v1/controls?framework=iso9001');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', field: 'framework' });
    expect(res.body.message).toMatch(/iso42001, iso27001, clauses, eu_ai_act/);
    expect((await get('/api/v1/controls?pageSize=500')).body).toMatchObject({ statusCode: 400, field: 'pageSize' });
  });

  it('answers 404 naming framework or ref for what is not in the catalog', async () => {
    const framework = await get('/api/v1/controls/iso9001/A.5.2');
    expect(framework.status).toBe(404);
    expect(framework.body).toMatchObject({ statusCode: 404, error: 'Not Found', field: 'framework' });
    for (const path of ['/api/v1/controls/iso42001/A.8.34', '/api/v1/controls/eu_ai_act/72', '/api/v1/controls/clauses/11.1']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, field: 'ref' });
    }
  });

  it('needs a bearer token, but no particular role', async () => {
    const anonymous = await h.api('GET', '/api/v1/controls');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    expect((await h.api('GET', '/api/v1/controls/iso42001/A.2.2')).status).toBe(401);
    expect((await get('/api/v1/controls/iso42001/A.2.2', owner.token)).status).toBe(200);
    expect((await get('/api/v1/controls?framework=clauses', owner.token)).status).toBe(200);
  });

  it('documents the operations and their response schemas in the OpenAPI document', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const doc = (await (await fetch(`${h.baseUrl}/api/docs/openapi.json`)).json()) as any;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/controls', '/api/v1/controls/catalogs', '/api/v1/controls/{framework}/{ref}']));
    expect(doc.paths['/api/v1/controls/{framework}/{ref}'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/ControlDetailView');
    expect(doc.components.schemas.ControlMappingView.properties.basis.enum).toEqual(['source-stated', 'title-evident', 'own-reasoning']);
  });
});
