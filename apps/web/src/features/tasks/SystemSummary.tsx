import { humanize } from '../../app/format';
import type { AiSystemDetail } from './task-queries';

/** What the system is and does: the registration an approver decides on. */
export function SystemSummary({ system }: { system: AiSystemDetail }) {
  const rows: Array<[string, string]> = [
    ['Purpose', system.purpose],
    ['Intended use', system.intendedUse],
    ['Business unit', system.businessUnit],
    ['Stage', humanize(system.stage)],
    ['Model type', system.modelType],
    ['Built by', system.vendorType === 'third_party' ? `Third party${system.vendorName ? `: ${system.vendorName}` : ''}` : 'In house'],
    ['Deployed in', system.deploymentContext],
    ['Autonomy', humanize(system.autonomyLevel)],
    ['Affected people', list(system.affectedStakeholders)],
    ['Data sources', list(system.dataSources)],
    ['Data categories', list(system.dataCategories)],
    ['Personal data', system.personalData ? (system.specialCategoryData ? 'Yes, including special categories' : 'Yes') : 'No'],
    ['Version', system.currentVersion ?? 'none deployed yet'],
    ['Registered model (MLflow)', system.registeredModelName ?? 'none named'],
  ];
  return (
    <section aria-labelledby="system-title" className="panel">
      <h2 id="system-title">{system.name}</h2>
      <dl className="facts">
        {rows.map(([term, value]) => (
          <div key={term} className="facts__row">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function list(values: string[]): string {
  return values.length ? values.join(', ') : 'none';
}
