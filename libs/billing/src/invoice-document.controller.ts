// An issued invoice as documents: the PDF (download, or e-mailed to the customer) and Finvoice 3.0.
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, type Principal, TenantStaffAccess } from '@app/core';
import { InvoiceDocumentService, type RenderedFile } from './invoice-document.service';
import { InvoiceDocumentQuery, InvoiceSentDto, SendInvoiceDto } from './dto/invoice-document.dto';

const uuid = new ParseUUIDPipe();
const file = (f: RenderedFile) => new StreamableFile(f.body, { type: f.contentType, disposition: `attachment; filename="${f.filename}"`, length: f.body.length });

@ApiTags('tenant: billing')
@Controller('t/:tenant/invoices/:id')
@TenantStaffAccess('owner', 'staff')
export class InvoiceDocumentController {
  constructor(private readonly documents: InvoiceDocumentService) {}

  @Get('pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The invoice or credit note as a PDF, with the bank barcode when money is owed.', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(409)
  async pdf(@Param('id', uuid) id: string, @Query() query: InvoiceDocumentQuery) {
    return file(await this.documents.pdf(id, query.lang));
  }

  @Get('finvoice')
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'The invoice as a Finvoice 3.0 message (company customers only).', content: { 'application/xml': { schema: { type: 'string' } } } })
  @ApiProblems(409, 422)
  async finvoice(@Param('id', uuid) id: string, @Query() query: InvoiceDocumentQuery) {
    return file(await this.documents.finvoice(id, query.lang));
  }

  @Post('send')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: InvoiceSentDto, description: "Queued in the outbox: the PDF goes to the customer's e-mail address." })
  @ApiProblems(409)
  send(@Param('id', uuid) id: string, @Body() dto: SendInvoiceDto, @CurrentPrincipal() actor: Principal) {
    return this.documents.send(actor, id, dto.lang);
  }
}
