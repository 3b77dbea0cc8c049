// SQL of the incident tables in the platform schema. Customers appear by id only; tenants by id.
// No tenant is bound to these tables: a platform transaction is opened here (`transaction`) and travels in the
// context's one slot (DatabaseContext), so the service never hands an EntityManager to the methods below, nor to the
// outbox, which finds the same transaction there.
import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { boundSql, DatabaseContext, withDates } from '@app/database';
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

/** Whom a notice goes to: every customer, those registered in a period, the ones named, or (follow-ups) those sent an initial notice. */
export interface RecipientSelection {
  mode: 'all' | 'criteria' | 'list' | 'notified';
  registeredAfter?: string;
  registeredBefore?: string;
  customerIds?: string[];
}

export type NoticeStatus = 'draft' | 'pending_approval' | 'approved' | 'rejected' | 'sent';

export interface NoticeRow {
  id: string;
  incidentId: string;
  tenantId: string;
  kind: NoticeKind;
  status: NoticeStatus;
  text: Record<Lang, string>;
  selection: RecipientSelection;
  recipientIds: string[] | null;
  createdBy: string;
  createdAt: Date;
  submittedAt: Date | null;
  approvalDueAt: Date | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  rejectionReason: string | null;
  sentAt: Date | null;
  sendJustification: string | null;
  version: number;
}

type NoticeColumn = 'status' | 'text_fi' | 'text_en' | 'selection' | 'recipient_ids' | 'submitted_by' | 'submitted_at' | 'approval_due_at' | 'decided_by' | 'decided_at' | 'rejection_reason' | 'sent_by' | 'sent_at' | 'send_justification';

const NOTICE_COLUMNS = `
  id, incident_id as "incidentId", tenant_id as "tenantId", kind, status, json_build_object('fi', text_fi, 'en', text_en) as text, selection,
  recipient_ids as "recipientIds", created_by as "createdBy", created_at as "createdAt", submitted_at as "submittedAt", approval_due_at as "approvalDueAt",
  decided_by as "decidedBy", decided_at as "decidedAt", rejection_reason as "rejectionReason", sent_at as "sentAt", send_justification as "sendJustification", version`;
const NOTICE_DATES = ['createdAt', 'submittedAt', 'approvalDueAt', 'decidedAt', 'sentAt'];

export interface DeliveryRow {
  noticeId: string;
  customerId: string;
  queuedAt: Date;
  deliveredAt: Date | null;
  error: string | null;
}

export interface IncidentEventRow {
  id: string;
  incidentId: string;
  tenantId: string | null;
  noticeId: string | null;
  actor: string;
  actorName: string;
  action: string;
  detail: string | null;
  occurredAt: Date;
}

const INCIDENT_COLUMNS = `
  id, title, json_build_object('fi', what_happened_fi, 'en', what_happened_en) as "whatHappened",
  occurred_at as "occurredAt", discovered_at as "discoveredAt", data_categories as "dataCategories", status,
  created_by as "createdBy", created_at as "createdAt", notified_at as "notifiedAt",
  case when countermeasures_fi is null then null else json_build_object('fi', countermeasures_fi, 'en', countermeasures_en) end as countermeasures,
  followed_up_at as "followedUpAt"`;

// MikroORM has the driver hand timestamps back as text; rows leave this store with Dates (withDates).
const INCIDENT_DATES = ['occurredAt', 'discoveredAt', 'createdAt', 'notifiedAt', 'followedUpAt'];
const TENANT_DATES = ['controllerNotifiedAt', 'controllerInformedAt', 'followUpSentAt'];

const TENANT_COLUMNS = `tenant_id as "tenantId", controller_notified_at as "controllerNotifiedAt", controller_informed_at as "controllerInformedAt", follow_up_sent_at as "followUpSentAt"`;

@Injectable()
export class IncidentsRepository {
  constructor(
    private readonly orm: MikroORM,
    private readonly database: DatabaseContext,
  ) {}

