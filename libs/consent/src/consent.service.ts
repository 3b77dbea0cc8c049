// Marketing consent per purpose: an append-only ledger with the current state derived from its last event,
// one-click unsubscribe links, objections (suppression list), and the audience that may be contacted now.
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { isUUID } from 'class-validator';
import { jwtVerify, SignJWT } from 'jose';
import { type Actor, actorKey, AppConfig, Clock, decodeCursor, type Page, requireAccess, systemActor, toPage } from '@app/core';
import type { TransactionExecutor } from '@app/database';
import { TenancyService, TenantContext } from '@app/tenancy';
import { assertUnrestricted, CustomersService } from '@app/customers';
import { RegisterSettingsService } from '@app/privacy-notice';
import type { RegisterSettingsSnapshot } from '@app/privacy-notice';
import { ConsentEvent, type ConsentChannel, type ConsentSource, PURPOSE_MEDIUM, PURPOSES, type Purpose } from './consent.entity';
import { ConsentErrorCode, ConsentException } from './consent.errors';
import { consentWording, type WordingLang } from './consent-wording';
import { type ConsentLedgerRow, ConsentRepository } from './consent.repository';

export interface ConsentState {
  purpose: Purpose;
  granted: boolean;
  since: Date | null;
  channel: string | null;
  noticeVersion: number | null;
  source: string | null;
  /** The message channel of the purpose (e-mail, SMS). */
  medium: 'email' | 'sms';
  /** The register settings list the purpose's channel: only then can consent be given. */
  offered: boolean;
  /** Given under purposes that have changed since: it no longer counts until the person gives it again. */
  needsRenewal: boolean;
  /** The words a grant now shows and records, in both languages. */
  wording: Record<WordingLang, string>;
}

export interface ConsentHistoryEntry {
  purpose: string;
  action: string;
  channel: string;
  actor: string;
  noticeVersion: number;
  occurredAt: Date;
  source: string;
  medium: 'email' | 'sms';
  wording: string | null;
  wordingLang: string | null;
  recordedBy: string | null;
  recordedByName: string | null;
  evidence: string | null;
}

