// Marketing consent per purpose: an append-only ledger with the current state derived from its last event,
// one-click unsubscribe links, objections (suppression list), and the audience that may be contacted now.
import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { isUUID } from 'class-validator';
import { jwtVerify, SignJWT } from 'jose';
import { AppConfig, Clock, decodeCursor, type Page, ProblemException, toPage } from '@app/core';
import { quoteIdent, type TransactionExecutor } from '@app/database';
import { TenancyService, TenantContext } from '@app/tenancy';
import { CustomersService } from '@app/customers';
import { RegisterSettingsService } from '@app/privacy-notice';
import { ConsentEvent, type ConsentChannel, PURPOSES, type Purpose } from './consent.entity';

export interface ConsentState {
  purpose: Purpose;
  granted: boolean;
  since: Date | null;
  channel: string | null;
  noticeVersion: number | null;
}

export interface ConsentHistoryEntry {
  purpose: string;
  action: string;
  channel: string;
  actor: string;
  noticeVersion: number;
  occurredAt: Date;
}

export interface AudienceMember {
  customerId: string;
  name: string;
  email: string | null;
  phone: string | null;
  consentedAt: Date;
}

const UNSUBSCRIBE_DAYS = 90;
/** API instances may disagree on the time by this much (seconds). */
const CLOCK_TOLERANCE_SECONDS = 60;

