// Tenant staff manage the customer register.
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, principalKey, TenantStaffAccess } from '@app/core';
import { CustomersService } from './customers.service';
import { CreateCustomerDto, ListCustomersQuery, UpdateCustomerDto } from './dto/customer.dto';

@ApiTags('tenant: customers')
@Controller('t/:tenant/customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get()
  @TenantStaffAccess('owner', 'staff')
  list(@Query() query: ListCustomersQuery) {
    return this.customers.list(query);
  }

  @Post()
  @TenantStaffAccess('owner', 'staff')
  @HttpCode(201)
  create(@Body() dto: CreateCustomerDto, @CurrentPrincipal() actor: Principal) {
    return this.customers.create(dto, principalKey(actor));
  }

  @Get(':id')
  @TenantStaffAccess('owner', 'staff')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.customers.get(id);
  }

  @Patch(':id')
  @TenantStaffAccess('owner', 'staff')
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateCustomerDto, @CurrentPrincipal() actor: Principal) {
    return this.customers.update(id, dto, principalKey(actor));
  }

  @Get(':id/audit')
  @TenantStaffAccess('owner')
  audit(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.customers.auditTrail(id);
  }
}
