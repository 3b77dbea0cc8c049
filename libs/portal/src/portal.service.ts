// The customer portal: invitations (sent by staff), and what a signed-in customer sees and rectifies.
// Every portal route acts on the session's own customer; no id is ever taken from the request.
import { Injectable, StreamableFile } from '@nestjs/common';
import { BillingService, type InvoiceView } from '@app/billing';
import { type ConsentHistoryEntry, ConsentService, type ConsentState, type Purpose } from '@app/consent';
import { type ExportFormat, ExportService, type PortalRequestDto, RequestsErrorCode, RequestsException, type RequestView, RequestsService } from '@app/requests';
import { accountLink, AppConfig, consoleOrigin, type CustomerPrincipal, NotFoundProblem, type Page, type Principal, principalKey, ValidationProblem } from '@app/core';
import { type CustomerView, CustomersService } from '@app/customers';
import { invitationMail, OutboxService } from '@app/mail';
import { TenancyService, TenantContext } from '@app/tenancy';
import { PortalAccountsService } from './portal-accounts.service';
import type { RectifyProfileDto } from './dto/portal.dto';

export interface PortalInvitationView {
  customerId: string;
  email: string;
  invitationUrl: string;
  invitationExpiresAt: Date;
}

/** Everything held on the customer, as the portal shows it to them. */
export interface PortalMe {
  /** The business (the controller) whose portal this is, by name: the portal says whose it is. */
  tenantName: string;
  profile: CustomerView;
  /** The statement's "viimeisin sisäänkirjautuminen": when the customer last signed in to the portal. */
  lastLoginAt: Date | null;
  consents: ConsentState[];
  consentLedger: ConsentHistoryEntry[];
  /** The latest invoices (the full history is in the access export). */
  invoices: Page<InvoiceView>;
  requests: RequestView[];
}

@Injectable()
export class PortalService {
  constructor(
    private readonly accounts: PortalAccountsService,
    private readonly customers: CustomersService,
    private readonly tenancy: TenancyService,
    private readonly context: TenantContext,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly consent: ConsentService,
    private readonly billing: BillingService,
    private readonly requests: RequestsService,
    private readonly exports: ExportService,
  ) {}

  /** Staff invite a customer of the tenant in scope to the portal; the link is answered and e-mailed. */
  async invite(customerId: string, actor: string): Promise<PortalInvitationView> {
    const invitation = await this.accounts.invite(customerId, actor);
    const scope = this.context.tenant;
    const invitationUrl = this.invitationUrl(scope.slug, invitation.token);
    const tenant = await this.tenancy.get(scope.slug);
    await this.outbox.enqueue(invitationMail('customer', invitation.email, invitationUrl, tenant), { topic: 'invitation' });
    return { customerId, email: invitation.email, invitationUrl, invitationExpiresAt: invitation.expiresAt };
  }

  async me(principal: Principal): Promise<PortalMe> {
    const id = this.requireCustomer(principal).id;
    const profile = await this.customers.get(id);
    const [tenant, consent, invoices, requests] = await Promise.all([
      this.tenancy.get(this.context.tenant.slug),
      this.consent.overview(id),
      this.billing.pageOfCustomer(id, { limit: 200 }),
      this.requests.forCustomer(id),
    ]);
    return { tenantName: tenant.legalName, profile, lastLoginAt: profile.lastLoginAt, consents: consent.current, consentLedger: consent.history, invoices, requests };
  }

  /** Giving or withdrawing marketing consent in the portal: as easy one way as the other. */
  setConsent(principal: Principal, purpose: Purpose, granted: boolean, lang?: 'fi' | 'en'): Promise<ConsentState> {
    const customer = this.requireCustomer(principal);
    return this.consent.set(customer.id, purpose, granted, { channel: 'portal', source: 'portal', actor: principalKey(customer), lang });
  }

  /** A request made in the portal is written and its sender authenticated: identity counts as verified. */
  async submitRequest(principal: Principal, dto: PortalRequestDto): Promise<RequestView> {
    const customer = this.requireCustomer(principal);
    const actor = principalKey(customer);
    if (dto.type === 'erasure') {
      // Erasure waits while money is owed (the statement's rule, Art. 17(3)(e)): say so now, with which
      // invoices, rather than record a request the business could only refuse. Completion checks again.
      const unpaid = await this.billing.unpaidInvoices(customer.id);
      if (unpaid.length) {
        throw new RequestsException(RequestsErrorCode.UnpaidInvoices, `Erasure is possible once these are paid: ${unpaid.map((i) => `#${i.number}`).join(', ')}.`, { unpaidInvoices: unpaid });
      }
    }
    return this.requests.record({ customerId: customer.id, type: dto.type, channel: 'portal', details: dto.details, verifiedBy: { actor, method: 'portal_session' } }, actor);
  }

  listRequests(principal: Principal): Promise<RequestView[]> {
    return this.requests.forCustomer(this.requireCustomer(principal).id);
  }

  /** The customer's own completed access export; another customer's request answers 404. */
  async export(principal: Principal, requestId: string, format: ExportFormat): Promise<StreamableFile> {
    const customer = this.requireCustomer(principal);
    return this.exports.stream(await this.requests.exportable(requestId, customer.id), format);
  }

  /** Rectification by the customer: the same validation, normalisation and audit trail as staff edits. */
  async rectify(principal: Principal, dto: RectifyProfileDto): Promise<CustomerView> {
    const customer = this.requireCustomer(principal);
    if (dto.email === null) throw new ValidationProblem([{ field: 'email', message: 'email cannot be removed: it is how you sign in to the portal' }]);
    return this.customers.update(customer.id, dto, principalKey(customer));
  }

  /** Portal routes serve only a customer of the tenant in scope (the guard ensures it; this keeps services honest). */
  private requireCustomer(principal: Principal): CustomerPrincipal {
    if (principal.kind !== 'customer' || principal.tenantId !== this.context.tenant.tenantId) throw new NotFoundProblem();
    return principal;
  }

  private invitationUrl(slug: string, token: string): string {
    return accountLink(consoleOrigin(this.config), 'customer', slug, 'invitation', token);
  }
}
