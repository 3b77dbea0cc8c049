// What the import routes take and answer, for validation and the OpenAPI document.
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsBase64, IsBoolean, IsIn, IsObject, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { FieldErrorDto } from '@app/core';
import { IMPORT_FIELDS, type ImportField, type Mapping } from '../import-rows';

export const DUPLICATE_MODES = ['skip', 'update'] as const;
export type DuplicateMode = (typeof DUPLICATE_MODES)[number];

const MAPPING_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: { type: 'string', enum: [...IMPORT_FIELDS], nullable: true } as object,
  description: 'Column name (as in the first line of the file) -> the field it fills; null leaves the column out.',
  example: { Nimi: 'contactName', Sähköposti: 'email', Puhelin: 'phone', Markkinointilupa: 'marketingEmailConsent', Muistiinpanot: null },
};

export class UploadImportDto {
  @ApiProperty({ example: 'asiakkaat.csv' })
  @IsString() @Length(1, 200)
  fileName: string;

  @ApiProperty({ description: 'The file, base64-encoded: CSV with `;` or `,`, in UTF-8 (with or without BOM) or Windows-1252. At most 10 MB.' })
  @IsString() @IsBase64() @MaxLength(14_000_000)
  content: string;
}

export class ImportOptionsDto {
  @ApiProperty(MAPPING_SCHEMA)
  @IsObject()
  mapping: Mapping;

  @ApiProperty({ enum: DUPLICATE_MODES, enumName: 'DuplicateMode', description: 'A row whose e-mail or phone is already in the register (or on an earlier line of the file): left out, or its fields written over the record.' })
  @IsIn(DUPLICATE_MODES)
  duplicates: DuplicateMode;
}

export class CommitImportDto extends ImportOptionsDto {
  @ApiPropertyOptional({ default: false, description: 'When true, a single row with an error imports nothing (422) and the register stays as it was.' })
  @IsOptional() @IsBoolean()
  allOrNothing?: boolean;
}

export class ImportFileDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: ['utf-8', 'windows-1252'] }) encoding: string;
  @ApiProperty({ enum: [';', ','] }) separator: string;
  @ApiProperty({ type: [String], description: 'The column names of the first line.' }) header: string[];
  @ApiProperty() rowCount: number;
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } }, description: 'The first rows as read, for choosing the mapping (in the answer to the upload; empty later).' }) sample: string[][];
  @ApiProperty({ ...(MAPPING_SCHEMA as object), description: 'The mapping suggested: what this tenant chose last time for a column of that name, else a guess from the name.' }) mapping: Record<string, ImportField | null>;
  @ApiProperty({ type: [String], enum: IMPORT_FIELDS, description: 'Every field a column can fill.' }) fields: string[];
  @ApiProperty({ enum: ['uploaded', 'importing', 'imported', 'failed'] }) state: string;
  @ApiProperty({ description: 'Rows written so far while importing.' }) processed: number;
  @ApiProperty({ type: () => ImportResultDto, nullable: true }) result: ImportResultDto | null;
}

export class DuplicateOfDto {
  @ApiProperty({ enum: ['email', 'phone'] }) by: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The customer of the register it matches.' }) customerId: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The earlier line of the file it matches.' }) line: number | null;
}

export class PreviewRowDto {
  @ApiProperty({ description: 'The line of the file the row ends on (the first line is the header).' }) line: number;
  @ApiProperty({ enum: ['create', 'update', 'skip', 'error'] }) action: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'The mapped cells as written, by field.' }) values: Record<string, string>;
  @ApiProperty({ type: [FieldErrorDto] }) errors: FieldErrorDto[];
  @ApiProperty({ type: DuplicateOfDto, nullable: true }) duplicateOf: DuplicateOfDto | null;
}

export class PreviewDto {
  @ApiProperty() total: number;
  @ApiProperty() create: number;
  @ApiProperty() update: number;
  @ApiProperty() skip: number;
  @ApiProperty() error: number;
  @ApiProperty({ type: [PreviewRowDto], description: 'Rows with errors or duplicates first (by line), then the others, at most 500.' }) rows: PreviewRowDto[];
}

export class ImportResultDto {
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() skipped: number;
  @ApiProperty() failed: number;
  @ApiProperty({ description: 'Consent events recorded with the channel `import`.' }) consents: number;
  @ApiProperty({ type: [Number], description: 'Lines not imported because of their errors.' }) failedLines: number[];
}
