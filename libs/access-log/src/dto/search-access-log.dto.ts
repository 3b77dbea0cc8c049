import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, registerDecorator, ValidateNested, ValidationOptions } from 'class-validator';
import { containsIpAddress, parseIpFilter } from '../ip';
import { IP_FILTER_MESSAGE, JUSTIFICATION_MAX, JUSTIFICATION_MESSAGE, JUSTIFICATION_MIN } from '../search-filters';

const ZONED_TIME = /(Z|[+-]\d{2}:?\d{2})$/;
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const PRINCIPAL = new RegExp(`^(platform:${UUID}|(tenant-staff|customer):${UUID}:${UUID})$`);

function custom(name: string, validate: (value: unknown) => boolean, message: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({ name, target: target.constructor, propertyName: propertyName as string, options: { message, ...options }, validator: { validate } });
}

const IsIpOrNetwork = () => custom('isIpOrNetwork', (v) => typeof v === 'string' && parseIpFilter(v) !== null, IP_FILTER_MESSAGE);
// The justification is shown to the tenants whose traffic a search touches: an address in it would leak.
const NamesNoIpAddress = () => custom('namesNoIpAddress', (v) => typeof v === 'string' && !containsIpAddress(v), 'justification must not contain IP addresses (tenants see it)');
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class AccessLogFiltersDto {
  @ApiPropertyOptional({ example: '203.0.113.7', description: 'An address, or a network in CIDR form (203.0.113.0/24, 2001:db8::/32).' })
  @IsOptional() @IsString() @MaxLength(64) @IsIpOrNetwork()
  ip?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z', description: 'Start of the window (inclusive), ISO 8601 with a zone. Default: 30 days before `to`.' })
  @IsOptional() @IsISO8601({ strict: true }) @Matches(ZONED_TIME, { message: 'from must name its time zone (Z or an offset)' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-25T00:00:00Z', description: 'End of the window (exclusive), ISO 8601 with a zone. Default: now. At most 31 days after `from`.' })
  @IsOptional() @IsISO8601({ strict: true }) @Matches(ZONED_TIME, { message: 'to must name its time zone (Z or an offset)' })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only requests made within this tenant.' })
  @IsOptional() @IsUUID()
  tenantId?: string;

  @ApiPropertyOptional({ example: 'tenant-staff:<tenant uuid>:<staff uuid>', description: 'Only requests of this principal (`platform:<id>`, `tenant-staff:<tenant>:<id>` or `customer:<tenant>:<id>`).' })
  @IsOptional() @IsString() @Matches(PRINCIPAL, { message: 'principal must be platform:<uuid>, tenant-staff:<tenant uuid>:<uuid> or customer:<tenant uuid>:<uuid>' })
  principal?: string;
}

export class SearchAccessLogDto {
  @ApiProperty({ type: AccessLogFiltersDto, description: 'At least one of ip, tenantId and principal, within a window of at most 31 days.' })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => AccessLogFiltersDto)
  filters: AccessLogFiltersDto;

  @ApiProperty({
    minLength: JUSTIFICATION_MIN,
    maxLength: JUSTIFICATION_MAX,
    description: 'Why this search is needed. Recorded with the search and shown to the tenants whose traffic it touches, so it must not name IP addresses.',
  })
  @Transform(trim) @IsString() @Length(JUSTIFICATION_MIN, JUSTIFICATION_MAX, { message: JUSTIFICATION_MESSAGE }) @NamesNoIpAddress()
  justification: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional() @IsInt() @Min(1) @Max(1000)
  limit?: number;
}

/** A tenant's owners see when platform staff searched its traffic, and why (never what was found). */
export class TransparencyEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) searchedAt: string;
  @ApiProperty() justification: string;
}

export class FoundRowDto {
  @ApiProperty({ format: 'date-time' }) loggedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'Shown to investigators only.' }) ip: string | null;
  @ApiProperty() method: string;
  @ApiProperty({ description: 'The route template, never the raw path.' }) route: string;
  @ApiProperty() status: number;
  @ApiProperty() latencyMs: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) tenantId: string | null;
  @ApiProperty({ type: String, nullable: true }) principal: string | null;
  @ApiProperty() requestId: string;
}

export class SearchResultDto {
  @ApiProperty({ format: 'uuid', description: 'The audit record of this search.' }) id: string;
  @ApiProperty({ format: 'date-time' }) searchedAt: string;
  @ApiProperty() rowCount: number;
  @ApiProperty({ description: 'More rows matched than `limit`: narrow the search to see them.' }) truncated: boolean;
  @ApiProperty({ type: [FoundRowDto] }) rows: FoundRowDto[];
}

export class InvestigatorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
}

export class SearchAuditEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) searchedAt: string;
  @ApiProperty({ type: InvestigatorDto }) investigator: InvestigatorDto;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The filters as given (addresses only for investigators).' }) filters: Record<string, unknown>;
  @ApiProperty() justification: string;
  @ApiProperty() rowCount: number;
  @ApiProperty({ type: [String] }) tenantIds: string[];
}
