// Tenant staff bill customers: drafts, issuing, payments, credit notes, history and balance.
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, PageOf, type Principal, TenantStaffAccess } from '@app/core';
import { BillingService } from './billing.service';
import { CreateInvoiceDto, CreditInvoiceDto, IssueInvoiceDto, ListAllInvoicesQuery, ListInvoicesQuery, PriceInvoiceDto, RecordPaymentDto, ReversePaymentDto, UpdateDraftDto, VatRatesQuery } from './dto/invoice.dto';
import { CustomerBalanceDto, InvoiceDetailDto, InvoiceDto, InvoiceListDto, InvoicePriceDto, VatRatesDto } from './dto/invoice-view.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('tenant: billing')
@Controller('t/:tenant')
@TenantStaffAccess('owner', 'staff')
export class BillingController {
  constructor(private readonly billing: BillingService) {}

  @Post('invoices')
  @HttpCode(201)
  @ApiCreatedResponse({ type: InvoiceDetailDto, description: 'A draft.' })
  @ApiProblems(409)
  create(@Body() dto: CreateInvoiceDto, @CurrentPrincipal() actor: Principal) {
    return this.billing.createDraft(actor, dto);
  }

  @Get('invoices')
  @ApiOkResponse({ type: InvoiceListDto, description: 'Invoices across customers, filtered; overdue first; with the sums of all that match.' })
  list(@Query() query: ListAllInvoicesQuery) {
    return this.billing.listAll(query);
  }

  @Post('invoices/preview')
  @HttpCode(200)
  @ApiOkResponse({ type: InvoicePriceDto, description: 'What a draft of these lines comes to today; nothing is written.' })
  price(@Body() dto: PriceInvoiceDto) {
    return this.billing.price(dto);
  }

  @Get('vat-rates')
  @ApiOkResponse({ type: VatRatesDto, description: 'The Finnish VAT rates in force on the date.' })
  vatRates(@Query() query: VatRatesQuery) {
    return this.billing.vatRates(query.on);
  }

  @Get('invoices/:id')
  @ApiOkResponse({ type: InvoiceDetailDto })
  get(@Param('id', uuid) id: string) {
    return this.billing.get(id);
  }

  @Patch('invoices/:id')
  @ApiOkResponse({ type: InvoiceDetailDto, description: 'The changed draft, priced.' })
  @ApiProblems(409)
  update(@Param('id', uuid) id: string, @Body() dto: UpdateDraftDto, @CurrentPrincipal() actor: Principal) {
    return this.billing.updateDraft(actor, id, dto);
  }

  @Post('invoices/:id/issue')
  @HttpCode(200)
  @ApiOkResponse({ type: InvoiceDetailDto })
  @ApiProblems(409)
  issue(@Param('id', uuid) id: string, @Body() dto: IssueInvoiceDto, @CurrentPrincipal() actor: Principal) {
    return this.billing.issue(actor, id, dto);
  }

  @Post('invoices/:id/payments')
  @HttpCode(201)
  @ApiCreatedResponse({ type: InvoiceDetailDto })
  @ApiProblems(409)
  pay(@Param('id', uuid) id: string, @Body() dto: RecordPaymentDto, @CurrentPrincipal() actor: Principal) {
    return this.billing.recordPayment(actor, id, dto);
  }

  @Post('invoices/:id/payments/:paymentId/reverse')
  @HttpCode(200)
  @TenantStaffAccess('owner')
  @ApiOkResponse({ type: InvoiceDetailDto, description: 'The invoice, the payment marked reversed and no longer counted.' })
  @ApiProblems(404, 409)
  reversePayment(@Param('id', uuid) id: string, @Param('paymentId', uuid) paymentId: string, @Body() dto: ReversePaymentDto, @CurrentPrincipal() actor: Principal) {
    return this.billing.reversePayment(actor, id, paymentId, dto);
  }

  @Post('invoices/:id/credit')
  @HttpCode(201)
  @ApiCreatedResponse({ type: InvoiceDetailDto, description: 'The credit note.' })
  @ApiProblems(409)
  credit(@Param('id', uuid) id: string, @Body() dto: CreditInvoiceDto, @CurrentPrincipal() actor: Principal) {
    return this.billing.credit(actor, id, dto);
  }

  @Get('customers/:id/invoices')
  @ApiOkResponse({ type: PageOf(InvoiceDto), description: 'The billing history, newest first.' })
  history(@Param('id', uuid) id: string, @Query() query: ListInvoicesQuery) {
    return this.billing.listForCustomer(id, query);
  }

  @Get('customers/:id/balance')
  @ApiOkResponse({ type: CustomerBalanceDto })
  balance(@Param('id', uuid) id: string) {
    return this.billing.balance(id);
  }
}
