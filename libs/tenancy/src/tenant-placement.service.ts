// Where tenants live on a Citus cluster (docs: README, "Running on Citus"): which worker holds a tenant's schema,
// moving a schema to another worker online, and spreading schemas over the workers. On plain PostgreSQL there is one
// node and every method says so (null, or a clear error), so callers need not ask first.
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { NotFoundProblem } from '@app/core';
import { assertSchemaName, PG_POOL, quoteIdent } from '@app/database';

export interface CitusNode {
  host: string;
  port: number;
}

export interface TenantMove {
  slug: string;
  from: string;
  to: string;
  ms: number;
}

export const nodeName = (n: CitusNode) => `${n.host}:${n.port}`;

@Injectable()
export class TenantPlacementService {
  private citus?: Promise<boolean>;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Whether the database is a Citus coordinator (the extension is installed): asked once per process. */
  onCitus(): Promise<boolean> {
    this.citus ??= this.pool
      .query<{ citus: boolean }>(`select exists (select 1 from pg_extension where extname = 'citus') as citus`)
      .then((r) => r.rows[0].citus)
      .catch((error: unknown) => {
        this.citus = undefined; // a database outage must not be remembered as "not Citus"
        throw error;
      });
    return this.citus;
  }

  /** The workers that may hold tenants. */
  async workers(): Promise<CitusNode[]> {
    if (!(await this.onCitus())) return [];
    const { rows } = await this.pool.query<{ nodename: string; nodeport: number }>(
      `select nodename, nodeport from pg_dist_node where groupid <> 0 and noderole = 'primary' and isactive and shouldhaveshards order by nodename, nodeport`,
    );
    return rows.map((r) => ({ host: r.nodename, port: r.nodeport }));
  }

  /** The node that holds a schema (`host:port`), or null on plain PostgreSQL or for a schema that is not distributed. */
  async nodeOf(schema: string): Promise<string | null> {
    if (!(await this.onCitus())) return null;
    // Every tenant schema has schema_migrations; all its tables sit together, so one placement tells the node.
    const { rows } = await this.pool.query<{ nodename: string; nodeport: number }>(
      `select n.nodename, n.nodeport
         from pg_dist_shard s join pg_dist_placement p using (shardid) join pg_dist_node n on n.groupid = p.groupid
        where s.logicalrelid = to_regclass($1)
        limit 1`,
      [`${quoteIdent(assertSchemaName(schema))}.schema_migrations`],
    );
    return rows[0] ? nodeName({ host: rows[0].nodename, port: rows[0].nodeport }) : null;
  }

  /**
   * Moves a tenant's schema to another worker with citus_schema_move: logical replication copies the tables while the
   * tenant keeps serving, then writes to the schema wait a moment for the switch (the README says how long).
   */
  async move(slug: string, to: string): Promise<TenantMove> {
    if (!(await this.onCitus())) throw new Error('Not a Citus cluster: there is only one node to hold tenants');
    const schema = await this.schemaOf(slug);
    const target = (await this.workers()).find((w) => nodeName(w) === to);
    if (!target) throw new Error(`No worker ${to}; the workers are: ${(await this.workers()).map(nodeName).join(', ')}`);
    const from = (await this.nodeOf(schema)) ?? 'the coordinator';
    const started = Date.now();
    if (from !== to) {
      // 'auto': logical replication for tables with a replica identity (every tenant table has a primary key).
      await this.pool.query(`select citus_schema_move($1::regnamespace, $2, $3, shard_transfer_mode => 'auto')`, [schema, target.host, target.port]);
    }
    return { slug, from, to, ms: Date.now() - started };
  }

  /** Spreads the tenant schemas over the workers (Citus's rebalancer moves whole schemas); returns what moved. */
  async rebalance(): Promise<{ moved: { schema: string; from: string; to: string }[]; ms: number }> {
    if (!(await this.onCitus())) throw new Error('Not a Citus cluster: there is only one node to hold tenants');
    const started = Date.now();
    const before = await this.placements();
    await this.pool.query(`select citus_rebalance_start(shard_transfer_mode => 'auto')`).catch((error: Error) => {
      if (!/No moves available/i.test(error.message)) throw error;
    });
    await this.pool.query(`select citus_rebalance_wait()`);
    const after = await this.placements();
    const moved = [...after].filter(([schema, node]) => before.get(schema) !== node).map(([schema, to]) => ({ schema, from: before.get(schema) ?? '', to }));
    return { moved, ms: Date.now() - started };
  }

  /** Every distributed schema and its node. */
  async placements(): Promise<Map<string, string>> {
    const { rows } = await this.pool.query<{ schema: string; nodename: string; nodeport: number }>(
      `select distinct on (ds.schemaid) ds.schemaid::regnamespace::text as schema, n.nodename, n.nodeport
         from pg_dist_schema ds
         join pg_dist_partition dp on dp.colocationid = ds.colocationid
         join pg_dist_shard s on s.logicalrelid = dp.logicalrelid
         join pg_dist_placement p on p.shardid = s.shardid
         join pg_dist_node n on n.groupid = p.groupid
        order by ds.schemaid`,
    );
    return new Map(rows.map((r) => [r.schema, nodeName({ host: r.nodename, port: r.nodeport })]));
  }

  private async schemaOf(slug: string): Promise<string> {
    const { rows } = await this.pool.query<{ schema_name: string }>(`select schema_name from platform.tenant where slug = $1`, [slug]);
    if (!rows[0]) throw new NotFoundProblem('tenant');
    return assertSchemaName(rows[0].schema_name);
  }
}
