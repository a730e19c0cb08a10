import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { GovernancePolicy } from '@aigov/domain/governance-policy.types';
import { parseGovernancePolicy } from '@aigov/domain/governance-policy.parser';

/**
 * Reads and validates the governance policy file (YAML or JSON). Called at process start so
 * that a bad policy stops the process with the offending field named.
 */
export function loadGovernancePolicy(path: string): GovernancePolicy {
  const absolute = resolve(path);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new Error(`governance policy file ${absolute} cannot be read: ${(error as Error).message}`);
  }
  const raw = extname(absolute) === '.json' ? JSON.parse(text) : parseYaml(text);
  try {
    return parseGovernancePolicy(raw);
  } catch (error) {
    throw new Error(`${absolute}: ${(error as Error).message}`);
  }
}
