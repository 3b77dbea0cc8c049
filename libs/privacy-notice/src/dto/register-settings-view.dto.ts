// What the API answers about the register settings (RegisterSettingsView), for the OpenAPI document.
import { ApiProperty } from '@nestjs/swagger';
import { DATA_CATEGORIES, MARKETING_CHANNELS } from '../register-settings.types';
import { RequestContactDto } from './register-settings.dto';
import { PrivacyNoticeDto, RecipientViewDto } from './privacy-notice-view.dto';

export class RegisterTextDto {
  @ApiProperty() fi: string;
  @ApiProperty() en: string;
}

export class SettingsWarningDto {
  @ApiProperty({ enum: ['cookies-contradiction'], enumName: 'SettingsWarningCode' }) code: string;
  @ApiProperty({ example: 'cookies.fi' }) field: string;
  @ApiProperty({ type: [String], description: 'The words found, as written.' }) terms: string[];
  @ApiProperty({ description: "In the field's language." }) message: string;
}

export class EffectiveSettingsDto {
  @ApiProperty({ type: RegisterTextDto }) registerName: RegisterTextDto;
  @ApiProperty({ type: RequestContactDto }) requestContact: RequestContactDto;
  @ApiProperty({ description: "The tenant's setting, capped by how long the platform keeps the access log." }) ipLogRetentionDays: number;
}

export class RegisterSettingsDto {
  @ApiProperty({ type: String, nullable: true, description: "Null: derived from the controller's legal name." }) registerName: string | null;
  @ApiProperty({ type: RegisterTextDto }) purposes: RegisterTextDto;
  @ApiProperty({ enum: DATA_CATEGORIES, enumName: 'DataCategory', isArray: true }) dataCategories: string[];
  @ApiProperty({ type: RegisterTextDto }) dataSources: RegisterTextDto;
  @ApiProperty({ type: RegisterTextDto }) disclosures: RegisterTextDto;
  @ApiProperty() transfersOutsideEea: boolean;
  @ApiProperty({ type: RegisterTextDto, nullable: true }) transferSafeguards: RegisterTextDto | null;
  @ApiProperty() customerReviewAfterMonths: number;
  @ApiProperty() invoiceRetentionYears: number;
  @ApiProperty() accessRequestsPerYear: number;
  @ApiProperty() ipLogRetentionDays: number;
  @ApiProperty({ enum: MARKETING_CHANNELS, enumName: 'MarketingChannel', isArray: true }) marketingChannels: string[];
  @ApiProperty({ type: RegisterTextDto }) securityMeasures: RegisterTextDto;
  @ApiProperty({ type: RegisterTextDto }) cookies: RegisterTextDto;
  @ApiProperty({ type: RequestContactDto, nullable: true, description: "Null: the controller's contact person and e-mail." }) requestContact: RequestContactDto | null;
  @ApiProperty({ type: [RecipientViewDto] }) recipients: RecipientViewDto[];
  @ApiProperty({ description: 'Goes up with every change of the statement.' }) noticeVersion: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: EffectiveSettingsDto }) effective: EffectiveSettingsDto;
  @ApiProperty({ type: [SettingsWarningDto], description: 'Valid, but worth a look: e.g. a cookie text that mentions analytics cookies the system does not set.' }) warnings: SettingsWarningDto[];
}

export class RegisterSettingsPreviewDto {
  @ApiProperty({ type: RegisterSettingsDto, description: 'The settings as the change would make them (nothing stored).' }) settings: RegisterSettingsDto;
  @ApiProperty({ type: PrivacyNoticeDto }) fi: PrivacyNoticeDto;
  @ApiProperty({ type: PrivacyNoticeDto }) en: PrivacyNoticeDto;
}

export class SettingsVersionDto {
  @ApiProperty() noticeVersion: number;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ type: String, nullable: true }) updatedBy: string | null;
}
