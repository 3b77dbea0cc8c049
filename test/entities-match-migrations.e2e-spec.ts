// Every entity the ORM maps agrees with the tables the migrations make: a property the migrations never added (or
// a nullability or type that drifted) would otherwise fail only when a request first touches it.
// MikroORM's own diff (orm.schema.getUpdateSchemaSQL) is not used: on a freshly migrated tenant schema it asks for
// 232 lines of changes while nothing is wrong (text columns to varchar(255), identity keys re-added as bigserial,
// every check constraint, foreign key and partial index the migrations write by hand dropped). Checked instead: the
// table exists, every mapped column exists, its type family and its nullability agree.
import { ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import { ENTITIES } from '@app/entities';
import { TestContext, type TestTenant } from '@app/testing';

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
}

/** The family of a PostgreSQL type, by its udt name (information_schema) or the ORM's column type. */
export function typeFamily(type: string): string {
  const t = type.toLowerCase().replace(/\(.*\)/, '').trim();
  if (t.endsWith('[]') || t.startsWith('_')) return `array of ${typeFamily(t.replace(/\[\]$/, '').replace(/^_/, ''))}`;
  if (['text', 'varchar', 'character varying', 'char', 'character', 'bpchar', 'citext'].includes(t)) return 'text';
  if (['int', 'int2', 'int4', 'int8', 'integer', 'smallint', 'bigint', 'serial', 'bigserial'].includes(t)) return 'integer';
  if (['numeric', 'decimal'].includes(t)) return 'numeric';
  if (['timestamptz', 'timestamp with time zone', 'timestamp', 'timestamp without time zone'].includes(t)) return t.includes('without') || t === 'timestamp' ? 'timestamp (no zone)' : 'timestamptz';
  if (['bool', 'boolean'].includes(t)) return 'boolean';
  if (['json', 'jsonb'].includes(t)) return 'json';
  return t;
}

/** The columns an entity's property stores: scalars, and the foreign keys of the owning side of a relation. */
function storedProperties(meta: EntityMetadata): EntityProperty[] {
  return meta.props.filter(
    (prop) => prop.persist !== false && !prop.formula && (prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)),
  );
}

/** What differs between the ORM's metadata and the columns of one schema, as readable lines (empty when they agree). */
export function entityDrift(metas: EntityMetadata[], columns: ColumnRow[]): string[] {
  const drift: string[] = [];
  for (const meta of metas) {
    const table = columns.filter((c) => c.table_name === meta.tableName);
    if (!table.length) {
      drift.push(`${meta.className}: no table ${meta.tableName}`);
      continue;
    }
    for (const prop of storedProperties(meta)) {
      prop.fieldNames.forEach((field, i) => {
        const column = table.find((c) => c.column_name === field);
        if (!column) return void drift.push(`${meta.className}.${prop.name}: no column ${meta.tableName}.${field}`);
        const mapped = typeFamily(prop.columnTypes[i]);
        const actual = typeFamily(column.data_type === 'ARRAY' || column.data_type === 'USER-DEFINED' ? column.udt_name : column.data_type);
        if (mapped !== actual) drift.push(`${meta.className}.${prop.name}: mapped as ${mapped}, the column is ${actual}`);
        const nullable = column.is_nullable === 'YES';
        if (!!prop.nullable !== nullable) drift.push(`${meta.className}.${prop.name}: mapped ${prop.nullable ? 'nullable' : 'not null'}, the column is ${nullable ? 'nullable' : 'not null'}`);
      });
    }
  }
  return drift;
}

describe('entities match the migrations', () => {
  let ctx: TestContext;
  let tenant: TestTenant;

  beforeAll(async () => {
    ctx = await TestContext.create();
    tenant = await ctx.newTenant();
  });

  afterAll(() => ctx?.close());

  const columnsOf = (schema: string) =>
    ctx.sql<ColumnRow>(`select table_name, column_name, data_type, udt_name, is_nullable from information_schema.columns where table_schema = ?`, [schema]);

  /** The entities the ORM maps into the platform schema, or into every tenant's schema ('*'). */
  function entitiesIn(schema: 'platform' | '*'): EntityMetadata[] {
    return [...ctx.orm.getMetadata().getAll().values()].filter((meta) => !meta.embeddable && !meta.virtual && !meta.abstract && meta.schema === schema);
  }

  it('maps every entity of @app/entities to a schema this test checks', () => {
    const checked = [...entitiesIn('platform'), ...entitiesIn('*')].map((meta) => meta.className).sort();
    const listed = ENTITIES.map((entity) => entity.meta.className).sort();
    expect(checked).toEqual(listed);
  });

  it('platform entities agree with the platform schema', async () => {
    expect(entityDrift(entitiesIn('platform'), await columnsOf('platform'))).toEqual([]);
  });

  it("tenant entities agree with a freshly migrated tenant's schema", async () => {
    expect(entityDrift(entitiesIn('*'), await columnsOf(tenant.schema))).toEqual([]);
  });

  it('reports a property the migrations never added, and a nullability that drifted', () => {
    const meta = entitiesIn('*').find((m) => m.tableName === 'customer')!;
    const columns: ColumnRow[] = storedProperties(meta).map((prop) => ({ table_name: 'customer', column_name: prop.fieldNames[0], data_type: prop.columnTypes[0], udt_name: prop.columnTypes[0], is_nullable: prop.nullable ? 'YES' : 'NO' }));
    expect(entityDrift([meta], columns)).toEqual([]);
    const withoutEmail = columns.filter((c) => c.column_name !== 'email').map((c) => (c.column_name === 'phone' ? { ...c, is_nullable: 'NO' as const } : c));
    expect(entityDrift([meta], withoutEmail)).toEqual(['Customer.email: no column customer.email', 'Customer.phone: mapped nullable, the column is not null']);
  });
});
