/**
 * The control catalogs (ISO/IEC 42001 Annex A, ISO/IEC 27001 Annex A, management-system clauses
 * 4-10, EU AI Act articles) and the crosswalk from 42001 to the others, as validated data.
 * Pure types: no Node or Nest, so workflows may use them too.
 */
export const CATALOG_FRAMEWORKS = ['iso42001', 'iso27001', 'clauses', 'eu_ai_act'] as const;
export type CatalogFramework = (typeof CATALOG_FRAMEWORKS)[number];

/** The frameworks a 42001 control links to in the crosswalk. */
export const CROSSWALK_TARGETS = ['iso27001', 'clauses', 'eu_ai_act'] as const;
export type CrosswalkTarget = (typeof CROSSWALK_TARGETS)[number];

/** The file each catalog lives in, inside the catalog directory. */
export const CATALOG_FILES: Readonly<Record<CatalogFramework, string>> = {
  iso42001: 'iso42001.json',
  iso27001: 'iso27001.json',
  clauses: 'clauses.json',
  eu_ai_act: 'eu-ai-act.json',
};
export const CROSSWALK_FILE = 'crosswalk.json';

/**
 * How well a crosswalk link is supported: a consulted source states it, it is evident from the
 * official titles, or it is our own reasoning (to be confirmed before audit-facing use).
 */
export const LINK_BASES = ['source-stated', 'title-evident', 'own-reasoning'] as const;
export type LinkBasis = (typeof LINK_BASES)[number];

/** The standards the shared clauses belong to (42001-only items name only iso42001). */
export const CLAUSE_STANDARDS = ['iso42001', 'iso27001'] as const;
export type ClauseStandard = (typeof CLAUSE_STANDARDS)[number];

/** Who an EU AI Act article binds. */
export const AI_ACT_ROLES = ['provider', 'deployer'] as const;
export type AiActRole = (typeof AI_ACT_ROLES)[number];

export interface CatalogGroup {
  id: string;
  title: string;
}

export interface CatalogControl {
  framework: CatalogFramework;
  /** the standard's identifier: A.6.2.6, A.5.2, 9.3, art-72 */
  ref: string;
  title: string;
  summary: string;
  /** the objective group (42001), theme (27001), top-level clause or chapter (AI Act) */
  group: string;
  /** clauses: the enclosing clause (null for 4-10 themselves) */
  parent?: string | null;
  /** clauses: the standards that have it */
  appliesTo?: ClauseStandard[];
  /** EU AI Act: who the article binds */
  binds?: AiActRole[];
  bindsNote?: string;
  /** ISO/IEC 27001: introduced by the 2022 edition */
  newIn2022?: boolean;
}

export interface ControlCatalog {
  framework: CatalogFramework;
  title: string;
  /** the edition of the standard or regulation: "2023", "2022", "2024/1689" */
  version: string;
  /** our revision of the catalog file; raise it with every change */
  revision: number;
  groups: CatalogGroup[];
  controls: CatalogControl[];
}

export interface CrosswalkLink {
  framework: CrosswalkTarget;
  ref: string;
  basis: LinkBasis;
  /** the lifecycle stages or PDCA activities whose evidence both ends share */
  stages: string[];
}

export interface CrosswalkMapping {
  /** a 42001 Annex A control */
  ref: string;
  links: CrosswalkLink[];
}

export interface Crosswalk {
  title: string;
  from: 'iso42001';
  revision: number;
  /** the catalog versions the crosswalk was written against */
  catalogs: Record<CatalogFramework, string>;
  mappings: CrosswalkMapping[];
}

export interface ControlLibrary {
  catalogs: Record<CatalogFramework, ControlCatalog>;
  crosswalk: Crosswalk;
}

/** A catalog file is refused: names the file, the field path and the reason. */
export class CatalogValidationError extends Error {
  override readonly name = 'CatalogValidationError';
  constructor(
    readonly file: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`invalid control catalog ${file}: ${field || '(root)'}: ${reason}`);
  }
}
