import { ScratchDatabase, startScratchDatabase } from '@aigov/scripts/scratch-database';

export type TestDatabase = ScratchDatabase;

/**
 * A fresh, migrated database for one test run or harness: on TEST_DATABASE_URL's server, else
 * the local server on 127.0.0.1:5432, else an embedded one (scripts/scratch-database.ts).
 */
export function startTestDatabase(): Promise<TestDatabase> {
  return startScratchDatabase('aigov_test');
}
