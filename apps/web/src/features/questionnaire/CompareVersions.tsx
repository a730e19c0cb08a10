import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { humanize } from '../../app/format';
import { SelectField } from '../../components/Field';
import { QueryView } from '../../components/QueryView';
import { DiffSummary } from './DiffSummary';
import { diffQuery, type VersionSummary } from './questionnaire-queries';

/** Two versions side by side: the questions and tier rules added, removed and changed. */
export function CompareVersions({ versions }: { versions: VersionSummary[] }) {
  const [a, setA] = useState(versions[1]!.version);
  const [b, setB] = useState(versions[0]!.version);
  const [shown, setShown] = useState<[string, string] | null>(null);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setShown([a, b]);
  }
  return (
    <>
      <form className="panel filters" onSubmit={onSubmit} aria-labelledby="compare-title">
        <h2 id="compare-title" className="filters__title">
          Compare two versions
        </h2>
        <SelectField label="From version" value={a} onChange={(e) => setA(e.target.value)}>
          {versions.map((v) => (
            <option key={v.id} value={v.version}>
              {v.version} ({humanize(v.status)})
            </option>
          ))}
        </SelectField>
        <SelectField label="To version" value={b} onChange={(e) => setB(e.target.value)}>
          {versions.map((v) => (
            <option key={v.id} value={v.version}>
              {v.version} ({humanize(v.status)})
            </option>
          ))}
        </SelectField>
        <div className="filters__submit">
          <button type="submit" className="button button--secondary">
            Compare
          </button>
        </div>
      </form>
      {shown ? <Comparison a={shown[0]} b={shown[1]} /> : null}
    </>
  );
}

function Comparison({ a, b }: { a: string; b: string }) {
  const diff = useQuery(diffQuery(a, b));
  return (
    <section className="panel" aria-labelledby="diff-title">
      <h2 id="diff-title">
        From version {a} to version {b}
      </h2>
      <QueryView query={diff} loading="Comparing…">
        {(data) => <DiffSummary diff={data} />}
      </QueryView>
    </section>
  );
}
