/** A model or dataset as deployed: what it is, which version, and a checksum of its bytes. */
export interface ArtifactRef {
  name: string;
  version: string;
  /** `<algorithm>:<hex digest>`, e.g. `sha256:9f86d0…` */
  checksum: string;
}

export const CHECKSUM_PATTERN = /^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$/;

/** The artifacts of one deployment, in a form that compares equal whatever order datasets came in. */
export function artifactFingerprint(model: ArtifactRef | null, datasets: ArtifactRef[]): string {
  const key = (a: ArtifactRef) => `${a.name}\u0000${a.version}\u0000${a.checksum}`;
  return JSON.stringify([model ? key(model) : null, datasets.map(key).sort()]);
}

/**
 * What differs between the artifacts a version was approved and deployed with and the ones now
 * offered under the same version label, or null when they are the same. A different model or
 * dataset is a different system, which needs its own version and approval.
 */
export function artifactDrift(
  approved: { model: ArtifactRef | null; datasets: ArtifactRef[] },
  offered: { model: ArtifactRef | null; datasets: ArtifactRef[] },
): { field: 'model' | 'datasets'; reason: string } | null {
  if (artifactFingerprint(approved.model, []) !== artifactFingerprint(offered.model, [])) {
    const was = approved.model ? `${approved.model.name} ${approved.model.version} (${approved.model.checksum})` : 'no model reference';
    return { field: 'model', reason: `this version was deployed with ${was}; a different model needs a new version and approval` };
  }
  if (artifactFingerprint(null, approved.datasets) !== artifactFingerprint(null, offered.datasets)) {
    const names = approved.datasets.map((d) => `${d.name} ${d.version}`).join(', ') || 'no datasets';
    return { field: 'datasets', reason: `this version was deployed with ${names}; different data needs a new version and approval` };
  }
  return null;
}
