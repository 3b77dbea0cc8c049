// What the API answers about consents (ConsentState, its history, the audience), for the OpenAPI document.
import { ApiProperty } from '@nestjs/swagger';
import { CONSENT_CHANNELS, CONSENT_SOURCES, PURPOSES } from '../consent.entity';

export class ConsentWordingDto {
  @ApiProperty() fi: string;
  @ApiProperty() en: string;
}

export class ConsentStateDto {
  @ApiProperty({ enum: PURPOSES, enumName: 'ConsentPurpose' }) purpose: string;
  @ApiProperty({ description: 'Holds now (opt-in only: false until granted).' }) granted: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) since: string | null;
  @ApiProperty({ type: String, nullable: true, enum: CONSENT_CHANNELS }) channel: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The version of the privacy notice shown.' }) noticeVersion: number | null;
  @ApiProperty({ type: String, nullable: true, enum: CONSENT_SOURCES, enumName: 'ConsentSource' }) source: string | null;
  @ApiProperty({ enum: ['email', 'sms'], enumName: 'MarketingMedium', description: "The purpose's message channel." }) medium: string;
  @ApiProperty({ description: "The register settings list the purpose's channel: consent can be given only then (withdrawn always)." }) offered: boolean;
  @ApiProperty({ description: 'Given under purposes of the register that have changed since: does not count until given again.' }) needsRenewal: boolean;
  @ApiProperty({ type: ConsentWordingDto, description: 'The words a grant now shows and records.' }) wording: ConsentWordingDto;
}

export class ConsentHistoryEntryDto {
  @ApiProperty({ enum: PURPOSES, enumName: 'ConsentPurpose' }) purpose: string;
  @ApiProperty({ enum: ['granted', 'withdrawn'] }) action: string;
  @ApiProperty({ enum: CONSENT_CHANNELS }) channel: string;
  @ApiProperty({ description: 'Who acted: a principal key.' }) actor: string;
  @ApiProperty({ description: 'The version of the privacy statement in force.' }) noticeVersion: number;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ enum: CONSENT_SOURCES, enumName: 'ConsentSource', description: 'Where it came from.' }) source: string;
  @ApiProperty({ enum: ['email', 'sms'], enumName: 'MarketingMedium' }) medium: string;
  @ApiProperty({ type: String, nullable: true, description: 'The words the person agreed to (grants; null for events before they were kept).' }) wording: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['fi', 'en'] }) wordingLang: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The staff member who recorded it (principal key); null when the person acted.' }) recordedBy: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The staff member's name then." }) recordedByName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'How a written consent is evidenced.' }) evidence: string | null;
}

export class ConsentWithHistoryDto extends ConsentStateDto {
  @ApiProperty({ description: 'The person has objected to direct marketing: only their own new consent (portal, or written with evidence) lifts it.' }) objected: boolean;
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
