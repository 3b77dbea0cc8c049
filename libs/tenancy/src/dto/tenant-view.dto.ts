// What platform staff are answered about tenants (TenantView, OnboardingResult).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class TenantDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() legalName: string;
  @ApiProperty() businessId: string;
  @ApiProperty() streetAddress: string;
  @ApiProperty() postalCode: string;
  @ApiProperty() city: string;
  @ApiProperty() contactEmail: string;
  @ApiProperty() contactPerson: string;
  @ApiProperty({ enum: ['fi', 'en'] }) language: string;
  @ApiProperty({ enum: ['active', 'suspended', 'left'], description: '`left`: the business left the platform and its register was deleted.' }) status: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
}

export class TenantDetailDto extends TenantDto {
  @ApiPropertyOptional({ description: 'On a Citus cluster, the worker (host:port) that holds the tenant\'s schema; absent on a single PostgreSQL.', example: '10.0.0.12:5432' })
  node?: string;
}

export class InvitedOwnerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ description: 'The owner sets a password here (token in the fragment); also e-mailed.' }) invitationUrl: string;
  @ApiProperty({ format: 'date-time' }) invitationExpiresAt: string;
}

export class OnboardingResultDto {
  @ApiProperty({ type: TenantDto }) tenant: TenantDto;
  @ApiProperty({ type: InvitedOwnerDto }) owner: InvitedOwnerDto;
}
