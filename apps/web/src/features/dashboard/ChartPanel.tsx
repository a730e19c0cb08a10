import { useId, type ReactNode } from 'react';

export interface FigureTable {
  caption: string;
  columns: string[];
  rows: Array<{ key: string; cells: ReactNode[] }>;
}

/**
 * A dashboard panel: a heading, the chart, what it shows in a sentence, and its figures as a
 * table. The table is visually hidden (the chart shows the same) and read by screen readers in
 * place of the canvas.
 */
export function ChartPanel({ title, note, table, children, className }: { title: string; note?: ReactNode; table?: FigureTable; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section className={`panel dashboard__panel ${className ?? ''}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {note ? <p className="panel__meta">{note}</p> : null}
      {children}
      {table ? <FiguresTable table={table} /> : null}
    </section>
  );
}

export function FiguresTable({ table, visible = false }: { table: FigureTable; visible?: boolean }) {
  // Hidden, the table sits in a clipped box: a table is never narrower than its content, so on
  // its own it would widen the page on a phone.
  if (!visible) {
    return (
      <div className="visually-hidden">
        <FiguresTable table={table} visible />
      </div>
    );
  }
  return (
    <table className="figures">
      <caption>{table.caption}</caption>
      <thead>
        <tr>
          {table.columns.map((column, i) => (
            <th key={column} scope="col" className={i ? 'figures__number' : undefined}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i} className="figures__number">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
