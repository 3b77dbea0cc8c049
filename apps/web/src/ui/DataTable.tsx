// A plain, semantic table for lists of records: real <th> headers, a caption for screen readers, and on narrow
// screens the less important columns step aside and the rest scroll inside a labelled, focusable region.
import type { ReactNode } from 'react';
import styles from './DataTable.module.css';

export interface Column<Row> {
  key: string;
  header: string;
  cell: (row: Row) => ReactNode;
  /** Hidden below 40rem: the row stays readable at 320 px. */
  secondary?: boolean;
  numeric?: boolean;
  /** Values without spaces (e-mail addresses) that may break at any character. */
  breakAnywhere?: boolean;
}

export interface DataTableProps<Row> {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  busy?: boolean;
}

export function DataTable<Row>({ caption, columns, rows, rowKey, busy }: DataTableProps<Row>) {
  return (
    <div className={styles.scroll} role="region" aria-label={caption} tabIndex={0}>
      <table className={styles.table} aria-busy={busy || undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={cellClass(column)}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.key} className={cellClass(column)}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function cellClass(column: { secondary?: boolean; numeric?: boolean; breakAnywhere?: boolean }): string | undefined {
  return [column.secondary && styles.secondary, column.numeric && styles.numeric, column.breakAnywhere && styles.breakAnywhere].filter(Boolean).join(' ') || undefined;
}
