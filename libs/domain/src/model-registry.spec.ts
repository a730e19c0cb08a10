import { proposedVersionLabel } from './model-registry';

describe('model registry', () => {
  it("labels a change proposed from a registry version '<model>-v<version>', within the version label's characters", () => {
    const label = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$/;
    expect(proposedVersionLabel('fraud-scoring', '7')).toBe('fraud-scoring-v7');
    expect(proposedVersionLabel('Fraud Scoring (EU)', '12')).toBe('Fraud-Scoring-EU-v12');
    expect(proposedVersionLabel('--ünïcödé--', '3')).toBe('n-c-d-v3');
    expect(proposedVersionLabel('日本語', '3')).toBe('v3');
    for (const name of ['x'.repeat(200), '.hidden', 'a/b/c', '日本語']) expect(proposedVersionLabel(name, '9999999999')).toMatch(label);
  });
});
