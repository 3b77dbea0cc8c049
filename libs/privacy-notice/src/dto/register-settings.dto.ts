import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DATA_CATEGORIES, type DataCategory, MARKETING_CHANNELS, type MarketingChannel, RECIPIENT_ROLES, type RecipientRole } from '../register-settings.types';

/** Optional, but not nullable: `null` is validated (and refused) instead of skipped as IsOptional would. */
const Omittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

export class LocalizedTextDto {
  @ApiProperty({ description: 'Finnish text.' })
  @IsString() @Length(1, 4000)
  fi: string;

  @ApiProperty({ description: 'English text.' })
  @IsString() @Length(1, 4000)
  en: string;
}

export class RequestContactDto {
  @ApiProperty({ example: 'Aleksi Kovács' })
  @IsString() @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'aleksi@wellnessroom.fi' })
  @IsEmail() @MaxLength(254)
  email: string;
}

export class RecipientDto {
  @ApiProperty({ example: 'UpCloud Oy (Helsinki)', maxLength: 200 })
  @IsString() @Length(1, 200) @Matches(/^[^\u0000-\u001F\u007F]*$/, { message: 'name must be on one line' })
  name: string;

  @ApiProperty({ enum: RECIPIENT_ROLES, enumName: 'RecipientRole' })
  @IsIn(RECIPIENT_ROLES)
  role: RecipientRole;

  @ApiProperty({ example: 'FI', description: 'ISO 3166-1 alpha-2 code of the country where the data is processed.' })
  @IsString() @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter ISO 3166-1 code in capitals, e.g. FI' })
  country: string;

  @ApiPropertyOptional({ type: LocalizedTextDto, nullable: true, description: 'How a transfer outside the EU/EEA is protected; required for a country outside it.' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => LocalizedTextDto)
  safeguard?: LocalizedTextDto | null;
}

/** A partial update: the fields you leave out keep their value. */
export class UpdateRegisterSettingsDto {
  @ApiProperty({ description: 'The version you read; a stale one answers 409.' })
  @IsInt() @Min(1)
  version: number;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Wellnessroom asiakasrekisteri', description: "Null: \"<legal name> asiakasrekisteri\"." })
  @IsOptional() @IsString() @Length(1, 200)
  registerName?: string | null;

  @ApiPropertyOptional({ type: LocalizedTextDto })
  @Omittable() @IsObject() @ValidateNested() @Type(() => LocalizedTextDto)
  purposes?: LocalizedTextDto;

  @ApiPropertyOptional({ enum: DATA_CATEGORIES, isArray: true, description: 'Must list every category the system stores of a customer.' })
  @Omittable() @IsArray() @ArrayMaxSize(DATA_CATEGORIES.length) @ArrayUnique() @IsIn(DATA_CATEGORIES, { each: true })
  dataCategories?: DataCategory[];

  @ApiPropertyOptional({ type: LocalizedTextDto })
  @Omittable() @IsObject() @ValidateNested() @Type(() => LocalizedTextDto)
  dataSources?: LocalizedTextDto;

  @ApiPropertyOptional({ type: LocalizedTextDto, description: 'Regular disclosures of data (usually: none).' })
  @Omittable() @IsObject() @ValidateNested() @Type(() => LocalizedTextDto)
  disclosures?: LocalizedTextDto;

  @ApiPropertyOptional({ default: false, description: 'Whether data is transferred outside the EU/EEA; true needs transferSafeguards.' })
  @Omittable() @IsBoolean()
  transfersOutsideEea?: boolean;

  @ApiPropertyOptional({ type: LocalizedTextDto, nullable: true })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => LocalizedTextDto)
  transferSafeguards?: LocalizedTextDto | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 120, default: 36, description: 'Months after the customer relationship ends before the record is reviewed.' })
  @Omittable() @IsInt() @Min(1) @Max(120)
  customerReviewAfterMonths?: number;

  @ApiPropertyOptional({ minimum: 6, maximum: 20, default: 6, description: 'Years invoices are kept after the end of the financial year (the Accounting Act requires six).' })
  @Omittable() @IsInt() @Min(6) @Max(20)
  invoiceRetentionYears?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 12, default: 1, description: 'Access requests served per twelve months.' })
  @Omittable() @IsInt() @Min(1) @Max(12)
  accessRequestsPerYear?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 90, description: 'Days the IP access log is kept.' })
  @Omittable() @IsInt() @Min(1) @Max(365)
  ipLogRetentionDays?: number;

  @ApiPropertyOptional({ enum: MARKETING_CHANNELS, isArray: true, description: 'Opt-in marketing channels; empty: no marketing.' })
  @Omittable() @IsArray() @ArrayMaxSize(MARKETING_CHANNELS.length) @ArrayUnique() @IsIn(MARKETING_CHANNELS, { each: true })
  marketingChannels?: MarketingChannel[];

  @ApiPropertyOptional({ type: LocalizedTextDto })
  @Omittable() @IsObject() @ValidateNested() @Type(() => LocalizedTextDto)
  securityMeasures?: LocalizedTextDto;

  @ApiPropertyOptional({ type: LocalizedTextDto })
  @Omittable() @IsObject() @ValidateNested() @Type(() => LocalizedTextDto)
  cookies?: LocalizedTextDto;

  @ApiPropertyOptional({ type: RequestContactDto, nullable: true, description: "Null: the controller's contact person and e-mail." })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => RequestContactDto)
  requestContact?: RequestContactDto | null;

  @ApiPropertyOptional({ type: [RecipientDto], maxItems: 30, description: 'Recipients and processors of the data (GDPR Art. 13(1)(e)), in the order the statement lists them.' })
  @Omittable() @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => RecipientDto)
  recipients?: RecipientDto[];
}

/** Settings to preview: like an update, without the version (nothing is stored). */
export class PreviewRegisterSettingsDto extends OmitType(UpdateRegisterSettingsDto, ['version'] as const) {}
