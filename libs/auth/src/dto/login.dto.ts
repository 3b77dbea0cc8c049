import { ApiProperty } from '@nestjs/swagger';
import { IsArray, IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { PLATFORM_ROLES, type PlatformRole } from '@app/core';

export class LoginDto {
  @ApiProperty({ example: 'aleksi@wellnessroom.fi' })
  @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString() @Length(1, 256)
  password: string;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token from the invitation link.' })
  @IsString() @Length(20, 200)
  token: string;

  @ApiProperty({
    minLength: 12,
    maxLength: 256,
    description: 'The new password: at least 12 characters, not only whitespace, not a common or breached password, and hard to guess (zxcvbn score 3 or more).',
  })
  @IsString() @Length(12, 256, { message: 'password must be 12 to 256 characters long' })
  password: string;
}

export class RequestPasswordResetDto {
  @ApiProperty({ example: 'aleksi@wellnessroom.fi', description: 'The address to send the reset link to, if it has an account.' })
  @IsEmail() @MaxLength(254)
  email: string;
}

/** The token from the reset link and the new password (the same rule as a first password). */
export class CompletePasswordResetDto extends AcceptInvitationDto {}

export class InvitePlatformStaffDto {
  @ApiProperty() @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty() @IsString() @Length(1, 200)
  name: string;

  @ApiProperty({ enum: PLATFORM_ROLES, isArray: true })
  @IsArray() @IsIn(PLATFORM_ROLES, { each: true })
  roles: PlatformRole[];
}

export class SetRolesDto {
  @ApiProperty({ enum: PLATFORM_ROLES, isArray: true })
  @IsArray() @IsIn(PLATFORM_ROLES, { each: true })
  roles: PlatformRole[];
}
