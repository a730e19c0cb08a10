import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { FilterBar, SearchFilter, SelectFilter } from '../../components/FilterBar';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { Pager } from '../../components/Pager';
import { useFilters } from '../management-system/search-params';
import { ControlsNav } from './ControlsNav';
import { CATALOG_FRAMEWORKS, controlPath, controlsQuery, frameworkLabel, type CatalogFramework } from './control-queries';
import '../management-system/management-system.css';

/** /controls/catalog: the four catalogs (42001, 27001, clauses 4-10, EU AI Act), searched by ref, title and summary. */
export default function ControlCatalogPage() {
  useDocumentTitle('Control catalog');
  const { values, page, set } = useFilters(['framework', 'q'] as const);
  const framework = CATALOG_FRAMEWORKS.some((f) => f.value === values.framework) ? (values.framework as CatalogFramework) : undefined;
  const q = values.q.trim();
  const controls = useQuery(controlsQuery({ page, ...(framework ? { framework } : {}), ...(q ? { q } : {}) }));
  return (
    <section className="page ms-page" aria-labelledby="catalog-title">
      <h1 id="catalog-title">Control catalog</h1>
      <ControlsNav />
      <FilterBar label="Search the catalog">
        <SelectFilter label="Framework" value={values.framework} onChange={(v) => set('framework', v)} options={CATALOG_FRAMEWORKS} anyLabel="All four" />
        <SearchFilter value={values.q} onChange={(v) => set('q', v)} placeholder="logging, A.5.2, art-72…" />
      </FilterBar>
      {controls.isPending ? (
        <LoadingState label="Searching the catalog…" />
      ) : controls.isError ? (
        <ErrorState error={controls.error} onRetry={() => void controls.refetch()} />
      ) : controls.data.items.length === 0 ? (
        <EmptyState title="No control matches">
          <p>Search by ref (A.6.2.6), a word of the title or the summary.</p>
        </EmptyState>
      ) : (
        <>
          <p className="panel__meta" aria-live="polite">
            {controls.data.total === 1 ? 'One control' : `${controls.data.total} controls`}
          </p>
          <ul className="card-list">
            {controls.data.items.map((c) => (
              <li key={`${c.framework} ${c.ref}`} className="card">
                <p className="card__kind">
                  {frameworkLabel(c.framework)} · {c.groupTitle}
                </p>
                <h2 className="card__title">
                  <Link to={controlPath(c.framework, c.ref)}>
                    {c.ref} {c.title}
                  </Link>
                </h2>
                <p>{c.summary}</p>
              </li>
            ))}
          </ul>
          <Pager page={page} pageSize={controls.data.pageSize} total={controls.data.total} onPage={(p) => set('page', p)} label="Catalog" />
        </>
      )}
    </section>
  );
}
