// Payment reminders of overdue invoices: staff send one and read the history; the owner sets the nightly ones.
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, type Principal, TenantStaffAccess } from '@app/core';
import { InvoiceRemindersService } from './reminders.service';
import { InvoiceReminderDto, ReminderSentDto, ReminderSettingsDto, SendReminderDto, UpdateReminderSettingsDto } from './dto/reminder.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('tenant: billing')
@Controller('t/:tenant')
@TenantStaffAccess('owner', 'staff')
export class InvoiceRemindersController {
  constructor(private readonly reminders: InvoiceRemindersService) {}

  @Post('invoices/:id/reminders')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ReminderSentDto, description: "Queued in the outbox: the reminder with the invoice PDF goes to the customer's e-mail address. No fee is added." })
  @ApiProblems(404, 409, 422)
  remind(@Param('id', uuid) id: string, @Body() dto: SendReminderDto, @CurrentPrincipal() actor: Principal) {
    return this.reminders.remind(actor, id, dto.lang);
  }

  @Get('invoices/:id/reminders')
  @ApiOkResponse({ type: [InvoiceReminderDto], description: 'The reminders sent of the invoice, oldest first.' })
  @ApiProblems(404)
  history(@Param('id', uuid) id: string) {
    return this.reminders.history(id);
  }

  @Get('reminder-settings')
  @ApiOkResponse({ type: ReminderSettingsDto, description: 'Automatic payment reminders (the nightly job).' })
  settings() {
    return this.reminders.settings();
  }

  @Put('reminder-settings')
  @TenantStaffAccess('owner')
  @ApiOkResponse({ type: ReminderSettingsDto })
  @ApiProblems(409)
  updateSettings(@Body() dto: UpdateReminderSettingsDto, @CurrentPrincipal() actor: Principal) {
    return this.reminders.updateSettings(actor, dto);
  }
}
