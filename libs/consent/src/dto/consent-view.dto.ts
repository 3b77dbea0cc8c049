// What the API answers about consents (ConsentState, its history, the audience), for the OpenAPI document.
import { ApiProperty } from '@nestjs/swagger';
import { PURPOSES } from '../consent.entity';

export class ConsentStateDto {
  @ApiProperty({ enum: PURPOSES, enumName: 'ConsentPurpose' }) purpose: string;
  @ApiProperty({ description: 'Holds now (opt-in only: false until granted).' }) granted: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) since: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['portal', 'staff_written_request', 'email_link', 'objection'] }) channel: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The version of the privacy notice shown.' }) noticeVersion: number | null;
}

export class ConsentHistoryEntryDto {
  @ApiProperty({ enum: PURPOSES, enumName: 'ConsentPurpose' }) purpose: string;
  @ApiProperty({ enum: ['granted', 'withdrawn'] }) action: string;
  @ApiProperty({ enum: ['portal', 'staff_written_request', 'email_link', 'objection'] }) channel: string;
  @ApiProperty({ description: 'Who recorded it: a principal key.' }) actor: string;
  @ApiProperty() noticeVersion: number;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
}

export class ConsentWithHistoryDto extends ConsentStateDto {
  @ApiProperty({ type: [ConsentHistoryEntryDto], description: 'Oldest first: the append-only ledger of this purpose.' }) history: ConsentHistoryEntryDto[];
}

export class AudienceMemberDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ format: 'date-time' }) consentedAt: string;
}

export class UnsubscribeLinkDto {
  @ApiProperty({ description: 'Signed, single-purpose token for the one-click unsubscribe link.' }) token: string;
  @ApiProperty({ description: 'The link for the text of a message: a page that says what it withdraws, with a button.' }) url: string;
  @ApiProperty({ description: 'For the `List-Unsubscribe` header with `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): a POST withdraws.' }) oneClickUrl: string;
}

/** What a one-click unsubscribe link is about, shown before the customer confirms. */
export class UnsubscribeDescriptionDto {
  @ApiProperty({ description: "The business's address in links (its slug)." }) tenant: string;
  @ApiProperty({ description: "The business's name." }) tenantName: string;
  @ApiProperty({ enum: PURPOSES, enumName: 'ConsentPurpose' }) purpose: string;
  @ApiProperty({ description: 'Whether the consent still holds.' }) granted: boolean;
}
