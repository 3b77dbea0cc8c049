// Likely duplicates in the register, and merging two records of one customer (owner only: it cannot be undone).
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, type Principal, TenantStaffAccess } from '@app/core';
import { CustomerMergeService } from './customer-merge.service';
import { DuplicatePairDto, DuplicatesQuery, MergeCustomersDto, MergeResultDto } from './dto/customer-merge.dto';

@ApiTags('tenant: duplicates')
@Controller('t/:tenant')
export class CustomerMergeController {
  constructor(private readonly merges: CustomerMergeService) {}

  @Get('customer-duplicates')
  @TenantStaffAccess('owner', 'staff')
  @ApiOkResponse({ type: [DuplicatePairDto], description: 'Likely duplicates, the surest first: the same phone, or alike names.' })
  duplicates(@Query() query: DuplicatesQuery) {
    return this.merges.duplicates(query.limit);
  }

  @Post('customer-merges')
  @TenantStaffAccess('owner')
  @HttpCode(200)
  @ApiOkResponse({ type: MergeResultDto, description: 'Done in one transaction and recorded in the audit trail; cannot be undone.' })
  @ApiProblems(409)
  merge(@Body() dto: MergeCustomersDto, @CurrentPrincipal() actor: Principal) {
    return this.merges.merge(actor, dto);
  }
}
