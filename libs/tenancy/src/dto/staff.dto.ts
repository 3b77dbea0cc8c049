import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { TENANT_ROLES, type TenantRole } from '@app/core';

export class InviteStaffDto {
  @ApiProperty() @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty() @IsString() @Length(1, 200)
  name: string;

  @ApiProperty({ enum: TENANT_ROLES }) @IsIn(TENANT_ROLES)
  role: TenantRole;
}
