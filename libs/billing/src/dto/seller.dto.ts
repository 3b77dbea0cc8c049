// The seller an invoice names and the account it is paid to: the tenant's legal identity with its IBAN and BIC.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Min, registerDecorator, type ValidationOptions } from 'class-validator';
import { isValidBIC, isValidIBAN } from 'ibantools';
import { IsBusinessId } from '@app/core';

/** Spaces are for reading only: stored without them, in upper case. */
const compact = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\s/g, '').toUpperCase() : value);

function validated(name: string, message: string, test: (value: string) => boolean, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && test(value) },
    });
}

export class UpdateSellerDto {
  @ApiProperty({ example: 'WellnessRoom Espoo Oy' })
  @IsString() @Length(1, 200)
  legalName: string;

  @ApiProperty({ example: '2832233-5' })
  @IsBusinessId()
  businessId: string;

  @ApiProperty({ example: 'Merivirta 5A' })
  @IsString() @Length(1, 200)
  streetAddress: string;

  @ApiProperty({ example: '02320' })
  @IsString() @Matches(/^\d{5}$/, { message: 'postalCode must be a five-digit Finnish postal code' })
  postalCode: string;

  @ApiProperty({ example: 'Espoo' })
  @IsString() @Length(1, 100)
  city: string;

  @ApiPropertyOptional({ example: 'FI49 5000 9420 0287 30', nullable: true, type: String, description: 'The account invoices are paid to; spaces allowed. Null removes it.' })
  @IsOptional() @Transform(compact) @validated('isIban', 'iban must be an IBAN with valid check digits (e.g. FI49 5000 9420 0287 30)', isValidIBAN)
  iban?: string | null;

  @ApiPropertyOptional({ example: 'OKOYFIHH', nullable: true, type: String, description: "The bank's BIC (8 or 11 characters)." })
  @IsOptional() @Transform(compact) @validated('isBic', 'bic must be a BIC of 8 or 11 letters and digits (e.g. OKOYFIHH)', isValidBIC)
  bic?: string | null;

  @ApiProperty({ description: 'The version you read; a stale one answers 409.' })
  @IsInt() @Min(1)
  version: number;
}

export class SellerDto {
  @ApiProperty() legalName: string;
  @ApiProperty() businessId: string;
  @ApiProperty() streetAddress: string;
  @ApiProperty() postalCode: string;
  @ApiProperty() city: string;
  @ApiProperty({ type: String, nullable: true, description: 'Compact, upper case.' }) iban: string | null;
  @ApiProperty({ type: String, nullable: true }) bic: string | null;
  @ApiProperty({ enum: ['fi', 'en'] }) language: string;
  @ApiProperty() version: number;
}
