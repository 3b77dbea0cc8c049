// SQL of the incident tables in the platform schema. Customers appear by id only; tenants by id.
import { Injectable } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { boundSql } from '@app/database';
import type { Keyset as PageKey } from '@app/core';
import type { IncidentDataCategory, Lang } from './incident-texts';

export type IncidentStatus = 'open' | 'notified' | 'followed_up';
export type NoticeKind = 'initial' | 'follow_up';
export type Recipient = 'customer' | 'controller';

export interface IncidentRow {
  id: string;
  title: string;
  whatHappened: Record<Lang, string>;
  occurredAt: Date;
  discoveredAt: Date;
  dataCategories: IncidentDataCategory[];
  status: IncidentStatus;
  createdBy: string;
  createdAt: Date;
  notifiedAt: Date | null;
  countermeasures: Record<Lang, string> | null;
  followedUpAt: Date | null;
}

export interface IncidentTenantRow {
  tenantId: string;
  controllerNotifiedAt: Date | null;
  controllerInformedAt: Date | null;
  followUpSentAt: Date | null;
}

export interface DeliveryCountRow {
  incidentId: string;
  tenantId: string;
  kind: NoticeKind;
  recipient: Recipient;
  queued: number;
  delivered: number;
  failed: number;
}

export interface NewNotification {
  id: string;
  recipient: Recipient;
  customerId: string | null;
}

const INCIDENT_COLUMNS = `
  id, title, json_build_object('fi', what_happened_fi, 'en', what_happened_en) as "whatHappened",
  occurred_at as "occurredAt", discovered_at as "discoveredAt", data_categories as "dataCategories", status,
  created_by as "createdBy", created_at as "createdAt", notified_at as "notifiedAt",
  case when countermeasures_fi is null then null else json_build_object('fi', countermeasures_fi, 'en', countermeasures_en) end as countermeasures,
  followed_up_at as "followedUpAt"`;

// MikroORM has the driver hand timestamps back as text; rows leave this store with Dates.
function withDates<T>(row: T, keys: readonly string[]): T {
  const out = { ...row } as Record<string, unknown>;
  for (const key of keys) if (typeof out[key] === 'string') out[key] = new Date(out[key] as string);
  return out as T;
}
const INCIDENT_DATES = ['occurredAt', 'discoveredAt', 'createdAt', 'notifiedAt', 'followedUpAt'];
const TENANT_DATES = ['controllerNotifiedAt', 'controllerInformedAt', 'followUpSentAt'];

const TENANT_COLUMNS = `tenant_id as "tenantId", controller_notified_at as "controllerNotifiedAt", controller_informed_at as "controllerInformedAt", follow_up_sent_at as "followUpSentAt"`;

@Injectable()
export class IncidentsStore {
  constructor(private readonly orm: MikroORM) {}

