// Who is signed in, as the API answers it (login and GET me), for the OpenAPI document.
import { ApiProperty } from '@nestjs/swagger';
import { PLATFORM_ROLES, type PlatformRole, TENANT_ROLES, type TenantRole } from '@app/core';

export class TenantStaffPrincipalDto {
  @ApiProperty({ enum: ['tenant-staff'] }) kind: 'tenant-staff';
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: TENANT_ROLES, enumName: 'TenantRole' }) role: TenantRole;
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty() tenantSlug: string;
}

export class PlatformPrincipalDto {
  @ApiProperty({ enum: ['platform'] }) kind: 'platform';
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PLATFORM_ROLES, enumName: 'PlatformRole', isArray: true }) roles: PlatformRole[];
}

/** A customer signed in to the portal. */
export class CustomerPrincipalDto {
  @ApiProperty({ enum: ['customer'] }) kind: 'customer';
  @ApiProperty({ format: 'uuid', description: "The customer's id in the tenant's register." }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty() tenantSlug: string;
}

export class EndedSessionsDto {
  @ApiProperty({ description: 'How many other sessions were ended.' }) ended: number;
}

/** A member of platform staff (PlatformStaffView). */
export class PlatformStaffMemberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PLATFORM_ROLES, enumName: 'PlatformRole', isArray: true }) roles: PlatformRole[];
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastLoginAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class InvitedPlatformStaffMemberDto extends PlatformStaffMemberDto {
  @ApiProperty({ description: 'The link to set a password (token in the fragment); also e-mailed.' }) invitationUrl: string;
  @ApiProperty({ format: 'date-time' }) invitationExpiresAt: string;
}
