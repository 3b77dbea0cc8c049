// A plain, semantic table for lists of records: real <th> headers, a caption for screen readers, and on narrow
// screens the less important columns step aside and the rest scroll inside a labelled, focusable region.
// Sortable headers are buttons inside the <th>, which carries aria-sort.
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
  /** The header is a button that sorts by this column (the page asks the server). */
  sortable?: boolean;
}

export interface TableSort {
  column: string;
  direction: 'ascending' | 'descending';
}

export interface DataTableProps<Row> {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  busy?: boolean;
  /** The order the rows are in; with `onSort`, sortable headers become buttons and say their state (aria-sort). */
  sort?: TableSort;
  onSort?: (column: string) => void;
}

export function DataTable<Row>({ caption, columns, rows, rowKey, busy, sort, onSort }: DataTableProps<Row>) {
  return (
    <div className={styles.scroll} role="region" aria-label={caption} tabIndex={0}>
      <table className={styles.table} aria-busy={busy || undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={cellClass(column)}
                aria-sort={column.sortable && onSort ? (sort?.column === column.key ? sort.direction : 'none') : undefined}
              >
                {column.sortable && onSort ? (
                  <button type="button" className={styles.sortButton} onClick={() => onSort(column.key)}>
                    {column.header}
                    <span className={styles.sortMark} aria-hidden="true">
                      {sort?.column !== column.key ? '↕' : sort.direction === 'ascending' ? '↑' : '↓'}
                    </span>
                  </button>
                ) : (
                  column.header
                )}
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
