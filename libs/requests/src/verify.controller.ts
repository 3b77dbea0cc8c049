// The public end of identity verification: the person enters the code sent to the address on record.
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, PublicTenant } from '@app/core';
import { VerificationService } from './verification.service';
import { CodeAcceptedDto, EnterCodeDto } from './dto/request.dto';

@ApiTags('public: request verification')
@Controller('t/:tenant/verify')
export class VerifyController {
  constructor(private readonly verification: VerificationService) {}

  @Post()
  @PublicTenant()
  @HttpCode(200)
  @ApiOkResponse({ type: CodeAcceptedDto, description: 'The code matched: its request (that one only) is verified.' })
  @ApiProblems(400, 404, 429)
  enter(@Body() dto: EnterCodeDto, @Req() req: Request) {
    return this.verification.verifyCode(dto.email, dto.code, req.ip ?? 'unknown');
  }
}
