// The accessibility statement's feedback channel: anyone may send, no session needed.
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiProblems, Public } from '@app/core';
import { AccessibilityFeedbackService } from './accessibility-feedback.service';
import { AccessibilityFeedbackDto, AccessibilityFeedbackReceiptDto } from './dto/accessibility-feedback.dto';

@ApiTags('public: accessibility')
@Controller('accessibility-feedback')
export class AccessibilityFeedbackController {
  constructor(private readonly feedback: AccessibilityFeedbackService) {}

  @Post()
  @Public()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: AccessibilityFeedbackReceiptDto, description: 'Queued as an e-mail to the address that answers accessibility feedback.' })
  @ApiProblems(400, 429, 503)
  send(@Body() dto: AccessibilityFeedbackDto, @Req() req: Request) {
    return this.feedback.send(dto, req.ip ?? 'unknown');
  }
}
