import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  /** column heading; also the label of the value when the table stacks into cards on a phone */
  header: string;
  render: (row: T) => ReactNode;
  align?: 'start' | 'end' | 'center';
  /** the card's title line on a phone (no label shown) */
  primary?: boolean;
  /** spans the whole card on a phone when the table is `compact` */
  wide?: boolean;
  /** extra class on the column's cells (e.g. a minimum width) */
  className?: string;
  /** the heading is for screen readers only (a column of icons): visually hidden, and no label on a phone's card */
  hiddenHeader?: boolean;
}

interface TableProps<T> {
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  caption?: ReactNode;
  empty?: ReactNode;
  rowClassName?: (row: T) => string | undefined;
  /** on a phone, short values sit two to a line */
  compact?: boolean;
}

/** A data table that turns into a list of cards below 640 px. */
export function Table<T>({ columns, rows, rowKey, caption, empty, rowClassName, compact }: TableProps<T>) {
  if (rows.length === 0 && empty) return <p className="muted">{empty}</p>;
  return (
    <div className="table-wrap">
      <table className={compact ? 'table table--stack table--grid' : 'table table--stack'}>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.align ? `align-${c.align}` : undefined}>
                {c.hiddenHeader ? <span className="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)} className={rowClassName?.(row)}>
              {columns.map((c) => (
                <td
                  key={c.key}
                  data-label={c.primary || c.hiddenHeader ? undefined : c.header}
                  className={[c.align ? `align-${c.align}` : '', c.primary ? 'cell--primary' : '', c.wide ? 'cell--wide' : '', c.className ?? ''].filter(Boolean).join(' ') || undefined}
                >
                  <span className="cell__value">{c.render(row)}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
