// Payments from the bank: import a statement file, see what it booked, resolve what it could not.
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, type Principal, TenantStaffAccess } from '@app/core';
import { BankImportService } from './bank-import.service';
import { AssignBankEntryDto, ImportBankFileDto, ListBankEntriesQuery, ListBankImportsQuery, ResolveBankEntryDto } from './dto/bank-import.dto';
import { BankEntryDto, BankEntryListDto, BankImportDetailDto, BankImportListDto } from './dto/bank-import-view.dto';

const uuid = new ParseUUIDPipe();

/**
 * Owner only: a statement shows every payment into the business's account, also from people who are not in
 * the register, and one import books many payments at once. Staff record single payments on an invoice.
 */
@ApiTags('tenant: bank import')
@Controller('t/:tenant')
@TenantStaffAccess('owner')
export class BankImportController {
  constructor(private readonly bank: BankImportService) {}

  @Post('bank-imports')
  @HttpCode(201)
  @ApiCreatedResponse({ type: BankImportDetailDto, description: 'The file read and booked: each entry matched, overpaid, unmatched or a duplicate.' })
  @ApiProblems(409, 422)
  import(@Body() dto: ImportBankFileDto, @CurrentPrincipal() actor: Principal) {
    return this.bank.importFile(actor, dto);
  }

  @Get('bank-imports')
  @ApiOkResponse({ type: BankImportListDto, description: 'Imported files, newest first.' })
  list(@Query() query: ListBankImportsQuery) {
    return this.bank.list(query.limit, query.cursor);
  }

  @Get('bank-imports/:id')
  @ApiOkResponse({ type: BankImportDetailDto })
  get(@Param('id', uuid) id: string) {
    return this.bank.get(id);
  }

  @Get('bank-entries')
  @ApiOkResponse({ type: BankEntryListDto, description: 'Entries across imports, oldest first; by default the open ones (unmatched or overpaid, unresolved).' })
  entries(@Query() query: ListBankEntriesQuery) {
    return this.bank.listEntries(query);
  }

  @Post('bank-entries/:id/assign')
  @HttpCode(200)
  @ApiOkResponse({ type: BankEntryDto, description: "The open amount booked to the invoice (billing's rules: not more than is outstanding)." })
  @ApiProblems(409)
  assign(@Param('id', uuid) id: string, @Body() dto: AssignBankEntryDto, @CurrentPrincipal() actor: Principal) {
    return this.bank.assign(actor, id, dto);
  }

  @Post('bank-entries/:id/resolve')
  @HttpCode(200)
  @ApiOkResponse({ type: BankEntryDto, description: 'Closed with a note; nothing booked.' })
  @ApiProblems(409)
  resolve(@Param('id', uuid) id: string, @Body() dto: ResolveBankEntryDto, @CurrentPrincipal() actor: Principal) {
    return this.bank.resolve(actor, id, dto);
  }
}
