// Owners see the customers the retention run flagged for review (their relationship seems to have ended).
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PageOf, PageQuery, type Principal, TenantStaffAccess } from '@app/core';
import { RetentionService } from './retention.service';
import { ReviewItemDto } from './dto/review-item.dto';

@ApiTags('tenant: retention')
@Controller('t/:tenant/retention')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Get('review')
  @TenantStaffAccess('owner')
  @ApiOkResponse({ type: PageOf(ReviewItemDto) })
  review(@Query() query: PageQuery, @CurrentPrincipal() actor: Principal) {
    return this.retention.reviewList(actor, query);
  }
}
