import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsDateString, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '@app/core';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class InvoiceLineDto {
  @ApiProperty({ example: 'Hieronta 60 min' })
  @IsString() @Length(1, 500)
  description: string;

  @ApiProperty({ example: 1, description: 'Up to three decimals.' })
  @IsNumber({ maxDecimalPlaces: 3, allowNaN: false, allowInfinity: false }) @Min(0.001) @Max(1_000_000)
  quantity: number;

  @ApiProperty({ example: 6000, description: 'Net unit price in cents (VAT excluded); negative for a discount line.' })
  @IsInt() @Min(-100_000_000) @Max(100_000_000)
  unitPriceCents: number;

  @ApiProperty({ example: 25.5, description: 'VAT percent; must be a Finnish rate in force on the invoice date.' })
  @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100)
  vatRate: number;
}

export class CreateInvoiceDto {
  @ApiProperty() @IsUUID()
  customerId: string;

  @ApiProperty({ type: [InvoiceLineDto] })
  @ValidateNested({ each: true }) @Type(() => InvoiceLineDto) @ArrayMinSize(1) @ArrayMaxSize(200)
  lines: InvoiceLineDto[];

  @ApiPropertyOptional({ default: 14 })
  @IsOptional() @IsInt() @Min(0) @Max(365)
  paymentTermDays?: number;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(2000)
  notes?: string;
}

/** Prices lines as a draft would be priced today, writing nothing (the console's live totals). */
export class PriceInvoiceDto {
  @ApiProperty({ type: [InvoiceLineDto] })
  @ValidateNested({ each: true }) @Type(() => InvoiceLineDto) @ArrayMinSize(1) @ArrayMaxSize(200)
  lines: InvoiceLineDto[];
}

/** Changes a draft: the lines given replace all of them. `version` is the draft's as last read. */
export class UpdateDraftDto {
  @ApiProperty({ description: 'The version read; a stale one answers 409.' })
  @IsInt() @Min(1)
  version: number;

  @ApiPropertyOptional({ type: [InvoiceLineDto], description: 'Replaces every line of the draft.' })
  @IsOptional() @ValidateNested({ each: true }) @Type(() => InvoiceLineDto) @ArrayMinSize(1) @ArrayMaxSize(200)
  lines?: InvoiceLineDto[];

  @ApiPropertyOptional()
  @IsOptional() @IsInt() @Min(0) @Max(365)
  paymentTermDays?: number;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Null or empty clears them.' })
  @IsOptional() @IsString() @MaxLength(2000)
  notes?: string | null;
}

export class VatRatesQuery {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'Defaults to today (Europe/Helsinki).' })
  @IsOptional() @IsDateString({ strict: true }) @Matches(ISO_DATE, { message: 'on must be YYYY-MM-DD' })
  on?: string;
}

export class IssueInvoiceDto {
  @ApiPropertyOptional({ example: '2026-11-25', description: 'Defaults to today (Europe/Helsinki).' })
  @IsOptional() @IsDateString({ strict: true }) @Matches(ISO_DATE, { message: 'issueDate must be YYYY-MM-DD' })
  issueDate?: string;
}

export class RecordPaymentDto {
  @ApiProperty({ example: 7530 })
  @IsInt() @Min(1) @Max(1_000_000_000)
  amountCents: number;

  @ApiProperty({ example: '2026-11-30' })
  @IsDateString({ strict: true }) @Matches(ISO_DATE, { message: 'paidOn must be YYYY-MM-DD' })
  paidOn: string;

  @ApiPropertyOptional({ description: 'Bank archive reference or a note.' })
  @IsOptional() @IsString() @MaxLength(100)
  reference?: string;
}

export class ReversePaymentDto {
  @ApiProperty({ example: 'Recorded on the wrong invoice' })
  @IsString() @Length(3, 500)
  reason: string;
}

export class CreditInvoiceDto {
  @ApiProperty({ example: 'Duplicate booking' })
  @IsString() @Length(3, 500)
  reason: string;
}

export class ListInvoicesQuery extends PageQuery {}

export const INVOICE_STATUSES = ['draft', 'issued', 'partially_paid', 'paid', 'credited'] as const;

/** The invoice list across customers: filters, all optional, combined with "and". */
export class ListAllInvoicesQuery {
  @ApiPropertyOptional({ enum: INVOICE_STATUSES, enumName: 'InvoiceStatusFilter', description: 'The stored status (an overdue invoice is `issued` or `partially_paid`).' })
  @IsOptional() @IsIn(INVOICE_STATUSES)
  status?: (typeof INVOICE_STATUSES)[number];

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only overdue invoices (open, due date passed in Finland), or only the others.' })
  @IsOptional() @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Issued on or after.' })
  @IsOptional() @IsDateString({ strict: true }) @Matches(ISO_DATE, { message: 'from must be YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Issued on or before.' })
  @IsOptional() @IsDateString({ strict: true }) @Matches(ISO_DATE, { message: 'to must be YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'The nextOffset of the previous page.' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000)
  offset?: number;
}