  /** Runs `fn` in a platform transaction. */
  transaction<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.orm.em.fork().transactional(fn);
  }

  async insert(tx: EntityManager, incident: Omit<IncidentRow, 'status' | 'createdAt' | 'notifiedAt' | 'countermeasures' | 'followedUpAt'>, tenantIds: string[]): Promise<void> {
    const sql = boundSql(tx);
    await sql(
      `insert into platform.incident (id, title, what_happened_fi, what_happened_en, occurred_at, discovered_at, data_categories, created_by)
       values ($1, $2, $3, $4, $5, $6, $7::text[], $8)`,
      [incident.id, incident.title, incident.whatHappened.fi, incident.whatHappened.en, incident.occurredAt, incident.discoveredAt, incident.dataCategories, incident.createdBy],
    );
    await sql(`insert into platform.incident_tenant (incident_id, tenant_id) select $1, unnest($2::uuid[])`, [incident.id, tenantIds]);
  }

  async find(id: string, tx?: EntityManager): Promise<IncidentRow | null> {
    const [row] = await this.sql(tx)<IncidentRow>(`select ${INCIDENT_COLUMNS} from platform.incident where id = $1${tx ? ' for update' : ''}`, [id]);
    return row ? withDates(row, INCIDENT_DATES) : null;
  }

  async tenants(incidentId: string): Promise<IncidentTenantRow[]> {
    const rows = await this.sql()<IncidentTenantRow>(`select ${TENANT_COLUMNS} from platform.incident_tenant where incident_id = $1`, [incidentId]);
    return rows.map((row) => withDates(row, TENANT_DATES));
  }

  /** The tenant's row of the incident, locked until `tx` ends: notices for one tenant are sent by one call at a time. */
  async lockTenant(tx: EntityManager, incidentId: string, tenantId: string): Promise<IncidentTenantRow> {
    const [row] = await boundSql(tx)<IncidentTenantRow>(`select ${TENANT_COLUMNS} from platform.incident_tenant where incident_id = $1 and tenant_id = $2 for update`, [incidentId, tenantId]);
    return withDates(row, TENANT_DATES);
  }

  async deliveryCounts(incidentIds: string[], tenantId?: string): Promise<DeliveryCountRow[]> {
    return this.sql()<DeliveryCountRow>(
      `select incident_id as "incidentId", tenant_id as "tenantId", kind, recipient, count(*)::int as queued, count(delivered_at)::int as delivered,
              (count(*) filter (where delivered_at is null and error is not null))::int as failed
       from platform.incident_notification where incident_id = any($1::uuid[]) and ($2::uuid is null or tenant_id = $2)
       group by incident_id, tenant_id, kind, recipient`,
      [incidentIds, tenantId ?? null],
    );
  }

  async controllerErrors(incidentId: string): Promise<{ tenantId: string; kind: NoticeKind; error: string }[]> {
    return this.sql()(
      `select tenant_id as "tenantId", kind, error from platform.incident_notification
       where incident_id = $1 and recipient = 'controller' and delivered_at is null and error is not null`,
      [incidentId],
    );
  }

  /** Inserts the notifications not yet recorded (the unique key skips the rest) and returns those inserted. */
  async insertNotifications(tx: EntityManager, incidentId: string, tenantId: string, kind: NoticeKind, rows: NewNotification[]): Promise<NewNotification[]> {
    if (rows.length === 0) return [];
    return boundSql(tx)<NewNotification>(
      `insert into platform.incident_notification (id, incident_id, tenant_id, recipient, customer_id, kind)
       select id, $1, $2, recipient, customer_id, $3 from unnest($4::uuid[], $5::text[], $6::uuid[]) as t(id, recipient, customer_id)
       on conflict do nothing
       returning id, recipient, customer_id as "customerId"`,
      [incidentId, tenantId, kind, rows.map((r) => r.id), rows.map((r) => r.recipient), rows.map((r) => r.customerId)],
    );
  }

  /** The customers who were sent the initial notice: the follow-up goes to them and no one else. */
  async initialRecipients(incidentId: string, tenantId: string): Promise<string[]> {
    const rows = await this.sql()<{ customerId: string }>(
      `select customer_id as "customerId" from platform.incident_notification
       where incident_id = $1 and tenant_id = $2 and kind = 'initial' and recipient = 'customer' order by customer_id`,
      [incidentId, tenantId],
    );
    return rows.map((r) => r.customerId);
  }

  async markTenant(tx: EntityManager, incidentId: string, tenantId: string, column: 'controller_notified_at' | 'follow_up_sent_at'): Promise<void> {
    await boundSql(tx)(`update platform.incident_tenant set ${column} = coalesce(${column}, now()) where incident_id = $1 and tenant_id = $2`, [incidentId, tenantId]);
  }

  async markNotified(incidentId: string): Promise<void> {
    await this.sql()(
      `update platform.incident set notified_at = coalesce(notified_at, now()), status = case when status = 'open' then 'notified' else status end where id = $1`,
      [incidentId],
    );
  }

  async recordFollowUp(tx: EntityManager, incidentId: string, countermeasures: Record<Lang, string>): Promise<void> {
    await boundSql(tx)(
      `update platform.incident set countermeasures_fi = $2, countermeasures_en = $3, followed_up_at = now(), status = 'followed_up' where id = $1`,
      [incidentId, countermeasures.fi, countermeasures.en],
    );
  }

  /**
   * Records how a notification ended; a delivered initial notice to the controller stops that tenant's
   * 72-hour clock. Repeating an outcome changes nothing.
   */
  async recordOutcome(notificationId: string, outcome: { deliveredAt: Date } | { error: string }): Promise<void> {
    const delivered = 'deliveredAt' in outcome ? outcome.deliveredAt : null;
    await this.sql()(
      `with n as (
         update platform.incident_notification
         set delivered_at = coalesce(delivered_at, $2), error = case when $2::timestamptz is null then $3 end
         where id = $1 and delivered_at is null
         returning incident_id, tenant_id, recipient, kind, delivered_at
       )
       update platform.incident_tenant t set controller_informed_at = coalesce(t.controller_informed_at, n.delivered_at)
       from n where t.incident_id = n.incident_id and t.tenant_id = n.tenant_id
         and n.recipient = 'controller' and n.kind = 'initial' and n.delivered_at is not null`,
      [notificationId, delivered, 'error' in outcome ? outcome.error : null],
    );
  }

  /** A page of all incidents, newest first. */
  async page(limit: number, after?: PageKey): Promise<IncidentRow[]> {
    const rows = await this.sql()<IncidentRow>(
      `select ${INCIDENT_COLUMNS} from platform.incident
       where ($1::timestamptz is null or (created_at, id) < ($1, $2::uuid))
       order by created_at desc, id desc limit $3`,
      [after?.at ?? null, after?.id ?? null, limit],
    );
    return rows.map((row) => withDates(row, INCIDENT_DATES));
  }

  /** A page of the incidents that concern one tenant, newest first. */
  async pageForTenant(tenantId: string, limit: number, after?: PageKey): Promise<(IncidentRow & IncidentTenantRow)[]> {
    const rows = await this.sql()<IncidentRow & IncidentTenantRow>(
      `select ${INCIDENT_COLUMNS}, ${TENANT_COLUMNS}
       from platform.incident_tenant t join platform.incident i on i.id = t.incident_id
       where t.tenant_id = $1 and ($2::timestamptz is null or (i.created_at, i.id) < ($2, $3::uuid))
       order by i.created_at desc, i.id desc limit $4`,
      [tenantId, after?.at ?? null, after?.id ?? null, limit],
    );
    return rows.map((row) => withDates(row, [...INCIDENT_DATES, ...TENANT_DATES]));
  }

  private sql(tx?: EntityManager) {
    return boundSql(tx ?? this.orm.em.fork());
  }
}
