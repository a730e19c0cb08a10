import { randomUUID } from 'node:crypto';
import { APPROVAL_SUBJECT_KINDS } from '@aigov/domain/approval-subject';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';

/**
 * GET /tasks?subjectKind=&subjectId=: the tasks of one subject (an SoA version's publication
 * round, a risk's acceptance round) without reading every task and narrowing in the client. Task
 * rows are written directly: what is tested is the list's filter, not the rounds that open them.
 */
describe('tasks listed by subject', () => {
  let h: Harness;
  let officer: HarnessUser;
  let colleague: HarnessUser;
  const soaA = randomUUID();
  const soaB = randomUUID();
  const risk = randomUUID();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await startGovernanceHarness({ worker: false });
    officer = await h.createUser(['governance_office'], { name: 'Tess Officer' });
    colleague = await h.createUser(['governance_office'], { name: 'Theo Officer' });
    const task = async (name: string, subjectKind: string, subjectId: string, assignee: HarnessUser, status = 'open') => {
      ids[name] = randomUUID();
      await h.dataSource.query(
        `INSERT INTO tasks (id, subject_kind, subject_id, ai_system_id, kind, workflow_id, round, assignee_id, status, title)
         VALUES ($1, $2, $3, NULL, 'approval', $4, 1, $5, $6, $7)`,
        [ids[name], subjectKind, subjectId, `test-${subjectId}`, assignee.user.id, status, name],
      );
    };
    await task('soa A, officer', 'soa', soaA, officer);
    await task('soa A, colleague', 'soa', soaA, colleague);
    await task('soa A, colleague, decided', 'soa', soaA, colleague, 'decided');
    await task('soa B, colleague', 'soa', soaB, colleague);
    await task('risk, colleague', 'risk_acceptance', risk, colleague);
  });
  afterAll(async () => h?.stop());

  const list = async (by: HarnessUser, query: string) => {
    const res = await h.api('GET', `/api/v1/tasks?${query}`, { token: by.token });
    return { status: res.status, body: res.body, titles: res.status === 200 ? (res.body.items as Array<{ title: string }>).map((t) => t.title).sort() : [] };
  };

  it("lists one subject's open tasks, everyone's or only one's own", async () => {
    expect((await list(officer, `assignee=all&subjectKind=soa&subjectId=${soaA}`)).titles).toEqual(['soa A, colleague', 'soa A, officer']);
    expect((await list(officer, `assignee=all&subjectId=${soaA}&status=any`)).titles).toEqual(['soa A, colleague', 'soa A, colleague, decided', 'soa A, officer']);
    expect((await list(officer, `subjectKind=soa&subjectId=${soaA}`)).titles).toEqual(['soa A, officer']);
    expect((await list(officer, `assignee=all&subjectKind=soa&subjectId=${soaB}`)).body).toMatchObject({ total: 1, items: [{ id: ids['soa B, colleague'], subjectKind: 'soa', subjectId: soaB }] });
    expect((await list(colleague, `subjectKind=risk_acceptance`)).titles).toEqual(['risk, colleague']);
    // a subject of another kind: nothing
    expect((await list(officer, `assignee=all&subjectKind=risk_acceptance&subjectId=${soaA}`)).body).toMatchObject({ total: 0, items: [] });
  });

  it('refuses a subject that is not a UUID and a kind it does not know, naming the parameter, writing nothing', async () => {
    const before = await h.rowCounts();
    expect(await list(officer, 'assignee=all&subjectId=not-a-uuid')).toMatchObject({ status: 400, body: { field: 'subjectId', message: 'subjectId must be a UUID' } });
    expect(await list(officer, `assignee=all&subjectKind=policy&subjectId=${soaA}`)).toMatchObject({ status: 400, body: { field: 'subjectKind', message: `subjectKind must be one of ${APPROVAL_SUBJECT_KINDS.join(', ')}` } });
    expect(await list(officer, 'aiSystemId=42')).toMatchObject({ status: 400, body: { field: 'aiSystemId', message: 'aiSystemId must be a UUID' } });
    expect(await h.rowCounts()).toEqual(before);
  });
});
