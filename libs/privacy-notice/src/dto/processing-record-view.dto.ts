// The record of processing activities as JSON (ProcessingRecord), for the OpenAPI document.
import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { CONTROLLER_RECORD_SECTIONS, PROCESSOR_RECORD_SECTIONS } from '../processing-record.document';
import { LANGUAGES } from '../register-settings.types';
import { NoticeFactsDto, NoticeListDto, NoticeParagraphDto } from './privacy-notice-view.dto';

export class RecordSectionDto {
  @ApiProperty({ description: 'Its number in the record, from 1.' }) number: number;
  @ApiProperty({ enum: [...new Set([...CONTROLLER_RECORD_SECTIONS, ...PROCESSOR_RECORD_SECTIONS])], enumName: 'RecordSectionKey' }) key: string;
  @ApiProperty() heading: string;
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(NoticeParagraphDto) }, { $ref: getSchemaPath(NoticeListDto) }, { $ref: getSchemaPath(NoticeFactsDto) }], discriminator: { propertyName: 'kind', mapping: { paragraph: getSchemaPath(NoticeParagraphDto), list: getSchemaPath(NoticeListDto), facts: getSchemaPath(NoticeFactsDto) } } },
  })
  blocks: (NoticeParagraphDto | NoticeListDto | NoticeFactsDto)[];
}

export class ProcessingRecordDto {
  @ApiProperty({ enum: ['controller', 'processor'], enumName: 'ProcessingRecordKind', description: 'controller: Art. 30(1), a business\'s register; processor: Art. 30(2), the platform.' }) kind: string;
  @ApiProperty({ type: String, nullable: true, description: "The tenant's slug; null for the platform's record." }) tenant: string | null;
  @ApiProperty({ enum: LANGUAGES, enumName: 'NoticeLanguage' }) language: string;
  @ApiProperty() title: string;
  @ApiProperty() subtitle: string;
  @ApiProperty() versionLine: string;
  @ApiProperty({ type: Number, nullable: true, description: 'The register settings version it was generated from; null for the platform.' }) noticeVersion: number | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: [RecordSectionDto] }) sections: RecordSectionDto[];
}