  /**
   * Runs `fn` in a platform transaction (joining the open one, a tenant's too): the methods below that write or lock
   * run in it, and so does the outbox (OutboxService finds it in the context).
   */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.database.transaction(fn);
  }

  async insert(incident: Omit<IncidentRow, 'status' | 'createdAt' | 'notifiedAt' | 'countermeasures' | 'followedUpAt'>, tenantIds: string[]): Promise<void> {
    const sql = this.tx();
    await sql(
      `insert into platform.incident (id, title, what_happened_fi, what_happened_en, occurred_at, discovered_at, data_categories, created_by)
       values ($1, $2, $3, $4, $5, $6, $7::text[], $8)`,
      [incident.id, incident.title, incident.whatHappened.fi, incident.whatHappened.en, incident.occurredAt, incident.discoveredAt, incident.dataCategories, incident.createdBy],
    );
    await sql(`insert into platform.incident_tenant (incident_id, tenant_id) select $1, unnest($2::uuid[])`, [incident.id, tenantIds]);
  }

  async find(id: string): Promise<IncidentRow | null> {
    const [row] = await this.sql()<IncidentRow>(`select ${INCIDENT_COLUMNS} from platform.incident where id = $1`, [id]);
    return row ? withDates(row, INCIDENT_DATES) : null;
  }

  async tenants(incidentId: string): Promise<IncidentTenantRow[]> {
    const rows = await this.sql()<IncidentTenantRow>(`select ${TENANT_COLUMNS} from platform.incident_tenant where incident_id = $1`, [incidentId]);
    return rows.map((row) => withDates(row, TENANT_DATES));
  }

  /** The tenant's row of the incident, locked until the transaction ends: notices for one tenant are sent by one call at a time. */
  async lockTenant(incidentId: string, tenantId: string): Promise<IncidentTenantRow> {
    const [row] = await this.tx()<IncidentTenantRow>(`select ${TENANT_COLUMNS} from platform.incident_tenant where incident_id = $1 and tenant_id = $2 for update`, [incidentId, tenantId]);
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

  /** Inserts the notifications not yet recorded (the unique keys skip the rest) and returns those inserted. */
  async insertNotifications(incidentId: string, tenantId: string, kind: NoticeKind, noticeId: string | null, rows: NewNotification[]): Promise<NewNotification[]> {
    if (rows.length === 0) return [];
    return this.tx()<NewNotification>(
      `insert into platform.incident_notification (id, incident_id, tenant_id, recipient, customer_id, kind, notice_id)
       select id, $1, $2, recipient, customer_id, $3, $7 from unnest($4::uuid[], $5::text[], $6::uuid[]) as t(id, recipient, customer_id)
       on conflict do nothing
       returning id, recipient, customer_id as "customerId"`,
      [incidentId, tenantId, kind, rows.map((r) => r.id), rows.map((r) => r.recipient), rows.map((r) => r.customerId), noticeId],
    );
  }

  /** The customers of the tenant who were sent an initial notice of the incident: a follow-up's default audience. */
  async initialRecipients(incidentId: string, tenantId: string): Promise<string[]> {
    const rows = await this.sql()<{ customerId: string }>(
      `select distinct customer_id as "customerId" from platform.incident_notification
       where incident_id = $1 and tenant_id = $2 and kind = 'initial' and recipient = 'customer' order by customer_id`,
      [incidentId, tenantId],
    );
    return rows.map((r) => r.customerId);
  }

  async markTenant(incidentId: string, tenantId: string, column: 'controller_notified_at' | 'follow_up_sent_at'): Promise<void> {
    await this.tx()(`update platform.incident_tenant set ${column} = coalesce(${column}, now()) where incident_id = $1 and tenant_id = $2`, [incidentId, tenantId]);
  }

  /** The incident's status follows its notices: notified once an initial notice went out, followed up once a follow-up did. */
  async markSent(incidentId: string, kind: NoticeKind, at: Date): Promise<void> {
    if (kind === 'follow_up') return void (await this.tx()(`update platform.incident set status = 'followed_up' where id = $1`, [incidentId]));
    await this.tx()(`update platform.incident set notified_at = coalesce(notified_at, $2), status = case when status = 'open' then 'notified' else status end where id = $1`, [incidentId, at]);
  }

  // Notices

  async insertNotice(n: { id: string; incidentId: string; tenantId: string; kind: NoticeKind; text: Record<Lang, string>; selection: RecipientSelection; createdBy: string; createdAt: Date }): Promise<void> {
    await this.tx()(
      `insert into platform.incident_notice (id, incident_id, tenant_id, kind, text_fi, text_en, selection, created_by, created_at)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)`,
      [n.id, n.incidentId, n.tenantId, n.kind, n.text.fi, n.text.en, JSON.stringify(n.selection), n.createdBy, n.createdAt],
    );
  }

  /** One notice. */
  async findNotice(id: string): Promise<NoticeRow | null> {
    const [row] = await this.sql()<NoticeRow>(`select ${NOTICE_COLUMNS} from platform.incident_notice where id = $1`, [id]);
    return row ? withDates(row, NOTICE_DATES) : null;
  }

  /** One notice, locked until the transaction ends (decisions on a notice are taken one at a time). */
  async lockNotice(id: string): Promise<NoticeRow | null> {
    const [row] = await this.tx()<NoticeRow>(`select ${NOTICE_COLUMNS} from platform.incident_notice where id = $1 for update`, [id]);
    return row ? withDates(row, NOTICE_DATES) : null;
  }

  async notices(incidentIds: string[], tenantId?: string): Promise<NoticeRow[]> {
    const rows = await this.sql()<NoticeRow>(
      `select ${NOTICE_COLUMNS} from platform.incident_notice
       where incident_id = any($1::uuid[]) and ($2::uuid is null or tenant_id = $2) order by created_at, id`,
      [incidentIds, tenantId ?? null],
    );
    return rows.map((row) => withDates(row, NOTICE_DATES));
  }

  /** Writes the columns given (snake_case names of this module's choosing only) and bumps the version. */
  async updateNotice(id: string, set: Partial<Record<NoticeColumn, unknown>>): Promise<void> {
    const entries = Object.entries(set);
    const assignments = entries.map(([column], i) => `${column} = $${i + 2}${column === 'selection' ? '::jsonb' : column === 'recipient_ids' ? '::uuid[]' : ''}`);
    await this.tx()(
      `update platform.incident_notice set ${[...assignments, 'version = version + 1'].join(', ')} where id = $1`,
      [id, ...entries.map(([column, value]) => (column === 'selection' ? JSON.stringify(value) : value))],
    );
  }

  /** Each customer notification of the notices: whom, and how delivery went. */
  async deliveries(noticeIds: string[]): Promise<DeliveryRow[]> {
    if (noticeIds.length === 0) return [];
    const rows = await this.sql()<DeliveryRow>(
      `select notice_id as "noticeId", customer_id as "customerId", queued_at as "queuedAt", delivered_at as "deliveredAt", error
       from platform.incident_notification where notice_id = any($1::uuid[]) and recipient = 'customer' order by queued_at, customer_id`,
      [noticeIds],
    );
    return rows.map((row) => withDates(row, ['queuedAt', 'deliveredAt']));
  }

  // The audit trail

  /** In the open transaction, if there is one. */
  async recordEvent(e: Omit<IncidentEventRow, 'id'>): Promise<void> {
    await this.database.sql(
      `insert into platform.incident_event (incident_id, tenant_id, notice_id, actor, actor_name, action, detail, occurred_at) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [e.incidentId, e.tenantId, e.noticeId, e.actor, e.actorName, e.action, e.detail, e.occurredAt],
    );
  }

  async events(incidentId: string, tenantId?: string): Promise<IncidentEventRow[]> {
    const rows = await this.sql()<IncidentEventRow>(
      `select id::text, incident_id as "incidentId", tenant_id as "tenantId", notice_id as "noticeId", actor, actor_name as "actorName", action, detail, occurred_at as "occurredAt"
       from platform.incident_event where incident_id = $1 and ($2::uuid is null or tenant_id = $2) order by id`,
      [incidentId, tenantId ?? null],
    );
    return rows.map((row) => withDates(row, ['occurredAt']));
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

  /**
   * Reads, and the outbox's outcomes, on a connection of their own, as before the transaction travelled here: a
   * callback that outlives a transaction (a delivery's outcome) must not write through one already ended.
   */
  private sql() {
    return boundSql(this.orm.em.fork());
  }

  /** The open platform transaction (`transaction()`): writes and locks refuse to run outside one. */
  private tx() {
    if (!this.database.inTransaction) throw new Error('IncidentsRepository: this statement needs transaction()');
    return <T = Record<string, unknown>>(text: string, values?: unknown[]) => this.database.sql<T>(text, values);
  }
}
