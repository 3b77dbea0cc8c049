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

/** When the current session ends unless it is used (idle) or in any case (absolute), by the server's clock. */
export class SessionStatusDto {
  @ApiProperty({ format: 'date-time', description: 'The server’s clock now: measure the times below against it, not the browser’s.' }) now: string;
  @ApiProperty({ format: 'date-time', description: 'The earlier of the two ends below: when the session ends if nothing else happens.' }) expiresAt: string;
  @ApiProperty({ format: 'date-time', description: 'Ends here without activity; every other request (not this one) renews it.' }) idleExpiresAt: string;
  @ApiProperty({ format: 'date-time', description: 'Ends here whatever the activity; signing in again starts a new one.' }) absoluteExpiresAt: string;
  @ApiProperty({ description: 'How long a request keeps the session alive, in seconds.' }) idleTimeoutSeconds: number;
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

export class StaffRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
}

/** A role proposed by one admin, waiting for a second admin's approval. */
export class PendingRoleGrantDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PLATFORM_ROLES, enumName: 'PlatformRole' }) role: PlatformRole;
  @ApiProperty({ type: StaffRefDto, nullable: true }) proposedBy: StaffRefDto | null;
  @ApiProperty({ format: 'date-time' }) proposedAt: string;
}

export class RoleHistoryEntryDto {
  @ApiProperty({ enum: PLATFORM_ROLES, enumName: 'PlatformRole' }) role: PlatformRole;
  @ApiProperty({ enum: ['grant', 'propose', 'approve', 'withdraw', 'revoke'] }) action: 'grant' | 'propose' | 'approve' | 'withdraw' | 'revoke';
  @ApiProperty({ type: StaffRefDto, nullable: true, description: 'Null for the first admin made at start or by the CLI.' }) actor: StaffRefDto | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) grantId: string | null;
}

/** A member of platform staff with the roles waiting for approval. */
export class PlatformStaffRolesDto extends PlatformStaffMemberDto {
  @ApiProperty({ type: [PendingRoleGrantDto] }) pendingGrants: PendingRoleGrantDto[];
}

export class PlatformStaffListItemDto extends PlatformStaffRolesDto {
  @ApiProperty({ type: [RoleHistoryEntryDto] }) roleHistory: RoleHistoryEntryDto[];
}

export class InvitedPlatformStaffMemberDto extends PlatformStaffMemberDto {
  @ApiProperty({ description: 'The link to set a password (token in the fragment); also e-mailed.' }) invitationUrl: string;
  @ApiProperty({ format: 'date-time' }) invitationExpiresAt: string;
}
