import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDefined, IsIn, IsISO8601, IsObject, IsString, Length, Matches, ValidateNested } from 'class-validator';
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

export class FollowUpDto {
  @ApiProperty({ type: IncidentLocalizedTextDto, description: 'What was done in response (the countermeasures), as the affected people will read it.' })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => IncidentLocalizedTextDto)
  countermeasures: IncidentLocalizedTextDto;
}
