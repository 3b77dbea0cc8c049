// The seller named on the tenant's invoices and the account they are paid to: staff read, the owner changes.
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, type Principal, TenantStaffAccess } from '@app/core';
import { SellerService } from './seller.service';
import { SellerDto, UpdateSellerDto } from './dto/seller.dto';

@ApiTags('tenant: billing')
@Controller('t/:tenant/seller')
export class SellerController {
  constructor(private readonly seller: SellerService) {}

  @Get()
  @TenantStaffAccess('owner', 'staff')
  @ApiOkResponse({ type: SellerDto, description: "The seller on the tenant's invoices: legal identity, IBAN and BIC." })
  get() {
    return this.seller.get();
  }

  @Put()
  @TenantStaffAccess('owner')
  @ApiOkResponse({ type: SellerDto })
  @ApiProblems(409)
  update(@Body() dto: UpdateSellerDto, @CurrentPrincipal() actor: Principal) {
    return this.seller.update(actor, dto);
  }
}
