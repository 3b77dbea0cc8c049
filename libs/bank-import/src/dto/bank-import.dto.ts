import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBase64, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '@app/core';

/** A bank file is at most 2 MB: some thousands of payments, a month of a busy business. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export class ImportBankFileDto {
  @ApiProperty({ example: 'camt054-2026-12-01.xml', description: "The file's name, for the people who look at the import later." })
  @IsString() @Length(1, 255)
  fileName: string;

  @ApiProperty({ description: 'The file as it came from the bank, base64-encoded (at most 2 MB of file).' })
  @IsString() @MaxLength(Math.ceil(MAX_FILE_BYTES / 3) * 4) @IsBase64()
  contentBase64: string;
}

export class AssignBankEntryDto {
  @ApiProperty({ description: 'The invoice the open amount is booked to.' })
  @IsUUID()
  invoiceId: string;
}

export class ResolveBankEntryDto {
  @ApiProperty({ example: 'Palautettu maksajalle 2.12.', description: 'What was done about it (a refund, a payment that was not ours).' })
  @IsString() @Length(3, 500)
  note: string;
}

export class ListBankImportsQuery extends PageQuery {}

export class ListBankEntriesQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'The nextOffset of the previous page.' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000)
  offset?: number;

  @ApiPropertyOptional({ enum: ['open', 'all'], default: 'open', description: 'open: unmatched and overpaid entries nobody has resolved yet.' })
  @IsOptional() @IsIn(['open', 'all'])
  show?: 'open' | 'all';
}
