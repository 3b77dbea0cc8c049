// What the duplicate and merge routes take and answer.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class DuplicatesQuery {
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

export class MergeCustomersDto {
  @ApiProperty({ format: 'uuid', description: 'The customer kept: its fields stay, its empty fields take the other\'s values.' })
  @IsUUID()
  keepId: string;

  @ApiProperty({ description: 'The version of the kept customer you read; a stale one answers 409.' })
  @IsInt() @Min(1)
  keepVersion: number;

  @ApiProperty({ format: 'uuid', description: 'The customer merged in and then removed: its invoices, consent events, requests, portal account and audit trail move to the kept one.' })
  @IsUUID()
  mergeId: string;

  @ApiProperty({ description: 'The version of the merged customer you read; a stale one answers 409.' })
  @IsInt() @Min(1)
  mergeVersion: number;
}

export class DuplicateCustomerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, nullable: true }) businessId: string | null;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class DuplicatePairDto {
  @ApiProperty({ type: DuplicateCustomerDto, description: 'The one registered first.' }) a: DuplicateCustomerDto;
  @ApiProperty({ type: DuplicateCustomerDto }) b: DuplicateCustomerDto;
  @ApiProperty({ type: [String], enum: ['phone', 'name'], description: 'Why they look like one customer.' }) reasons: string[];
  @ApiProperty({ description: '1 for the same phone; the names\' trigram similarity otherwise.' }) score: number;
}

export class MergeResultDto {
  @ApiProperty({ format: 'uuid' }) keptId: string;
  @ApiProperty({ format: 'uuid' }) mergedId: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Rows moved to the kept customer, by table (audit_event: entries of the trail).' }) moved: Record<string, number>;
  @ApiProperty({ type: [String], description: 'Fields of the kept customer filled from the merged one.' }) filled: string[];
}