export function emailDigest(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

@Injectable()
export class ConsentService {
  private readonly key: Uint8Array;
  private readonly origin: string;

  constructor(
    private readonly context: TenantContext,
    private readonly customers: CustomersService,
    private readonly settings: RegisterSettingsService,
    private readonly tenancy: TenancyService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.key = createHash('sha256').update(`unsubscribe\0${config.sessionSecret ?? ''}`).digest();
    this.origin = config.publicOrigin ?? `http://localhost:${config.port}`;
  }

  async current(customerId: string): Promise<ConsentState[]> {
    await this.customers.get(customerId);
    const latest = await this.latestEvents(customerId);
    return PURPOSES.map((purpose) => stateOf(purpose, latest.get(purpose)));
  }

  async currentFor(customerId: string, purpose: Purpose): Promise<ConsentState & { history: ConsentHistoryEntry[] }> {
    await this.customers.get(customerId);
    const events = await this.context.em().find(ConsentEvent, { customerId, purpose }, { orderBy: { id: 'asc' } });
    return { ...stateOf(purpose, events.at(-1)), history: events.map(toHistory) };
  }

  async history(customerId: string): Promise<ConsentHistoryEntry[]> {
    const events = await this.context.em().find(ConsentEvent, { customerId }, { orderBy: { id: 'asc' } });
    return events.map(toHistory);
  }

  /** Gives or withdraws; appends an event only when the state changes (the ledger records decisions, not clicks). */
  async set(customerId: string, purpose: Purpose, granted: boolean, channel: ConsentChannel, actor: string): Promise<ConsentState> {
    const noticeVersion = await this.settings.noticeVersion();
    await this.context.em().transactional(async (em) => {
      const customer = await this.customers.lockForInvoicing(em, customerId);
      const latest = await em.findOne(ConsentEvent, { customerId, purpose }, { orderBy: { id: 'desc' } });
      if (stateOf(purpose, latest ?? undefined).granted === granted) return;
      const occurredAt = new Date();
      em.create(ConsentEvent, { customerId, purpose, action: granted ? 'granted' : 'withdrawn', channel, actor, noticeVersion, occurredAt });
      if (!granted) await this.mirrorWithdrawal(em, customerId, purpose, channel, actor, occurredAt);
      // A fresh, explicit opt-in supersedes an earlier objection for that address.
      if (granted && purpose === 'marketing_email' && customer.email) await em.execute(`delete from ${this.table('suppression')} where email_sha256 = ?`, [emailDigest(customer.email)]);
    });
    return stateOf(purpose, (await this.latestEvents(customerId)).get(purpose));
  }

  /** Objection to direct marketing: every consent withdrawn and the address suppressed, in the caller's transaction. */
  async object(em: EntityManager, customerId: string, email: string | null, actor: string): Promise<void> {
    const noticeVersion = await this.settings.noticeVersion();
    const latest = await this.latestEvents(customerId, em);
    for (const purpose of PURPOSES) {
      if (!stateOf(purpose, latest.get(purpose)).granted) continue;
      const occurredAt = new Date();
      em.create(ConsentEvent, { customerId, purpose, action: 'withdrawn', channel: 'objection', actor, noticeVersion, occurredAt });
      await this.mirrorWithdrawal(em, customerId, purpose, 'objection', actor, occurredAt);
    }
    if (!email) return;
    const digest = emailDigest(email);
    await em.execute(`insert into ${this.table('suppression')} (email_sha256, reason) values (?, 'objection') on conflict do nothing`, [digest]);
    await em.execute(`insert into platform.suppression_ledger (tenant_id, email_sha256, reason) values (?, ?, 'objection') on conflict do nothing`, [this.context.tenant.tenantId, digest]);
  }

  /**
   * Consent brought from an old system by an import (channel `import`), in the import's transaction: a granted
   * event where the consent does not already hold, never for an address that objected. Returns the events added.
   */
  async recordImported(em: EntityManager, grants: { customerId: string; purpose: Purpose }[], actor: string, at: Date): Promise<number> {
    if (grants.length === 0) return 0;
    const noticeVersion = await this.settings.noticeVersion();
    const added = (await em.execute(
      `insert into ${this.table('consent_event')} (customer_id, purpose, action, channel, actor, notice_version, occurred_at)
       select g.customer_id, g.purpose, 'granted', 'import', ?, ?, ?
         from jsonb_to_recordset(?::jsonb) as g(customer_id uuid, purpose text)
         join ${this.table('customer')} c on c.id = g.customer_id
        where coalesce((select e.action from ${this.table('consent_event')} e where e.customer_id = g.customer_id and e.purpose = g.purpose order by e.id desc limit 1), '') <> 'granted'
          and (g.purpose <> 'marketing_email' or c.email is null or not exists (select 1 from ${this.table('suppression')} s where s.email_sha256 = encode(sha256(convert_to(lower(c.email), 'UTF8')), 'hex')))
       returning 1`,
      [actor, noticeVersion, at, JSON.stringify(grants.map((g) => ({ customer_id: g.customerId, purpose: g.purpose })))],
    )) as unknown[];
    return added.length;
  }

  /** Customers who may be contacted for the purpose now: consent holds and the address is not suppressed. */
  async audience(purpose: Purpose, options: { limit?: number; cursor?: string }): Promise<Page<AudienceMember>> {
    const limit = options.limit ?? 50;
    const after = options.cursor ? decodeCursor(options.cursor) : undefined;
    const params: unknown[] = [purpose];
    let keyset = '';
    if (after) {
      keyset = 'and (latest.occurred_at, c.id) > (?, ?)';
      params.push(after.at, after.id);
    }
    params.push(limit + 1);
    const rows = (await this.context.em().execute(
      `select c.id, c.company_name, c.contact_name, c.billing_first_name, c.billing_last_name, c.email, c.phone, latest.occurred_at
         from ${this.table('customer')} c
         join lateral (select action, occurred_at from ${this.table('consent_event')} e
                        where e.customer_id = c.id and e.purpose = ? order by e.id desc limit 1) latest on latest.action = 'granted'
        where (c.email is null or not exists (select 1 from ${this.table('suppression')} s where s.email_sha256 = encode(sha256(convert_to(lower(c.email), 'UTF8')), 'hex')))
          ${keyset}
        order by latest.occurred_at, c.id
        limit ?`,
      params,
    )) as AudienceRow[];
    const page = toPage(rows, limit, (r) => ({ at: new Date(r.occurred_at), id: r.id }));
    return {
      items: page.items.map((r) => ({
        customerId: r.id,
        name: r.company_name ?? ([r.billing_first_name, r.billing_last_name].filter(Boolean).join(' ') || r.contact_name || ''),
        email: r.email,
        phone: r.phone,
        consentedAt: new Date(r.occurred_at),
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** A signed link that withdraws one consent in one click (RFC 8058), valid for 90 days. */
  async unsubscribeToken(customerId: string, purpose: Purpose): Promise<string> {
    await this.customers.get(customerId);
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    return new SignJWT({ pur: purpose, tid: this.context.tenant.tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(customerId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + UNSUBSCRIBE_DAYS * 86_400)
      .sign(this.key);
  }

  /**
   * The link for a message: `url` opens the page that says what it withdraws (the link in the text), and
   * `oneClickUrl` is what a mail client POSTs to (RFC 8058: `List-Unsubscribe: <oneClickUrl>` with
   * `List-Unsubscribe-Post: List-Unsubscribe=One-Click`).
   */
  async unsubscribeLink(customerId: string, purpose: Purpose): Promise<{ token: string; url: string; oneClickUrl: string }> {
    const token = await this.unsubscribeToken(customerId, purpose);
    return { token, url: `${this.origin}/unsubscribe/${token}`, oneClickUrl: `${this.origin}/api/unsubscribe/${token}` };
  }

  /** What a link would withdraw, for the confirmation page. */
  async describeUnsubscribe(token: string): Promise<{ tenant: string; tenantName: string; purpose: Purpose; granted: boolean }> {
    const claims = await this.verify(token);
    const tenant = await this.tenancy.get(claims.scope.slug);
    return this.context.run(claims.scope, async () => {
      const state = stateOf(claims.purpose, (await this.latestEvents(claims.customerId)).get(claims.purpose));
      return { tenant: claims.scope.slug, tenantName: tenant.legalName, purpose: claims.purpose, granted: state.granted };
    });
  }

  async unsubscribe(token: string): Promise<ConsentState> {
    const claims = await this.verify(token);
    return this.context.run(claims.scope, () => this.set(claims.customerId, claims.purpose, false, 'email_link', `link:${claims.customerId}`));
  }

  /**
   * Our signature is not enough: every claim used must be there and well-formed (a subject that is no UUID
   * would reach the database), and the link must be one we could have issued, no older than 90 days and
   * never without an expiry. Anything else is the same 404.
   */
  private async verify(token: string) {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat', 'sub', 'pur', 'tid'],
        maxTokenAge: `${UNSUBSCRIBE_DAYS}d`,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: this.clock.now(),
      });
      const purpose = payload.pur as Purpose;
      if (typeof purpose !== 'string' || !PURPOSES.includes(purpose) || !isUUID(payload.tid) || !isUUID(payload.sub)) throw new Error('bad claims');
      if (payload.exp! - payload.iat! > UNSUBSCRIBE_DAYS * 86_400) throw new Error('outlives its 90 days');
      const scope = await this.tenancy.findScopeById(payload.tid as string);
      if (!scope) throw new Error('no tenant');
      return { scope, customerId: payload.sub as string, purpose };
    } catch {
      throw new ProblemException(HttpStatus.NOT_FOUND, 'unsubscribe-link-invalid', 'This unsubscribe link is invalid or has expired', 'Ask for a new one, or withdraw consent in the portal.');
    }
  }

  /**
   * After a tenant is restored from a backup: withdrawals and suppressions made since the backup are applied
   * again (in the restore's transaction), so no one gets marketing they refused. Returns the events re-added.
   */
  static async reapplyWithdrawals(execute: TransactionExecutor, schema: string, tenantId: string): Promise<number> {
    const s = quoteIdent(schema);
    // The ledgers are read first and handed to the tenant's statements as values: on Citus the ledgers stay on the
    // coordinator and the tenant's tables live on a worker, and one statement joining both cannot be routed.
    const withdrawals = await execute(
      `select distinct on (customer_id, purpose) customer_id, purpose, channel, actor, withdrawn_at
         from platform.consent_withdrawal_ledger where tenant_id = ? order by customer_id, purpose, withdrawn_at desc`,
      [tenantId],
    );
    const added = withdrawals.length
      ? ((await execute(
          `insert into ${s}.consent_event (customer_id, purpose, action, channel, actor, notice_version, occurred_at)
           select w.customer_id, w.purpose, 'withdrawn', w.channel, w.actor, latest.notice_version, w.withdrawn_at
             from jsonb_to_recordset(?::jsonb) as w(customer_id uuid, purpose text, channel text, actor text, withdrawn_at timestamptz)
             join ${s}.customer c on c.id = w.customer_id
             join (select distinct on (customer_id, purpose) customer_id, purpose, action, occurred_at, notice_version
                     from ${s}.consent_event order by customer_id, purpose, id desc) latest
               on latest.customer_id = w.customer_id and latest.purpose = w.purpose
            where latest.action = 'granted' and latest.occurred_at < w.withdrawn_at
           returning 1`,
          [JSON.stringify(withdrawals)],
        )) as unknown[])
      : [];
    const suppressions = await execute(`select email_sha256, reason from platform.suppression_ledger where tenant_id = ?`, [tenantId]);
    if (suppressions.length) {
      await execute(
        `insert into ${s}.suppression (email_sha256, reason)
         select email_sha256, reason from jsonb_to_recordset(?::jsonb) as l(email_sha256 text, reason text) on conflict do nothing`,
        [JSON.stringify(suppressions)],
      );
    }
    return added.length;
  }

  /** Consent decisions survive a restore only if they also live outside the tenant's schema. */
  private async mirrorWithdrawal(em: EntityManager, customerId: string, purpose: Purpose, channel: ConsentChannel, actor: string, at: Date): Promise<void> {
    await em.execute(
      `insert into platform.consent_withdrawal_ledger (tenant_id, customer_id, purpose, channel, actor, withdrawn_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing`,
      [this.context.tenant.tenantId, customerId, purpose, channel, actor, at],
    );
  }

  private async latestEvents(customerId: string, em: EntityManager = this.context.em()): Promise<Map<string, ConsentEvent>> {
    const events = await em.find(ConsentEvent, { customerId }, { orderBy: { id: 'asc' } });
    return new Map(events.map((e) => [e.purpose, e]));
  }

  private table(name: string): string {
    return `${quoteIdent(this.context.tenant.schema)}.${name}`;
  }
}

interface AudienceRow {
  id: string;
  company_name: string | null;
  contact_name: string | null;
  billing_first_name: string | null;
  billing_last_name: string | null;
  email: string | null;
  phone: string | null;
  occurred_at: string | Date;
}

function stateOf(purpose: Purpose, event?: ConsentEvent): ConsentState {
  return {
    purpose,
    granted: event?.action === 'granted',
    since: event?.occurredAt ?? null,
    channel: event?.channel ?? null,
    noticeVersion: event?.noticeVersion ?? null,
  };
}

function toHistory(e: ConsentEvent): ConsentHistoryEntry {
  return { purpose: e.purpose, action: e.action, channel: e.channel, actor: e.actor, noticeVersion: e.noticeVersion, occurredAt: e.occurredAt };
}

