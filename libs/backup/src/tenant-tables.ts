// What a tenant schema holds, read from the catalog: its tables in foreign-key order with the columns a backup
// carries (generated ones are computed again on restore), and the sequences behind identity columns.
// Read from the catalog rather than listed by hand, so a table added by a later migration is backed up too.
import type { ClientBase } from 'pg';
import { quoteIdent } from '@app/database';

export interface TableInfo {
  name: string;
  /** Stored columns in their table order; generated columns are left out. */
  columns: string[];
}

/** The migrator's own bookkeeping: recreated by migrating, never copied. */
const MIGRATIONS_TABLE = 'schema_migrations';

export async function tenantTables(client: ClientBase, schema: string): Promise<TableInfo[]> {
  const { rows: tables } = await client.query<TableInfo>(
    `select c.relname as name,
            coalesce(array_agg(a.attname::text order by a.attnum) filter (where a.attnum > 0 and not a.attisdropped and a.attgenerated = ''), '{}') as columns
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid
      where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition and c.relname <> $2
      group by c.relname`,
    [schema, MIGRATIONS_TABLE],
  );
  const { rows: references } = await client.query<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent
       from pg_constraint k
       join pg_class c on c.oid = k.conrelid
       join pg_class p on p.oid = k.confrelid
       join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = $1 and p.relnamespace = c.relnamespace and k.conrelid <> k.confrelid`,
    [schema],
  );
  return inDependencyOrder(tables, references);
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

/** Moves every sequence owned by a column (identity or serial) past the largest value now in that column. */
export async function resetSequences(client: ClientBase, schema: string): Promise<void> {
  const { rows } = await client.query<{ sequence: string; table: string; column: string }>(
    `select format('%I.%I', n.nspname, s.relname) as sequence, t.relname as table, a.attname as column
       from pg_class s
       join pg_namespace n on n.oid = s.relnamespace
       join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = s.oid and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
       join pg_class t on t.oid = d.refobjid
       join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
      where s.relkind = 'S' and n.nspname = $1`,
    [schema],
  );
  for (const { sequence, table, column } of rows) {
    const col = quoteIdent(column);
    // Two statements, not `select setval(...) from table`: on a Citus cluster that one would run on the tenant's
    // worker and move the worker's copy of the sequence, while inserts take their ids from the coordinator's.
    const { rows: next } = await client.query<{ next: string }>(`select coalesce(max(${col}), 0) + 1 as next from ${quoteIdent(schema)}.${quoteIdent(table)}`);
    await client.query(`select setval($1::regclass, $2, false)`, [sequence, next[0].next]);
  }
}
