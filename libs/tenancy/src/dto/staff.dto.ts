import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { TENANT_ROLES, type TenantRole } from '@app/core';
import { STAFF_STATUSES, type StaffStatus } from '../tenant-members.service';

export class InviteStaffDto {
  @ApiProperty() @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty() @IsString() @Length(1, 200)
  name: string;

  @ApiProperty({ enum: TENANT_ROLES }) @IsIn(TENANT_ROLES)
  role: TenantRole;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: TENANT_ROLES, enumName: 'TenantRole' }) @IsIn(TENANT_ROLES)
  role: TenantRole;
}

/** A staff member as the API answers it (StaffView). */
export class StaffMemberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: TENANT_ROLES, enumName: 'TenantRole' }) role: TenantRole;
  @ApiProperty({ description: 'False once disabled; a disabled member cannot sign in.' }) active: boolean;
  @ApiProperty({ enum: STAFF_STATUSES, enumName: 'StaffStatus', description: 'invited: has not set a password yet; active: can sign in; disabled: can no longer sign in.' }) status: StaffStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastLoginAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class InvitedStaffMemberDto extends StaffMemberDto {
  @ApiProperty({ description: 'The link to set a password; also e-mailed. The token is in the fragment.' }) invitationUrl: string;
  @ApiProperty({ format: 'date-time' }) invitationExpiresAt: string;
}
