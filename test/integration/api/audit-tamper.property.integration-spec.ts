import fc from 'fast-check';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { registerForApproval } from '../../support/governance-flows';

interface Row {
  id: string;
  stream_id: string;
  seq: number;
  last: boolean;
}

type Mutation =
  | { kind: 'edit'; column: 'payload' | 'event_type' | 'actor_label' | 'occurred_at' | 'ai_system_id' | 'hash'; row: number }
  | { kind: 'delete'; row: number }
  | { kind: 'reorder'; row: number };

/**
 * Someone with database rights edits, deletes or reorders audit rows (the append-only trigger
 * switched off first). GET /api/v1/audit/verify must notice every such change in a generated
 * set and name the first broken link. Deleting a stream's newest event is not in the set: a
 * hash chain cannot show a missing tail on its own; the signed checkpoints of the stream heads
 * do (audit-checkpoints.integration-spec.ts).
 */
describe('audit trail tampering is detected by /audit/verify', () => {
  let h: Harness;
  let auditor: HarnessUser;
  let rows: Row[];

  beforeAll(async () => {
    h = await startGovernanceHarness();
    auditor = await h.createUser(['auditor']);
    const owner = await h.createUser(['product_owner']);
    await h.createUser(['governance_office']);
    for (let i = 0; i < 3; i++) await registerForApproval(h, owner, i === 2 ? 'high' : 'limited', { name: `Audited ${i}` });
    // Let the approval rounds finish writing before the trail is copied.
    await new Promise((r) => setTimeout(r, 2000));
    await h.dataSource.query('CREATE TABLE audit_backup AS SELECT * FROM audit_events');
    rows = await h.dataSource.query(
      `SELECT id, stream_id, seq, seq = max(seq) OVER (PARTITION BY stream_id) AS last FROM audit_events ORDER BY stream_id, seq`,
    );
  });
  afterAll(async () => h?.stop());

  const verify = async () => (await h.api('GET', '/api/v1/audit/verify', { token: auditor.token })).body;

  async function asSuperuser(statements: Array<[string, unknown[]]>): Promise<void> {
    await h.dataSource.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_events DISABLE TRIGGER ALL');
      for (const [sql, params] of statements) await tx.query(sql, params);
      await tx.query('ALTER TABLE audit_events ENABLE TRIGGER ALL');
    });
  }
  const restore = () =>
    asSuperuser([
      ['DELETE FROM audit_events', []],
      ['INSERT INTO audit_events SELECT * FROM audit_backup', []],
    ]);

  it('starts from an intact trail with several streams', async () => {
    expect(await verify()).toMatchObject({ ok: true });
    expect(new Set(rows.map((r) => r.stream_id)).size).toBeGreaterThanOrEqual(6);
    expect(rows.length).toBeGreaterThanOrEqual(20);
  });

  it('catches every edit, deletion and reordering, naming the first broken link', async () => {
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      fc.record({
        kind: fc.constant('edit' as const),
        column: fc.constantFrom('payload' as const, 'event_type' as const, 'actor_label' as const, 'occurred_at' as const, 'ai_system_id' as const, 'hash' as const),
        row: fc.nat({ max: rows.length - 1 }),
      }),
      // deleting or reordering needs a later event in the same stream
      fc.record({ kind: fc.constant('delete' as const), row: fc.constantFrom(...rows.map((r, i) => (r.last ? -1 : i)).filter((i) => i >= 0)) }),
      // the genesis rule (seq 1 <=> zero prev_hash) is a table constraint: moving seq 1 is refused outright
      fc.record({ kind: fc.constant('reorder' as const), row: fc.constantFrom(...rows.map((r, i) => (r.last || r.seq === 1 ? -1 : i)).filter((i) => i >= 0)) }),
    );
    const caught: string[] = [];
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const target = rows[m.row];
        const where = 'WHERE id = $1';
        try {
          if (m.kind === 'edit') {
            const change: Record<typeof m.column, string> = {
              payload: `UPDATE audit_events SET payload = payload || '{"tampered": true}' ${where}`,
              event_type: `UPDATE audit_events SET event_type = event_type || '.x' ${where}`,
              actor_label: `UPDATE audit_events SET actor_label = coalesce(actor_label, '') || ' (forged)' ${where}`,
              occurred_at: `UPDATE audit_events SET occurred_at = occurred_at - interval '1 second' ${where}`,
              ai_system_id: `UPDATE audit_events SET ai_system_id = CASE WHEN ai_system_id IS NULL THEN gen_random_uuid() ELSE NULL END ${where}`,
              hash: `UPDATE audit_events SET hash = repeat('b', 64) ${where}`,
            };
            await asSuperuser([[change[m.column], [target.id]]]);
          } else if (m.kind === 'delete') {
            await asSuperuser([['DELETE FROM audit_events WHERE id = $1', [target.id]]]);
          } else {
            // Swap seq n and n+1 through a parking value (the unique key forbids a direct swap).
            await asSuperuser([
              ['UPDATE audit_events SET seq = 1000000 WHERE stream_id = $1 AND seq = $2', [target.stream_id, target.seq]],
              ['UPDATE audit_events SET seq = $2 WHERE stream_id = $1 AND seq = $2 + 1', [target.stream_id, target.seq]],
              ['UPDATE audit_events SET seq = $2 + 1 WHERE stream_id = $1 AND seq = 1000000', [target.stream_id, target.seq]],
            ]);
          }
          const result = await verify();
          // Every hash is recomputed, so an edit (even of the hash itself) is named where it happened;
          // a deletion where the sequence then jumps.
          const expectedSeq = m.kind === 'delete' ? target.seq + 1 : target.seq;
          expect(result.ok).toBe(false);
          expect(result.firstBroken).toMatchObject({ streamId: target.stream_id, seq: expectedSeq });
          expect(typeof result.firstBroken.reason).toBe('string');
          caught.push(m.kind);
        } finally {
          await restore();
        }
      }),
      { numRuns: 60 },
    );
    expect(await verify()).toMatchObject({ ok: true });
    expect(new Set(caught)).toEqual(new Set(['edit', 'delete', 'reorder']));
  });
});
