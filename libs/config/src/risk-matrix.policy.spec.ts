import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_RISK_MATRIX } from '@aigov/domain/risk-matrix';
import { loadGovernancePolicy } from './policy-file.loader';

const ROOT = resolve(__dirname, '../../..');

describe('the riskMatrix section of the policy file', () => {
  it('the default policy file spells out the default matrix', () => {
    expect(loadGovernancePolicy(join(ROOT, 'config/governance-policy.yaml')).riskMatrix).toEqual(DEFAULT_RISK_MATRIX);
  });

  it('a policy without the section gets the default matrix', () => {
    expect(loadGovernancePolicy(join(ROOT, 'test/fixtures/policies/e2e-policy.yaml')).riskMatrix).toEqual(DEFAULT_RISK_MATRIX);
  });

  it('a mistake in the section stops the load with the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'risk-matrix-'));
    const file = join(dir, 'policy.json');
    const policy = loadGovernancePolicy(join(ROOT, 'test/fixtures/policies/e2e-policy.yaml'));
    const raw = JSON.parse(JSON.stringify(policy).replace(/\{"kind":"count","count":(\d+),"of":(\d+)\}/g, '"$1 of $2"').replace(/\{"kind":"count","count":(\d+)\}/g, '$1').replace(/\{"kind":"all"\}/g, '"all"'));
    raw.riskMatrix = { bands: [{ rating: 'low', min: 1, max: 4 }, { rating: 'high', min: 6, max: 25 }] };
    writeFileSync(file, JSON.stringify(raw));
    expect(() => loadGovernancePolicy(file)).toThrow(/riskMatrix\.bands\[1\]\.min: must be 5/);
  });
});
