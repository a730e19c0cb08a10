import { Inject, Injectable } from '@nestjs/common';
import { CONTROL_CATALOG } from '@aigov/config/control-catalog.loader';
import type { ControlCatalogIndex } from '@aigov/domain/catalog/control-catalog.index';
import { CATALOG_FRAMEWORKS, CatalogFramework } from '@aigov/domain/catalog/control-catalog.types';
import { notFound } from '../common/api-error';
import type { Page } from '../common/pagination';
import type { ListControlsQuery } from './control.dto';
import { CatalogListView, ControlDetailView, ControlView, toCatalogSummaryView, toControlMappingView, toControlView } from './control.view';

/**
 * Reads the control catalogs and the crosswalk, validated at start. Nothing here touches the
 * database: the catalog is versioned data shipped with the release.
 */
@Injectable()
export class ControlsService {
  constructor(@Inject(CONTROL_CATALOG) private readonly index: ControlCatalogIndex) {}

  catalogs(): CatalogListView {
    return {
      catalogs: CATALOG_FRAMEWORKS.map((f) => toCatalogSummaryView(this.index.library.catalogs[f])),
      crosswalkRevision: this.index.library.crosswalk.revision,
    };
  }

  list(q: ListControlsQuery): Page<ControlView> {
    const matches = this.index.search(q.framework as CatalogFramework | undefined, q.q);
    const start = (q.page - 1) * q.pageSize;
    return { items: matches.slice(start, start + q.pageSize).map((c) => toControlView(c, this.index)), page: q.page, pageSize: q.pageSize, total: matches.length };
  }

  detail(framework: string, ref: string): ControlDetailView {
    if (!(CATALOG_FRAMEWORKS as readonly string[]).includes(framework)) {
      throw notFound(`no catalog '${framework}' (catalogs: ${CATALOG_FRAMEWORKS.join(', ')})`, 'framework');
    }
    const control = this.index.find(framework as CatalogFramework, ref);
    if (!control) throw notFound(`no control '${ref}' in ${framework}`, 'ref');
    const catalog = this.index.library.catalogs[control.framework];
    return {
      ...toControlView(control, this.index),
      catalogVersion: catalog.version,
      catalogRevision: catalog.revision,
      crosswalkRevision: this.index.library.crosswalk.revision,
      mappings: this.index.mappings(control).map(toControlMappingView),
    };
  }
}
