/** The registry's facts of an event (MLflow's field names), as a definition list; absent fields are left out. */
export function RegistryFacts({ facts }: { facts: Record<string, unknown> }) {
  const tags = facts.tags && typeof facts.tags === 'object' ? Object.entries(facts.tags as Record<string, string>) : [];
  const rows: Array<[string, string | null]> = [
    ['Version', str(facts.version)],
    ['Alias', str(facts.alias)],
    ['Source', str(facts.source)],
    ['Run id', 'run_id' in facts ? (str(facts.run_id) ?? 'none') : null],
    ['Tags', 'tags' in facts ? (tags.length ? tags.map(([k, v]) => `${k}=${v}`).join(', ') : 'none') : null],
    ['Tag', str(facts.key) ? `${str(facts.key)}${'value' in facts ? `=${str(facts.value) ?? ''}` : ' (removed)'}` : null],
    ['Description', 'description' in facts ? (str(facts.description) ?? 'none') : null],
  ];
  return (
    <dl className="facts">
      {rows
        .filter((row): row is [string, string] => row[1] !== null)
        .map(([term, value]) => (
          <div key={term} className="facts__row">
            <dt>{term}</dt>
            <dd className="facts__value">{value}</dd>
          </div>
        ))}
    </dl>
  );
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
