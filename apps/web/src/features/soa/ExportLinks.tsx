import { EXPORT_FORMATS, exportHref } from './soa-queries';

/** Download links of one version (or the draft) in the four formats; plain links, so the browser downloads with the session cookie. */
export function ExportLinks({ version, label }: { version: number | 'draft'; label: string }) {
  return (
    <div className="export-links">
      <p className="export-links__label">{label}</p>
      <ul className="link-row">
        {EXPORT_FORMATS.map(({ format, label: name }) => (
          <li key={format}>
            <a className="button button--secondary button--small" href={exportHref(version, format)} download aria-label={`${label}: download as ${name}`}>
              {name}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
