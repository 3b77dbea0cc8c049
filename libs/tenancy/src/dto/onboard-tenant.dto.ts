import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import { IsEmail, IsIn, IsInt, IsOptional, Min, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsBusinessId } from '@app/core';

export class OnboardTenantDto {
  @ApiProperty({ example: 'wellnessroom-espoo', description: 'Lower-case letters, digits and hyphens; used in URLs.' })
  @IsString() @Matches(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/, { message: 'slug must be 3-40 lower-case letters, digits or hyphens' })
  slug: string;

  @ApiProperty({ example: 'WellnessRoom Espoo' })
  @IsString() @Length(1, 200)
  legalName: string;

  @ApiProperty({ example: '2832233-5', description: 'Finnish business ID (Y-tunnus) with a valid check digit.' })
  @IsBusinessId()
  businessId: string;

  @ApiProperty({ example: 'Merivirta 5A, 2.krs' })
  @IsString() @Length(1, 200)
  streetAddress: string;

  @ApiProperty({ example: '02320' })
  @IsString() @Matches(/^\d{5}$/, { message: 'postalCode must be a five-digit Finnish postal code' })
  postalCode: string;

  @ApiProperty({ example: 'Espoo' })
  @IsString() @Length(1, 100)
  city: string;

  @ApiProperty({ example: 'aleksi@wellnessroom.fi' })
  @IsEmail() @MaxLength(254)
  contactEmail: string;

  @ApiProperty({ example: 'Aleksi Kovács' })
  @IsString() @Length(1, 200)
  contactPerson: string;

  @ApiPropertyOptional({ description: 'The owner to invite; defaults to the contact e-mail.' })
  @IsOptional() @IsEmail() @MaxLength(254)
  ownerEmail?: string;

  @ApiPropertyOptional({ description: "The owner's name; defaults to the contact person." })
  @IsOptional() @IsString() @Length(1, 200)
  ownerName?: string;

  @ApiPropertyOptional({ enum: ['fi', 'en'], default: 'fi' })
  @IsOptional() @IsIn(['fi', 'en'])
  language?: 'fi' | 'en';
}

/** Controller details may change; the slug and the schema never do. */
export class UpdateTenantDto extends PartialType(OmitType(OnboardTenantDto, ['slug', 'ownerEmail', 'ownerName'] as const)) {
  @ApiProperty({ description: 'The version you read; a stale one answers 409.' })
  @IsInt() @Min(1)
  version: number;
}
