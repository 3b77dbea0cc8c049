// Tenant staff bring their customers in from a CSV file: upload, preview, import.
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, type Principal, TenantStaffAccess } from '@app/core';
import { CustomerImportService } from './customer-import.service';
import { CommitImportDto, ImportFileDto, ImportOptionsDto, ImportResultDto, PreviewDto, UploadImportDto } from './dto/customer-import.dto';

@ApiTags('tenant: customer import')
@Controller('t/:tenant/customer-imports')
export class CustomerImportController {
  constructor(private readonly imports: CustomerImportService) {}

  @Post()
  @TenantStaffAccess('owner', 'staff')
  @HttpCode(201)
  @ApiCreatedResponse({ type: ImportFileDto, description: 'The file as read (encoding and separator detected), its columns and a suggested mapping. A file that is not readable CSV answers 400 naming the line and column.' })
  @ApiProblems(413)
  upload(@Body() dto: UploadImportDto, @CurrentPrincipal() actor: Principal) {
    return this.imports.upload(actor, dto.fileName, dto.content);
  }

  @Get(':id')
  @TenantStaffAccess('owner', 'staff')
  @ApiOkResponse({ type: ImportFileDto, description: 'The file, and while importing how many rows are written (`processed`).' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.imports.get(id);
  }

  @Post(':id/preview')
  @TenantStaffAccess('owner', 'staff')
  @HttpCode(200)
  @ApiOkResponse({ type: PreviewDto, description: 'What importing with this mapping would do, row by row; changes nothing but the remembered mapping.' })
  preview(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ImportOptionsDto) {
    return this.imports.preview(id, dto);
  }

  @Post(':id/commit')
  @TenantStaffAccess('owner', 'staff')
  @HttpCode(200)
  @ApiOkResponse({ type: ImportResultDto })
  @ApiProblems(409, 422)
  commit(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CommitImportDto, @CurrentPrincipal() actor: Principal) {
    return this.imports.commit(actor, id, dto);
  }
}
