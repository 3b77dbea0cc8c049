// The privacy statement as JSON (PrivacyNotice), for the OpenAPI document: the console previews it from this.
import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { SECTION_KEYS } from '../privacy-notice.document';
import { LANGUAGES, RECIPIENT_ROLES } from '../register-settings.types';
import { LocalizedTextDto } from './register-settings.dto';

export class NoticeParagraphDto {
  @ApiProperty({ enum: ['paragraph'] }) kind: 'paragraph';
  @ApiProperty() text: string;
}

export class NoticeListDto {
  @ApiProperty({ enum: ['list'] }) kind: 'list';
  @ApiProperty({ type: [String] }) items: string[];
}

export class NoticeFactDto {
  @ApiProperty() label: string;
  @ApiProperty() value: string;
}

export class NoticeFactsDto {
  @ApiProperty({ enum: ['facts'] }) kind: 'facts';
  @ApiProperty({ type: [NoticeFactDto] }) items: NoticeFactDto[];
}

@ApiExtraModels(NoticeParagraphDto, NoticeListDto, NoticeFactsDto)
export class NoticeSectionDto {
  @ApiProperty({ description: 'Its number in the statement, from 1.' }) number: number;
  @ApiProperty({ enum: SECTION_KEYS, enumName: 'NoticeSectionKey' }) key: string;
  @ApiProperty() heading: string;
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(NoticeParagraphDto) }, { $ref: getSchemaPath(NoticeListDto) }, { $ref: getSchemaPath(NoticeFactsDto) }], discriminator: { propertyName: 'kind', mapping: { paragraph: getSchemaPath(NoticeParagraphDto), list: getSchemaPath(NoticeListDto), facts: getSchemaPath(NoticeFactsDto) } } },
    description: 'Paragraphs, bulleted lists and label–value facts, in reading order.',
  })
  blocks: (NoticeParagraphDto | NoticeListDto | NoticeFactsDto)[];
}

export class NoticeKeyFactsDto {
  @ApiProperty() accessRequestsPerYear: number;
  @ApiProperty() customerReviewAfterMonths: number;
  @ApiProperty() invoiceRetentionYears: number;
  @ApiProperty({ description: 'As enforced: capped by how long the platform keeps the log.' }) ipLogRetentionDays: number;
  @ApiProperty() transfersOutsideEea: boolean;
  @ApiProperty({ type: [String] }) marketingChannels: string[];
}

export class RecipientViewDto {
  @ApiProperty() name: string;
  @ApiProperty({ enum: RECIPIENT_ROLES, enumName: 'RecipientRole' }) role: string;
  @ApiProperty({ description: 'ISO 3166-1 alpha-2.' }) country: string;
  @ApiProperty({ description: 'Whether the country is outside the EU/EEA.' }) outsideEea: boolean;
  @ApiProperty({ type: LocalizedTextDto, nullable: true }) safeguard: LocalizedTextDto | null;
}

export class PrivacyNoticeDto {
  @ApiProperty({ description: "The tenant's slug." }) tenant: string;
  @ApiProperty({ enum: LANGUAGES, enumName: 'NoticeLanguage' }) language: string;
  @ApiProperty() title: string;
  @ApiProperty() subtitle: string;
  @ApiProperty({ description: '"Versio 3, päivitetty 25.11.2026": what a reader quotes.' }) versionLine: string;
  @ApiProperty() noticeVersion: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: NoticeKeyFactsDto, description: 'The numbers the system enforces, as the statement states them.' }) facts: NoticeKeyFactsDto;
  @ApiProperty({ type: [RecipientViewDto], description: 'Who receives or processes the data (GDPR Art. 13(1)(e)).' }) recipients: RecipientViewDto[];
  @ApiProperty({ type: [NoticeSectionDto] }) sections: NoticeSectionDto[];
}
