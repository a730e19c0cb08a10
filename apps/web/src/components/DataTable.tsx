import { Fragment, type Key, type ReactNode } from 'react';
import { TableScroll } from './TableScroll';

/** One column of a DataTable: its header and what each row shows in it. */
export interface Column<T> {
  header: string;
  /** a header only screen readers need (a column of buttons) */
  hideHeader?: boolean;
  /** this column's cell names the row (`<th scope="row">`), as the first one usually does */
  rowHeader?: boolean;
  className?: string;
  cell: (row: T) => ReactNode;
}

/**
 * A table of rows under column headers, named by `label` (its caption, read by screen readers,
 * and the region it scrolls in: sideways on a phone rather than widening the page). A column
 * given as `false` is left out (an actions column for those who may act). `details`, when it
 * returns something for a row, is a full-width row under it (a form opened from that row).
 */
export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
  className = 'ms-table',
  details,
}: {
  label: string;
  columns: ReadonlyArray<Column<T> | false>;
  rows: readonly T[];
  rowKey: (row: T) => Key;
  className?: string;
  details?: (row: T) => ReactNode;
}) {
  const shown = columns.filter((c): c is Column<T> => c !== false);
  return (
    <TableScroll label={label}>
      <table className={className}>
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            {shown.map((c) => (
              <th key={c.header} scope="col">
                {c.hideHeader ? <span className="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const more = details?.(row);
            return (
              <Fragment key={rowKey(row)}>
                <tr>
                  {shown.map((c) =>
                    c.rowHeader ? (
                      <th key={c.header} scope="row" className={c.className}>
                        {c.cell(row)}
                      </th>
                    ) : (
                      <td key={c.header} className={c.className}>
                        {c.cell(row)}
                      </td>
                    ),
                  )}
                </tr>
                {more ? (
                  <tr>
                    <td colSpan={shown.length}>{more}</td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
