// What a tenant schema holds, as a backup carries it: its tables with their stored columns, in foreign-key order.
// BackupConnection.tables() reads them from the catalog; the order is decided here.

export interface TableInfo {
  name: string;
  /** Stored columns in their table order; generated columns are left out. */
  columns: string[];
}

/** Parents before children (Kahn), ties by name so that the order is the same on every run. */
export function inDependencyOrder(tables: TableInfo[], references: { child: string; parent: string }[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const parents = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const { child, parent } of references) if (byName.has(parent)) parents.get(child)?.add(parent);
  const ordered: TableInfo[] = [];
  const remaining = new Set([...byName.keys()].sort());
  while (remaining.size) {
    const ready = [...remaining].find((name) => [...parents.get(name)!].every((p) => !remaining.has(p)));
    // A cycle between tables cannot be ordered; take them by name (PostgreSQL checks each COPY at its end).
    const next = ready ?? [...remaining][0];
    remaining.delete(next);
    ordered.push(byName.get(next)!);
  }
  return ordered;
}
