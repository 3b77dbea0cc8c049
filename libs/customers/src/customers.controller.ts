// Tenant staff manage the customer register.
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, PageOf, type Principal, TenantStaffAccess } from '@app/core';
import { CustomersService } from './customers.service';
import { CreateCustomerDto, ListCustomersQuery, UpdateCustomerDto } from './dto/customer.dto';
import { AuditEntryDto, CustomerDto } from './dto/customer-view.dto';

@ApiTags('tenant: customers')
@Controller('t/:tenant/customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get()
  @TenantStaffAccess('owner', 'staff')
  @ApiOkResponse({ type: PageOf(CustomerDto), description: 'Newest first.' })
  list(@Query() query: ListCustomersQuery) {
    return this.customers.list(query);
  }

  @Post()
  @TenantStaffAccess('owner', 'staff')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CustomerDto })
  @ApiProblems(409)
  create(@Body() dto: CreateCustomerDto, @CurrentPrincipal() actor: Principal) {
    return this.customers.create(actor, dto);
  }

  @Get('export')
  @TenantStaffAccess('owner')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'The whole register as CSV for Finnish Excel (`;`, UTF-8 with BOM; cells that would run as formulas start with an apostrophe), streamed. Recorded in the audit trail.',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  export(@CurrentPrincipal() actor: Principal) {
    return this.customers.exportCsv(actor);
  }

  @Get(':id')
  @TenantStaffAccess('owner', 'staff')
  @ApiOkResponse({ type: CustomerDto })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.customers.get(id);
  }

  @Patch(':id')
  @TenantStaffAccess('owner', 'staff')
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblems(409)
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateCustomerDto, @CurrentPrincipal() actor: Principal) {
    return this.customers.update(actor, id, dto);
  }

  @Get(':id/audit')
  @TenantStaffAccess('owner')
  @ApiOkResponse({ type: [AuditEntryDto], description: 'Oldest first.' })
  audit(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.customers.auditTrail(id);
  }
}
