// What the API answers about the register settings (RegisterSettingsView), for the OpenAPI document.
import { ApiProperty } from '@nestjs/swagger';
import { DATA_CATEGORIES, MARKETING_CHANNELS } from '../register-settings.types';
import { RequestContactDto } from './register-settings.dto';

export class RegisterTextDto {
  @ApiProperty() fi: string;
  @ApiProperty() en: string;
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
  @ApiProperty({ description: 'Goes up with every change of the statement.' }) noticeVersion: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: EffectiveSettingsDto }) effective: EffectiveSettingsDto;
}