/** How a consent decision came, and its proof (who acted, the person or staff on their behalf, is the actor). */
export interface ConsentInput {
  channel: ConsentChannel;
  source: ConsentSource;
  /** The staff member who recorded it; absent when the person acted themselves. */
  recordedBy?: { key: string; name: string } | null;
  /** The words the person agreed to (a written form's text); the standard wording in `lang` when absent. */
  wording?: string | null;
  lang?: WordingLang | null;
  /** How a written consent is evidenced (where the signed form is, what it says). */
  evidence?: string | null;
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
    private readonly repository: ConsentRepository,
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
    const facts = await this.facts();
    return Promise.all(PURPOSES.map((purpose) => this.stateOf(purpose, latest.get(purpose), facts)));
  }

  async currentFor(customerId: string, purpose: Purpose): Promise<ConsentState & { objected: boolean; history: ConsentHistoryEntry[] }> {
    const customer = await this.customers.get(customerId);
    const events = await this.repository.events(customerId, purpose);
    const state = await this.stateOf(purpose, events.at(-1), await this.facts());
    return { ...state, objected: await this.objected(customerId, customer.email), history: events.map(toHistory) };
  }

  /**
   * The current state and the whole ledger from one read of the customer's events, for a caller that knows the
   * customer is on record (the portal's "my data", read on every visit).
   */
  async overview(customerId: string): Promise<{ current: ConsentState[]; history: ConsentHistoryEntry[] }> {
    const [events, facts] = await Promise.all([this.repository.ledger(customerId), this.facts()]);
    const latest = new Map(events.map((e) => [e.purpose, e]));
    const current = await Promise.all(PURPOSES.map((purpose) => this.stateOf(purpose, latest.get(purpose), facts)));
    return { current, history: events.map(toHistory) };
  }

  async history(customerId: string): Promise<ConsentHistoryEntry[]> {
    const events = await this.repository.events(customerId);
    return events.map(toHistory);
  }

  /**
   * Gives or withdraws; appends an event only when the state changes (the ledger records decisions, not clicks),
   * or when a consent given under purposes since changed is given again (renewal). Consent is given only for a
   * channel the register settings list (withdrawing is always possible). After an objection only the person's
   * own consent counts: in the portal, or a written one whose evidence the staff member describes.
   */
  async set(actor: Actor, customerId: string, purpose: Purpose, granted: boolean, input: ConsentInput): Promise<ConsentState> {
    const by = actorKey(actor);
    const facts = await this.facts();
    const medium = PURPOSE_MEDIUM[purpose];
    if (granted && !facts.settings.marketingChannels.includes(medium)) {
      throw new ConsentException(ConsentErrorCode.ChannelNotOffered, `The register settings list these marketing channels: ${facts.settings.marketingChannels.join(', ') || 'none'}. Consent to marketing by ${medium} cannot be recorded.`);
    }
    await this.context.transaction(async () => {
      const customer = await this.customers.lockForInvoicing(customerId);
      // While processing is restricted (Art. 18) no consent is taken for marketing; withdrawing always works.
      if (granted) assertUnrestricted(customer, 'Recording a consent to marketing');
      const latest = await this.repository.latest(customerId, purpose);
      const state = await this.stateOf(purpose, latest ?? undefined, facts);
      if (state.granted === granted && !(granted && state.needsRenewal)) return;
      if (granted && input.source !== 'portal' && !input.evidence && (await this.objected(customerId, customer.email))) {
        throw new ConsentException(
          ConsentErrorCode.ObjectionNeedsOwnConsent,
          "The person has objected to direct marketing. Record their new consent only from their own written consent, describing its evidence, or ask them to give it in the portal.",
          { errors: [{ field: 'evidence', message: 'describe the written consent the person gave (what, when, where it is kept)' }] },
        );
      }
      const occurredAt = new Date();
      const lang = input.lang ?? (facts.language === 'en' ? 'en' : 'fi');
      this.repository.append({
        customerId,
        purpose,
        action: granted ? 'granted' : 'withdrawn',
        channel: input.channel,
        actor: by,
        noticeVersion: facts.settings.noticeVersion,
        occurredAt,
        source: input.source,
        wording: granted ? (input.wording ?? consentWording(purpose, facts.businessName)[lang]) : null,
        wordingLang: granted ? lang : null,
        recordedBy: input.recordedBy?.key ?? null,
        recordedByName: input.recordedBy?.name ?? null,
        evidence: input.evidence ?? null,
      });
      if (!granted) await this.repository.mirrorWithdrawal(customerId, purpose, input.channel, by, occurredAt);
      // The person's own, explicit opt-in supersedes their earlier objection for that address.
      if (granted && customer.email) await this.repository.unsuppress(emailDigest(customer.email));
    });
    return this.stateOf(purpose, (await this.latestEvents(customerId)).get(purpose), facts);
  }

  /** Staff of this tenant record a consent decision on the person's written request (with its evidence where there is one). */
  async recordWritten(actor: Actor, customerId: string, purpose: Purpose, dto: { granted: boolean; lang?: WordingLang; wording?: string; evidence?: string }): Promise<ConsentState> {
    const staff = requireAccess(actor, { realm: 'tenant-staff', tenantId: this.context.tenant.tenantId });
    return this.set(staff, customerId, purpose, dto.granted, {
      channel: 'staff_written_request',
      source: 'staff',
      recordedBy: { key: actorKey(staff), name: staff.name },
      lang: dto.lang,
      wording: dto.wording,
      evidence: dto.evidence,
    });
  }

  /** Whether the person has objected to direct marketing and not given their own consent since. */
  private async objected(customerId: string, email: string | null): Promise<boolean> {
    if (email && (await this.repository.isSuppressed(emailDigest(email)))) return true;
    const last = await this.repository.lastObjectionOrGrant(customerId);
    return last?.channel === 'objection';
  }

  /** What every consent state is judged against: the settings in force, the business's name and language. */
  private async facts(): Promise<ConsentFacts> {
    const [settings, tenant] = await Promise.all([this.settings.current(), this.tenancy.get(this.context.tenant.slug)]);
    return { settings, businessName: tenant.legalName, language: tenant.language, versions: new Map() };
  }

  private async stateOf(purpose: Purpose, event: ConsentLedgerRow | undefined, facts: ConsentFacts): Promise<ConsentState> {
    const granted = event?.action === 'granted';
    return {
      purpose,
      granted,
      since: event?.occurredAt ?? null,
      channel: event?.channel ?? null,
      noticeVersion: event?.noticeVersion ?? null,
      source: event?.source ?? null,
      medium: PURPOSE_MEDIUM[purpose],
      offered: facts.settings.marketingChannels.includes(PURPOSE_MEDIUM[purpose]),
      needsRenewal: granted && (await this.purposesChangedSince(event.noticeVersion, facts)),
      wording: consentWording(purpose, facts.businessName),
    };
  }

  /** The purposes of the register differ from those of the version a consent was given under (unknown versions: no). */
  private async purposesChangedSince(noticeVersion: number, facts: ConsentFacts): Promise<boolean> {
    if (noticeVersion === facts.settings.noticeVersion) return false;
    if (!facts.versions.has(noticeVersion)) facts.versions.set(noticeVersion, this.settings.atVersion(noticeVersion));
    const then = await facts.versions.get(noticeVersion)!;
    if (!then) return false;
    return then.purposes.fi !== facts.settings.purposes.fi || then.purposes.en !== facts.settings.purposes.en;
  }

  /**
   * Objection to direct marketing: every consent withdrawn and the address suppressed, in the open transaction.
   */
  object(actor: Actor, customerId: string, email: string | null): Promise<void> {
    const by = actorKey(actor);
    return this.within(async () => {
      const noticeVersion = await this.settings.noticeVersion();
      const latest = await this.latestEvents(customerId);
      for (const purpose of PURPOSES) {
        if (latest.get(purpose)?.action !== 'granted') continue;
        const occurredAt = new Date();
        this.repository.append({ customerId, purpose, action: 'withdrawn', channel: 'objection', actor: by, noticeVersion, occurredAt, source: 'objection' });
        await this.repository.mirrorWithdrawal(customerId, purpose, 'objection', by, occurredAt);
      }
      if (email) await this.repository.suppress(emailDigest(email));
    });
  }

  /**
   * Consent brought from an old system by an import (channel `import`), in the import's transaction: a granted
   * event where the consent does not already hold, never for an address that objected. Returns the events added.
   */
  async recordImported(actor: Actor, grants: { customerId: string; purpose: Purpose }[], at: Date): Promise<number> {
    // Only for the channels the register offers (item 7): a consent for another is not one the person could give here.
    const channels = (await this.settings.current()).marketingChannels;
    grants = grants.filter((g) => channels.includes(PURPOSE_MEDIUM[g.purpose]));
    if (grants.length === 0) return 0;
    const noticeVersion = await this.settings.noticeVersion();
    return this.within(() => this.repository.insertImported(grants, actorKey(actor), noticeVersion, at));
  }

  /** Customers who may be contacted for the purpose now: consent holds, the address is not suppressed, processing is not restricted. */
  async audience(purpose: Purpose, options: { limit?: number; cursor?: string }): Promise<Page<AudienceMember>> {
    const channels = (await this.settings.current()).marketingChannels;
    if (!channels.includes(PURPOSE_MEDIUM[purpose])) {
      throw new ConsentException(ConsentErrorCode.ChannelNotOffered, `The register settings list these marketing channels: ${channels.join(', ') || 'none'}; there is no audience for marketing by ${PURPOSE_MEDIUM[purpose]}.`);
    }
    const limit = options.limit ?? 50;
    const after = options.cursor ? decodeCursor(options.cursor) : undefined;
    const rows = await this.repository.audience(purpose, after, limit);
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
      const latest = (await this.latestEvents(claims.customerId)).get(claims.purpose);
      return { tenant: claims.scope.slug, tenantName: tenant.legalName, purpose: claims.purpose, granted: latest?.action === 'granted' };
    });
  }

  async unsubscribe(token: string): Promise<ConsentState> {
    const claims = await this.verify(token);
    // The signed link acts for the person it was sent to; no one is signed in.
    const actor = systemActor(`link:${claims.customerId}`);
    return this.context.run(claims.scope, () => this.set(actor, claims.customerId, claims.purpose, false, { channel: 'email_link', source: 'email_link' }));
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
      throw new ConsentException(ConsentErrorCode.UnsubscribeLinkInvalid, 'Ask for a new one, or withdraw consent in the portal.');
    }
  }

  /**
   * After a tenant is restored from a backup: withdrawals and suppressions made since the backup are applied
   * again (in the restore's transaction), so no one gets marketing they refused. Returns the events re-added.
   */
  static reapplyWithdrawals(execute: TransactionExecutor, schema: string, tenantId: string): Promise<number> {
    return ConsentRepository.reapplyWithdrawals(execute, schema, tenantId);
  }

  private async latestEvents(customerId: string): Promise<Map<string, ConsentEvent>> {
    const events = await this.repository.events(customerId);
    return new Map(events.map((e) => [e.purpose, e]));
  }

  /**
   * Runs fn in the tenant context's open transaction (opened if none is), its writes flushed here: what the caller
   * does next in the transaction (plain SQL too) reads them.
   */
  private within<T>(fn: () => Promise<T>): Promise<T> {
    return this.context.transaction(async () => {
      const result = await fn();
      await this.repository.flush();
      return result;
    });
  }
}

interface ConsentFacts {
  settings: RegisterSettingsSnapshot;
  businessName: string;
  language: string;
  /** Kept settings versions read so far (several states are judged at once). */
  versions: Map<number, Promise<RegisterSettingsSnapshot | null>>;
}

function toHistory(e: ConsentLedgerRow): ConsentHistoryEntry {
  return {
    purpose: e.purpose,
    action: e.action,
    channel: e.channel,
    actor: e.actor,
    noticeVersion: e.noticeVersion,
    occurredAt: e.occurredAt,
    source: e.source,
    medium: PURPOSE_MEDIUM[e.purpose as Purpose],
    wording: e.wording ?? null,
    wordingLang: e.wordingLang ?? null,
    recordedBy: e.recordedBy ?? null,
    recordedByName: e.recordedByName ?? null,
    evidence: e.evidence ?? null,
  };
}

