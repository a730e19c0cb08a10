import { CATALOG_FRAMEWORKS, CatalogControl, CatalogFramework, ControlLibrary, LinkBasis } from './control-catalog.types';

/** One end of a crosswalk link, seen from the control being looked at. */
export interface ControlMapping {
  framework: CatalogFramework;
  ref: string;
  title: string;
  basis: LinkBasis;
  stages: string[];
}

const key = (framework: CatalogFramework, ref: string) => `${framework} ${ref.toLowerCase()}`;

/**
 * Lookups over a validated catalog library: a control by framework and ref (refs repeat across
 * frameworks: A.5.2 is in both 42001 and 27001), text search, and crosswalk links in both
 * directions (a 42001 control's links out; any other control's links in from 42001).
 */
export class ControlCatalogIndex {
  private readonly byKey = new Map<string, CatalogControl>();
  private readonly incoming = new Map<string, ControlMapping[]>();
  private readonly outgoing = new Map<string, ControlMapping[]>();

  constructor(readonly library: ControlLibrary) {
    for (const framework of CATALOG_FRAMEWORKS) {
      for (const control of library.catalogs[framework].controls) this.byKey.set(key(framework, control.ref), control);
    }
    for (const mapping of library.crosswalk.mappings) {
      const from = this.byKey.get(key('iso42001', mapping.ref))!;
      this.outgoing.set(
        key('iso42001', mapping.ref),
        mapping.links.map((l) => ({ framework: l.framework, ref: l.ref, title: this.byKey.get(key(l.framework, l.ref))!.title, basis: l.basis, stages: l.stages })),
      );
      for (const l of mapping.links) {
        const k = key(l.framework, l.ref);
        this.incoming.set(k, [...(this.incoming.get(k) ?? []), { framework: 'iso42001', ref: from.ref, title: from.title, basis: l.basis, stages: l.stages }]);
      }
    }
  }

  /** The control, matching the ref case-insensitively (art-72 or ART-72). */
  find(framework: CatalogFramework, ref: string): CatalogControl | undefined {
    return this.byKey.get(key(framework, ref.trim()));
  }

  /** Crosswalk links of a control: out of a 42001 control, into any other. */
  mappings(control: CatalogControl): ControlMapping[] {
    const k = key(control.framework, control.ref);
    return (control.framework === 'iso42001' ? this.outgoing.get(k) : this.incoming.get(k)) ?? [];
  }

  /**
   * Controls of one framework (or all, in catalog order), whose ref, title or summary contains
   * the text, ignoring case.
   */
  search(framework?: CatalogFramework, text?: string): CatalogControl[] {
    const frameworks = framework ? [framework] : CATALOG_FRAMEWORKS;
    const needle = text?.trim().toLowerCase();
    return frameworks.flatMap((f) =>
      this.library.catalogs[f].controls.filter(
        (c) => !needle || c.ref.toLowerCase().includes(needle) || c.title.toLowerCase().includes(needle) || c.summary.toLowerCase().includes(needle),
      ),
    );
  }

  groupTitle(control: CatalogControl): string {
    return this.library.catalogs[control.framework].groups.find((g) => g.id === control.group)!.title;
  }
}
