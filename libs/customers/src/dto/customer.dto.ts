import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEmail, IsIn, IsInt, IsISO31661Alpha2, IsOptional, IsString, Length, Matches, MaxLength, Min } from 'class-validator';
import { IsBusinessId, PageQuery } from '@app/core';
import { IsPhoneNumber } from '../phone';

export const CUSTOMER_SORTS = ['-created', 'created', 'name', '-name', '-updated', 'updated'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export class CreateCustomerDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: '2832233-5', description: 'Finnish business ID; absent for a private person.' })
  @IsOptional() @IsBusinessId()
  businessId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Espoon Hyvinvointi Oy' })
  @IsOptional() @IsString() @Length(1, 200)
  companyName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Maija Meikäläinen', description: 'Contact person (or the private customer).' })
  @IsOptional() @IsString() @Length(1, 200)
  contactName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'maija@example.fi', description: 'Unique within the tenant, case-insensitively.' })
  @IsOptional() @IsEmail() @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+358401234567', description: 'Any common format; stored as E.164 (Finnish numbers need no country code).' })
  @IsOptional() @IsPhoneNumber()
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Merivirta 5A' })
  @IsOptional() @IsString() @Length(1, 200)
  streetAddress?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '02320' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9 -]{2,12}$/, { message: 'postalCode must be 2-12 letters, digits, spaces or hyphens' })
  postalCode?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Espoo' })
  @IsOptional() @IsString() @Length(1, 100)
  city?: string | null;

  @ApiPropertyOptional({ example: 'FI', default: 'FI', description: 'ISO 3166-1 alpha-2.' })
  @IsOptional() @IsISO31661Alpha2()
  country?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Maija' })
  @IsOptional() @IsString() @Length(1, 100)
  billingFirstName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Meikäläinen' })
  @IsOptional() @IsString() @Length(1, 100)
  billingLastName?: string | null;
}

export class UpdateCustomerDto extends PartialType(CreateCustomerDto) {
  @ApiProperty({ description: 'The version you read; a stale one answers 409.' })
  @IsInt() @Min(1)
  version: number;
}

export class ListCustomersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Matches names, company, e-mail, phone or business ID (substring, case-insensitive).' })
  @IsOptional() @IsString() @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({
    enum: CUSTOMER_SORTS,
    enumName: 'CustomerSort',
    default: '-created',
    description: 'The order: by name (as listed), when registered or when last changed; a leading minus for descending. A cursor belongs to its order.',
  })
  @IsOptional() @IsIn(CUSTOMER_SORTS)
  sort?: CustomerSort;
}
