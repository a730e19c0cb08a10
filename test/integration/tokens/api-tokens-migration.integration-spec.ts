import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource } from '@aigov/persistence/data-source.factory';
import { startTestDatabase, TestDatabase } from '../../setup/database.setup';

const MIGRATION = 'ApiTokens1764502100000';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Upgrading keeps every existing token working: the one token each person had (users.token_hash)
 * moves to api_tokens as "initial token", expiring 90 days after the migration; a deactivated
 * person's token moves over revoked. Down again, each person gets their newest live token back.
 */
describe('migration ApiTokens1764502100000', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await startTestDatabase();
    dataSource = await createDataSource(db.url).initialize();
  });
  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.stop();
  });

  const applied = async () => ((await dataSource.query('SELECT name FROM schema_migrations')) as Array<{ name: string }>).map((r) => r.name);

  it('moves existing tokens over, still valid, with a 90-day expiry', async () => {
    // back to the schema before this migration (and any later ones)
    while ((await applied()).includes(MIGRATION)) await dataSource.undoLastMigration({ transaction: 'each' });
    const active = { id: randomUUID(), secret: `aigov_${randomBytes(32).toString('base64url')}` };
    const gone = { id: randomUUID(), secret: `aigov_${randomBytes(32).toString('base64url')}` };
    for (const [u, isActive] of [[active, true], [gone, false]] as const) {
      await dataSource.query(`INSERT INTO users (id, email, name, roles, token_hash, active, created_at) VALUES ($1, $2, 'Old', '{approver}', $3, $4, now() - interval '400 days')`, [
        u.id,
        `${u.id}@example.test`,
        sha256(u.secret),
        isActive,
      ]);
    }

    await dataSource.runMigrations({ transaction: 'each' });
    expect(await applied()).toContain(MIGRATION);
    const rows: Array<{ user_id: string; name: string; token_hash: string; expires_at: Date; revoked_reason: string | null; prefix: string | null }> = await dataSource.query(
      'SELECT user_id, name, token_hash, expires_at, revoked_reason, prefix FROM api_tokens WHERE user_id = ANY($1) ORDER BY user_id = $2 DESC',
      [[active.id, gone.id], active.id],
    );
    expect(rows.map((r) => [r.user_id, r.name, r.token_hash, r.revoked_reason, r.prefix])).toEqual([
      [active.id, 'initial token', sha256(active.secret), null, null],
      [gone.id, 'initial token', sha256(gone.secret), 'deactivated', null],
    ]);
    const [{ now }] = await dataSource.query('SELECT now() AS now');
    expect(Math.abs(rows[0].expires_at.getTime() - (now.getTime() + 90 * 24 * 3600_000))).toBeLessThan(60_000);
    const columns = await dataSource.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'token_hash'`);
    expect(columns).toHaveLength(0);

    // and down: the live token is the person's one token again
    while ((await applied()).includes(MIGRATION)) await dataSource.undoLastMigration({ transaction: 'each' });
    const [back] = await dataSource.query('SELECT token_hash FROM users WHERE id = $1', [active.id]);
    expect(back.token_hash).toBe(sha256(active.secret));
    await dataSource.runMigrations({ transaction: 'each' });
  });
});
