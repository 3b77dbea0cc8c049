import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { PageQuery } from '@app/core';
import { REQUEST_CHANNELS, REQUEST_STATES, REQUEST_TYPES, type RequestChannel, type RequestState, type RequestType } from '../request.entity';

export class RecordRequestDto {
  @ApiProperty() @IsUUID()
  customerId: string;

  @ApiProperty({ enum: REQUEST_TYPES }) @IsIn(REQUEST_TYPES)
  type: RequestType;

  @ApiProperty({ enum: REQUEST_CHANNELS, description: 'Requests are written: portal, e-mail or letter.' }) @IsIn(REQUEST_CHANNELS)
  channel: RequestChannel;

  @ApiPropertyOptional({ description: 'When the request arrived (defaults to now); the deadline counts from here.' })
  @IsOptional() @IsDateString({ strict: true })
  receivedAt?: string;

  @ApiPropertyOptional({ description: 'What is asked, e.g. which data to rectify.' })
  @IsOptional() @IsString() @Length(1, 2000)
  details?: string;
}

/** What a customer asks in the portal; rectification and restriction say what (the others may add a note). */
export const PORTAL_REQUEST_TYPES = ['access', 'rectification', 'erasure', 'restriction', 'objection'] as const;
const NEEDS_DETAILS: readonly string[] = ['rectification', 'restriction'];

export class PortalRequestDto {
  @ApiProperty({ enum: PORTAL_REQUEST_TYPES }) @IsIn(PORTAL_REQUEST_TYPES)
  type: (typeof PORTAL_REQUEST_TYPES)[number];

  @ApiPropertyOptional({ description: 'What is asked; required for rectification (which data, how) and restriction (which processing, why).' })
  @ValidateIf((o: PortalRequestDto) => o.details !== undefined || NEEDS_DETAILS.includes(o.type))
  @IsString() @Length(1, 2000)
  details?: string;
}

export class VerifyRequestDto {
  @ApiProperty({ example: 'Reply from the e-mail address on record', description: 'How the identity was verified.' })
  @IsString() @Length(3, 500)
  method: string;
}

export class ReasonDto {
  @ApiProperty() @IsString() @Length(3, 2000)
  reason: string;
}

export class CompleteRequestDto {
  @ApiPropertyOptional({ description: 'Owner only: serve an access request beyond the yearly limit, and why.' })
  @IsOptional() @IsString() @Length(3, 2000)
  overrideReason?: string;
}

export class ListRequestsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'due_soon', 'overdue', 'all'], default: 'all' })
  @IsOptional() @IsIn(['open', 'due_soon', 'overdue', 'all'])
  filter?: 'open' | 'due_soon' | 'overdue' | 'all';

  @ApiPropertyOptional() @IsOptional() @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ enum: REQUEST_STATES, description: 'Only requests in this state (combines with filter).' })
  @IsOptional() @IsIn(REQUEST_STATES)
  state?: RequestState;
}

export class ExportQuery {
  @ApiPropertyOptional({ enum: ['json', 'html'], default: 'json' }) @IsOptional() @IsIn(['json', 'html'])
  format?: 'json' | 'html';
}
