// What the API answers about the register settings (RegisterSettingsView), for the OpenAPI document.
import { ApiProperty } from '@nestjs/swagger';
import { DATA_CATEGORIES, MARKETING_CHANNELS } from '../register-settings.types';

export class LocalizedTextDto {
  @ApiProperty() fi: string;
  @ApiProperty() en: string;
}

export class RequestContactDto {
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class EffectiveSettingsDto {
  @ApiProperty({ type: LocalizedTextDto }) registerName: LocalizedTextDto;
  @ApiProperty({ type: RequestContactDto }) requestContact: RequestContactDto;
  @ApiProperty({ description: "The tenant's setting, capped by how long the platform keeps the access log." }) ipLogRetentionDays: number;
}

export class RegisterSettingsDto {
  @ApiProperty({ type: String, nullable: true, description: "Null: derived from the controller's legal name." }) registerName: string | null;
  @ApiProperty({ type: LocalizedTextDto }) purposes: LocalizedTextDto;
  @ApiProperty({ enum: DATA_CATEGORIES, enumName: 'DataCategory', isArray: true }) dataCategories: string[];
  @ApiProperty({ type: LocalizedTextDto }) dataSources: LocalizedTextDto;
  @ApiProperty({ type: LocalizedTextDto }) disclosures: LocalizedTextDto;
  @ApiProperty() transfersOutsideEea: boolean;
  @ApiProperty({ type: LocalizedTextDto, nullable: true }) transferSafeguards: LocalizedTextDto | null;
  @ApiProperty() customerReviewAfterMonths: number;
  @ApiProperty() invoiceRetentionYears: number;
  @ApiProperty() accessRequestsPerYear: number;
  @ApiProperty() ipLogRetentionDays: number;
  @ApiProperty({ enum: MARKETING_CHANNELS, enumName: 'MarketingChannel', isArray: true }) marketingChannels: string[];
  @ApiProperty({ type: LocalizedTextDto }) securityMeasures: LocalizedTextDto;
  @ApiProperty({ type: LocalizedTextDto }) cookies: LocalizedTextDto;
  @ApiProperty({ type: RequestContactDto, nullable: true, description: "Null: the controller's contact person and e-mail." }) requestContact: RequestContactDto | null;
  @ApiProperty({ description: 'Goes up with every change of the statement.' }) noticeVersion: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: EffectiveSettingsDto }) effective: EffectiveSettingsDto;
}
