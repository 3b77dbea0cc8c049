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

export class EndedSessionsDto {
  @ApiProperty({ description: 'How many other sessions were ended.' }) ended: number;
}
