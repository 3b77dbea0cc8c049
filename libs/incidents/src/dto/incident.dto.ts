import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDefined, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { INCIDENT_DATA_CATEGORIES, type IncidentDataCategory } from '../incident-texts';

const ZONED_TIME = /(Z|[+-]\d{2}:?\d{2})$/;
const SLUG = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A text in both languages of the platform: each tenant's people read it in the tenant's language. */
export class IncidentLocalizedTextDto {
  @ApiProperty({ minLength: 10, maxLength: 5000, description: 'In Finnish.' })
  @Transform(trim) @IsString() @Length(10, 5000)
  fi: string;

  @ApiProperty({ minLength: 10, maxLength: 5000, description: 'In English.' })
  @Transform(trim) @IsString() @Length(10, 5000)
  en: string;
}

export class CreateIncidentDto {
  @ApiProperty({ minLength: 3, maxLength: 200, example: 'Unauthorised access to the invoice archive' })
  @Transform(trim) @IsString() @Length(3, 200)
  title: string;

  @ApiProperty({ type: IncidentLocalizedTextDto, description: 'What happened, as the affected people will read it.' })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => IncidentLocalizedTextDto)
  whatHappened: IncidentLocalizedTextDto;

  @ApiProperty({ example: '2026-11-20T08:30:00Z', description: 'When the breach happened (ISO 8601 with a zone).' })
  @IsISO8601({ strict: true }) @Matches(ZONED_TIME, { message: 'occurredAt must name its time zone (Z or an offset)' })
  occurredAt: string;

  @ApiProperty({ example: '2026-11-21T10:00:00Z', description: 'When it was discovered; the 72-hour clock runs from here. Not before occurredAt, not in the future.' })
  @IsISO8601({ strict: true }) @Matches(ZONED_TIME, { message: 'discoveredAt must name its time zone (Z or an offset)' })
  discoveredAt: string;

  @ApiProperty({ type: [String], example: ['wellnessroom-espoo'], description: 'Slugs of the affected tenants.' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ArrayUnique() @IsString({ each: true }) @Matches(SLUG, { each: true, message: 'each tenant must be a tenant slug' })
  tenants: string[];

  @ApiProperty({ enum: INCIDENT_DATA_CATEGORIES, isArray: true, description: 'The kinds of data the breach concerns.' })
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(INCIDENT_DATA_CATEGORIES, { each: true })
  dataCategories: IncidentDataCategory[];
}

/** A notice's text, in both languages: the tenant's customers read the one in the tenant's language. */
export class NoticeTextDto {
  @ApiProperty({ minLength: 10, maxLength: 10000, description: 'In Finnish.' })
  @Transform(trim) @IsString() @Length(10, 10000)
  fi: string;

  @ApiProperty({ minLength: 10, maxLength: 10000, description: 'In English.' })
  @Transform(trim) @IsString() @Length(10, 10000)
  en: string;
}

export const SELECTION_MODES = ['all', 'criteria', 'list', 'notified'] as const;

/**
 * Whom a notice goes to: `all` the tenant's customers; `criteria`, those registered on or after
 * `registeredAfter` and/or before `registeredBefore`; `list`, the customers named by id; `notified`, those
 * sent an initial notice of the incident (a follow-up's usual audience). Only customers with an e-mail
 * address can be reached; the others are counted as unreachable.
 */
export class RecipientSelectionDto {
  @ApiProperty({ enum: SELECTION_MODES })
  @IsIn(SELECTION_MODES)
  mode: (typeof SELECTION_MODES)[number];

  @ApiPropertyOptional({ example: '2026-01-01', description: 'criteria: registered on or after this day (ISO date or time).' })
  @ValidateIf((o: RecipientSelectionDto) => o.mode === 'criteria' && o.registeredAfter !== undefined) @IsISO8601({ strict: true })
  registeredAfter?: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'criteria: registered before this day (ISO date or time).' })
  @ValidateIf((o: RecipientSelectionDto) => o.mode === 'criteria' && o.registeredBefore !== undefined) @IsISO8601({ strict: true })
  registeredBefore?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'list: the customers, by id.' })
  @ValidateIf((o: RecipientSelectionDto) => o.mode === 'list') @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10000) @ArrayUnique() @IsUUID('all', { each: true })
  customerIds?: string[];
}

export class CreateNoticeDto {
  @ApiProperty({ example: 'wellnessroom-espoo', description: 'The affected tenant whose customers the notice goes to.' })
  @IsString() @Matches(SLUG, { message: 'tenant must be a tenant slug' })
  tenant: string;

  @ApiProperty({ enum: ['initial', 'follow_up'] })
  @IsIn(['initial', 'follow_up'])
  kind: 'initial' | 'follow_up';

  @ApiProperty({ type: RecipientSelectionDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => RecipientSelectionDto)
  selection: RecipientSelectionDto;

  @ApiPropertyOptional({ type: NoticeTextDto, description: 'Left out for an initial notice: drafted from the incident (what happened, which data, what to do, whom to contact). A follow-up needs its text.' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => NoticeTextDto)
  text?: NoticeTextDto;
}

export class UpdateNoticeDto {
  @ApiProperty({ type: RecipientSelectionDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => RecipientSelectionDto)
  selection: RecipientSelectionDto;

  @ApiProperty({ type: NoticeTextDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => NoticeTextDto)
  text: NoticeTextDto;

  @ApiProperty({ description: 'The version last read: a notice changed since is not overwritten (409).' })
  @IsInt() @Min(1)
  version: number;
}

export class SubmitNoticeDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 72, default: 24, description: 'Hours the owner has to answer; after that a platform admin may send with a justification.' })
  @IsOptional() @IsInt() @Min(1) @Max(72)
  approvalHours?: number;

  @ApiProperty() @IsInt() @Min(1)
  version: number;
}

export class SendNoticeDto {
  @ApiPropertyOptional({ minLength: 20, maxLength: 2000, description: 'Required, and only accepted, when sending a notice the owner has not answered by its approval deadline.' })
  @IsOptional() @Transform(trim) @IsString() @Length(20, 2000)
  justification?: string;
}

export class ApproveNoticeDto {
  @ApiProperty({ description: 'The version the owner read: approving text or recipients changed since is refused (409).' })
  @IsInt() @Min(1)
  version: number;
}

export class RejectNoticeDto {
  @ApiProperty({ minLength: 3, maxLength: 2000, description: 'Why, for the platform admin who redrafts it.' })
  @Transform(trim) @IsString() @Length(3, 2000)
  reason: string;

  @ApiProperty() @IsInt() @Min(1)
  version: number;
}
