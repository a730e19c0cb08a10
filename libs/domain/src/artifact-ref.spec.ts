import { artifactDrift, artifactFingerprint, ArtifactRef, CHECKSUM_PATTERN } from './artifact-ref';

const sha = (c: string) => `sha256:${c.repeat(64)}`;
const model: ArtifactRef = { name: 'ranker', version: '3.1', checksum: sha('a') };
const train: ArtifactRef = { name: 'train', version: '2026-10', checksum: sha('b') };
const evalSet: ArtifactRef = { name: 'eval', version: '2026-10', checksum: sha('c') };

describe('artifact references', () => {
  it('accepts sha256, sha384 and sha512 digests in lower-case hex only', () => {
    expect(CHECKSUM_PATTERN.test(sha('a'))).toBe(true);
    expect(CHECKSUM_PATTERN.test(`sha512:${'0'.repeat(128)}`)).toBe(true);
    expect(CHECKSUM_PATTERN.test(`sha256:${'A'.repeat(64)}`)).toBe(false);
    expect(CHECKSUM_PATTERN.test(`md5:${'a'.repeat(32)}`)).toBe(false);
    expect(CHECKSUM_PATTERN.test(`sha256:${'a'.repeat(63)}`)).toBe(false);
  });

  it('compares datasets regardless of order', () => {
    expect(artifactFingerprint(model, [train, evalSet])).toBe(artifactFingerprint(model, [evalSet, train]));
    expect(artifactDrift({ model, datasets: [train, evalSet] }, { model, datasets: [evalSet, train] })).toBeNull();
  });

  it('names the model or the data that changed under the same version label', () => {
    expect(artifactDrift({ model, datasets: [train] }, { model: { ...model, checksum: sha('d') }, datasets: [train] })).toMatchObject({
      field: 'model',
      reason: expect.stringMatching(/ranker 3\.1 .*new version and approval/),
    });
    expect(artifactDrift({ model, datasets: [train] }, { model, datasets: [train, evalSet] })).toMatchObject({ field: 'datasets' });
    expect(artifactDrift({ model: null, datasets: [] }, { model, datasets: [] })).toMatchObject({ field: 'model', reason: expect.stringMatching(/no model reference/) });
  });
});
