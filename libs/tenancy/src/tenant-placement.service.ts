// Where tenants live on a Citus cluster (docs: README, "Running on Citus"): which worker holds a tenant's schema,
// moving a schema to another worker online, and spreading schemas over the workers. On plain PostgreSQL there is one
// node and every method says so (null, or a clear error), so callers need not ask first.
import { Injectable } from '@nestjs/common';
import { NotFoundProblem } from '@app/core';
import { TenancyRepository } from './tenancy.repository';

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

  constructor(private readonly repository: TenancyRepository) {}

  /** Whether the database is a Citus coordinator (the extension is installed): asked once per process. */
  onCitus(): Promise<boolean> {
    this.citus ??= this.repository
      .citusInstalled()
      .catch((error: unknown) => {
        this.citus = undefined; // a database outage must not be remembered as "not Citus"
        throw error;
      });
    return this.citus;
  }

  /** The workers that may hold tenants. */
  async workers(): Promise<CitusNode[]> {
    if (!(await this.onCitus())) return [];
    const rows = await this.repository.workerNodes();
    return rows.map((r) => ({ host: r.nodename, port: r.nodeport }));
  }

  /** The node that holds a schema (`host:port`), or null on plain PostgreSQL or for a schema that is not distributed. */
  async nodeOf(schema: string): Promise<string | null> {
    if (!(await this.onCitus())) return null;
    // Every tenant schema has schema_migrations; all its tables sit together, so one placement tells the node.
    const row = await this.repository.nodeOfSchema(schema);
    return row ? nodeName({ host: row.nodename, port: row.nodeport }) : null;
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
      await this.repository.moveSchema(schema, target.host, target.port);
    }
    return { slug, from, to, ms: Date.now() - started };
  }

  /** Spreads the tenant schemas over the workers (Citus's rebalancer moves whole schemas); returns what moved. */
  async rebalance(): Promise<{ moved: { schema: string; from: string; to: string }[]; ms: number }> {
    if (!(await this.onCitus())) throw new Error('Not a Citus cluster: there is only one node to hold tenants');
    const started = Date.now();
    const before = await this.placements();
    await this.repository.rebalance();
    const after = await this.placements();
    const moved = [...after].filter(([schema, node]) => before.get(schema) !== node).map(([schema, to]) => ({ schema, from: before.get(schema) ?? '', to }));
    return { moved, ms: Date.now() - started };
  }

  /** Every distributed schema and its node. */
  async placements(): Promise<Map<string, string>> {
    const rows = await this.repository.schemaPlacements();
    return new Map(rows.map((r) => [r.schema, nodeName({ host: r.nodename, port: r.nodeport })]));
  }

  private async schemaOf(slug: string): Promise<string> {
    const schema = await this.repository.schemaOfSlug(slug);
    if (!schema) throw new NotFoundProblem('tenant');
    return schema;
  }
}
