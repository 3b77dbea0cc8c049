import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsEmail, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageQuery } from '@app/core';
import { OBJECTION_DECISIONS, type ObjectionDecision, REPEAT_DECISIONS, REQUEST_CHANNELS, REQUEST_STATES, REQUEST_TYPES, type RepeatDecision, type RequestChannel, type RequestState, type RequestType, STAFF_CHECK_METHODS, type StaffCheckMethod } from '../request.entity';

export class RecordRequestDto {
  @ApiProperty() @IsUUID()
  customerId: string;

  @ApiProperty({ enum: REQUEST_TYPES }) @IsIn(REQUEST_TYPES)
  type: RequestType;

  @ApiProperty({ enum: REQUEST_CHANNELS, description: 'How the request came: portal, e-mail, letter or phone.' }) @IsIn(REQUEST_CHANNELS)
  channel: RequestChannel;

  @ApiPropertyOptional({ description: 'When the request arrived (defaults to now); the deadline counts from here.' })
  @IsOptional() @IsDateString({ strict: true })
  receivedAt?: string;

  @ApiPropertyOptional({ description: 'What is asked, e.g. which data to rectify.' })
  @IsOptional() @IsString() @Length(1, 2000)
  details?: string;
}

/** What a customer asks in the portal; rectification and restriction say what (the others may add a note). */
export const PORTAL_REQUEST_TYPES = ['access', 'rectification', 'erasure', 'restriction', 'objection', 'objection_legitimate_interest'] as const;
/** An objection under Art. 21(1) rests on 'grounds relating to the particular situation': the person says which. */
const NEEDS_DETAILS: readonly string[] = ['rectification', 'restriction', 'objection_legitimate_interest'];

export class PortalRequestDto {
  @ApiProperty({ enum: PORTAL_REQUEST_TYPES }) @IsIn(PORTAL_REQUEST_TYPES)
  type: (typeof PORTAL_REQUEST_TYPES)[number];

  @ApiPropertyOptional({ description: 'What is asked; required for rectification (which data, how), restriction (which processing, why) and an objection to processing based on legitimate interest (the grounds in the person\'s situation).' })
  @ValidateIf((o: PortalRequestDto) => o.details !== undefined || NEEDS_DETAILS.includes(o.type))
  @IsString() @Length(1, 2000)
  details?: string;
}

export class VerifyRequestDto {
  @ApiProperty({
    enum: STAFF_CHECK_METHODS,
    enumName: 'StaffCheckMethod',
    description: 'The check made against what the register holds: an identity document seen in person, a call back to the phone number on record, or a signed letter matching the register.',
  })
  @IsIn(STAFF_CHECK_METHODS)
  method: StaffCheckMethod;

  @ApiPropertyOptional({ example: 'Driving licence, checked at the front desk', description: 'What was checked (never a copy of the document).' })
  @IsOptional() @IsString() @MaxLength(500)
  note?: string;
}

export const REQUEST_MAIL_EVENTS = ['received', 'code', 'extended', 'completed', 'rejected', 'repeat-serve', 'repeat-fee', 'repeat-refuse', 'objection-upheld', 'objection-rejected', 'arrived', 'due-soon', 'overdue'] as const;
export type RequestMailEvent = (typeof REQUEST_MAIL_EVENTS)[number];

/** A mail (or, to the handlers, a set of the same mail) queued about a request: what, to whom, and how it went. */
export class RequestMailDto {
  @ApiProperty({ enum: REQUEST_MAIL_EVENTS, enumName: 'RequestMailEvent' }) event: RequestMailEvent;
  @ApiProperty({ enum: ['person', 'handlers'], description: 'The person who made the request, or the owners and staff (one message each).' }) recipients: 'person' | 'handlers';
  @ApiProperty({ description: 'How many messages (one per owner or staff member for the handlers).' }) messages: number;
  @ApiProperty({ format: 'date-time' }) queuedAt: string;
  @ApiProperty({ description: 'How many of them the mail server has accepted.' }) delivered: number;
  @ApiProperty({ description: 'How many failed for good (after every retry).' }) failed: number;
}

export class CodeSentDto {
  @ApiProperty({ example: 'a•••@example.fi', description: 'The address on record the code went to, masked.' }) sentTo: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

/** What the person enters on the public page /t/:tenant/verify. */
export class EnterCodeDto {
  @ApiProperty({ description: 'The e-mail address the code was sent to.' }) @IsEmail() @MaxLength(320)
  email: string;

  @ApiProperty({ example: '12345678', description: 'The eight-digit code from the e-mail (spaces ignored).' }) @IsString() @Length(6, 20)
  code: string;
}

export class CodeAcceptedDto {
  @ApiProperty({ enum: REQUEST_TYPES, enumName: 'RequestType' }) type: string;
  @ApiProperty({ format: 'date-time' }) verifiedAt: string;
}

export class RepeatAccessDecisionDto {
  @ApiProperty({ enum: REPEAT_DECISIONS, enumName: 'RepeatDecision', description: 'Serve it free, serve it for a reasonable fee (invoiced), or refuse it as manifestly unfounded or excessive.' })
  @IsIn(REPEAT_DECISIONS)
  decision: RepeatDecision;

  @ApiProperty({ description: 'The reason, sent to the person with the decision.' }) @IsString() @Length(3, 2000)
  reason: string;

  @ApiPropertyOptional({ description: 'The fee, net of VAT, in cents (decision `fee`): a reasonable fee based on administrative costs.' })
  @ValidateIf((o: RepeatAccessDecisionDto) => o.decision === 'fee' || o.feeCents !== undefined)
  @IsInt() @Min(1) @Max(100_000)
  feeCents?: number;

  @ApiPropertyOptional({ example: 25.5, description: "VAT percent of the fee; default: the general rate in force." })
  @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100)
  vatRate?: number;
}

export class ObjectionDecisionDto {
  @ApiProperty({ enum: OBJECTION_DECISIONS, enumName: 'ObjectionDecision', description: 'Upheld: processing based on legitimate interest stops for the person. Rejected: compelling legitimate grounds override (Art. 21(1)).' })
  @IsIn(OBJECTION_DECISIONS)
  decision: ObjectionDecision;

  @ApiProperty({ description: 'Upheld: what stops for the person. Rejected: the compelling legitimate grounds. Sent to the person with the decision.', minLength: 10, maxLength: 2000 })
  @IsString() @Length(10, 2000)
  reason: string;
}

export class ReasonDto {
  @ApiProperty() @IsString() @Length(3, 2000)
  reason: string;
}

export class LiftRestrictionDto {
  @ApiProperty({ description: 'Why the restriction is lifted (e.g. the accuracy has been checked); sent to the person.', minLength: 3, maxLength: 1500 })
  @IsString() @Length(3, 1500)
  reason: string;

  @ApiPropertyOptional({ description: 'Required when the register holds no e-mail address: how the person was told (e.g. "by letter on 2 Dec").', maxLength: 400 })
  @IsOptional() @IsString() @Length(3, 400)
  toldOtherwise?: string;
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

export const EXPORT_FORMATS = ['json', 'csv', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ExportQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json', description: 'JSON and CSV are machine-readable (Art. 20); HTML is for reading.' }) @IsOptional() @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}
