import type { ImplementationStatus, SoaFramework, SoaVersionStatus } from '@aigov/domain/soa';

/** The file formats a version of the Statement of Applicability is exported in. */
export const SOA_EXPORT_FORMATS = ['csv', 'xlsx', 'pdf', 'oscal'] as const;
export type SoaExportFormat = (typeof SOA_EXPORT_FORMATS)[number];

/** The path value that names the draft instead of a published version. */
export const SOA_DRAFT_VERSION = 'draft';

export interface SoaExportPerson {
  id: string;
  name: string;
  email: string;
}

/** One control as every export shows it. */
export interface SoaExportRow {
  framework: SoaFramework;
  ref: string;
  /** our title from the catalog (the frozen one for a published version) */
  title: string;
  /** false only in a draft, for a control nobody has decided yet */
  decided: boolean;
  applicable: boolean | null;
  justification: string | null;
  implementationStatus: ImplementationStatus | null;
  owner: SoaExportPerson | null;
  riskIds: string[];
  evidenceNotes: string | null;
}

/**
 * Everything an export carries, gathered once by the service so the builders stay pure: the
 * version and how it stands, when and by whom it was approved, the SHA-256 of its frozen
 * document (null for a draft), the catalog editions it was decided against, and every control.
 */
export interface SoaExportData {
  /** whose management system and its scope, from the policy file's `organisation` section */
  organisation: { name: string; scope: string };
  versionId: string;
  version: number;
  /** true: the current draft (every file says DRAFT and has no hash) */
  draft: boolean;
  status: SoaVersionStatus;
  /** when the approved version was published (its approval date); null for a draft */
  publishedAt: string | null;
  /** when the content last changed: the publication time, or the draft's last edit */
  lastModified: string;
  /** who approved the publication round, in the order they decided */
  approvers: Array<SoaExportPerson & { decidedAt: string | null }>;
  sha256: string | null;
  catalogs: Array<{ framework: SoaFramework; title: string; edition: string; revision: number }>;
  rows: SoaExportRow[];
}

export const SOA_FRAMEWORK_LABELS: Readonly<Record<SoaFramework, string>> = {
  iso42001: 'ISO/IEC 42001 Annex A',
  iso27001: 'ISO/IEC 27001 Annex A',
};

export const IMPLEMENTATION_STATUS_LABELS: Readonly<Record<ImplementationStatus, string>> = {
  not_started: 'not started',
  planned: 'planned',
  partial: 'partially implemented',
  implemented: 'implemented',
};

export const applicabilityLabel = (row: Pick<SoaExportRow, 'decided' | 'applicable'>): string =>
  !row.decided ? 'undecided' : row.applicable ? 'applicable' : 'excluded';

export const personLabel = (p: Pick<SoaExportPerson, 'name' | 'email'> | null): string => (p ? `${p.name} <${p.email}>` : '');

/** `statement-of-applicability-v3.csv`, `statement-of-applicability-v4-draft.pdf` */
export function soaExportFilename(data: Pick<SoaExportData, 'version' | 'draft'>, extension: string): string {
  return `statement-of-applicability-v${data.version}${data.draft ? '-draft' : ''}.${extension}`;
}
