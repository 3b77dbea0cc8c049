// The shapes the bank import answers with, for the OpenAPI document.
import { ApiProperty } from '@nestjs/swagger';

export class BankEntryInvoiceDto {
  @ApiProperty() id: string;
  @ApiProperty() number: number;
}

export class BankEntryResolutionDto {
  @ApiProperty({ enum: ['assigned', 'noted'] }) kind: 'assigned' | 'noted';
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: BankEntryInvoiceDto, nullable: true }) invoice: BankEntryInvoiceDto | null;
  @ApiProperty() resolvedAt: string;
}

export class BankEntryDuplicateDto {
  @ApiProperty() entryId: string;
  @ApiProperty() importId: string;
  @ApiProperty() fileName: string;
}

export class BankEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() importId: string;
  @ApiProperty({ description: 'The line of the file where the entry is.' }) line: number;
  @ApiProperty({ description: "The bank's archive id (AcctSvcrRef)." }) archiveId: string;
  @ApiProperty() amountCents: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '2026-12-01' }) bookedOn: string;
  @ApiProperty({ type: String, nullable: true, description: 'The creditor reference as the payer gave it.' }) reference: string | null;
  @ApiProperty({ type: String, nullable: true }) payerName: string | null;
  @ApiProperty({ enum: ['matched', 'overpaid', 'unmatched', 'duplicate'] }) status: string;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['no_reference', 'unknown_reference', 'not_payable', 'before_issue', 'correction', 'currency', 'overpaid', 'already_imported', 'repeated_in_file'],
  })
  reason: string | null;
  @ApiProperty({ type: BankEntryInvoiceDto, nullable: true }) invoice: BankEntryInvoiceDto | null;
  @ApiProperty({ description: 'What was booked to the invoice.' }) bookedCents: number;
  @ApiProperty({ description: 'What is left for a person to resolve (0 once resolved).' }) openCents: number;
  @ApiProperty({ description: 'Unmatched or overpaid, and nobody has resolved it yet.' }) open: boolean;
  @ApiProperty({ type: BankEntryDuplicateDto, nullable: true }) duplicateOf: BankEntryDuplicateDto | null;
  @ApiProperty({ type: BankEntryResolutionDto, nullable: true }) resolution: BankEntryResolutionDto | null;
}

export class BankImportSummaryDto {
  @ApiProperty({ description: 'Payments in the file.' }) total: number;
  @ApiProperty() matched: number;
  @ApiProperty() overpaid: number;
  @ApiProperty() unmatched: number;
  @ApiProperty() duplicate: number;
  @ApiProperty({ description: 'Entries still waiting for a person.' }) open: number;
  @ApiProperty() bookedCents: number;
  @ApiProperty() openCents: number;
}

export class BankImportDto {
  @ApiProperty() id: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: ['camt054', 'ktl'] }) format: string;
  @ApiProperty() importedAt: string;
  @ApiProperty({ type: BankImportSummaryDto }) summary: BankImportSummaryDto;
}

export class BankImportDetailDto extends BankImportDto {
  @ApiProperty({ type: [BankEntryDto], description: 'In the order of the file.' }) entries: BankEntryDto[];
}

export class BankImportListDto {
  @ApiProperty({ type: [BankImportDto] }) items: BankImportDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class BankEntryListDto {
  @ApiProperty({ type: [BankEntryDto] }) items: BankEntryDto[];
  @ApiProperty({ type: Number, nullable: true }) nextOffset: number | null;
}
