// What the API answers about a customer (CustomerView), for the OpenAPI document and the console's client.
import { ApiProperty } from '@nestjs/swagger';

export class CustomerRestrictionDto {
  @ApiProperty({ format: 'date-time', description: 'Processing restricted since.' }) since: string;
  @ApiProperty({ description: 'Why (from the restriction request, or as the owner wrote it).' }) reason: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The restriction request that asked it.' }) requestId: string | null;
}

export class CustomerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Send it back with a change; a stale one answers 409.' }) version: number;
  @ApiProperty({ type: String, nullable: true, example: '2832233-5' }) businessId: string | null;
  @ApiProperty({ type: String, nullable: true }) companyName: string | null;
  @ApiProperty({ type: String, nullable: true }) contactName: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'E.164' }) phone: string | null;
  @ApiProperty({ type: String, nullable: true }) streetAddress: string | null;
  @ApiProperty({ type: String, nullable: true }) postalCode: string | null;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
  @ApiProperty({ example: 'FI' }) country: string;
  @ApiProperty({ type: String, nullable: true }) billingFirstName: string | null;
  @ApiProperty({ type: String, nullable: true }) billingLastName: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Last sign-in to the portal.' }) lastLoginAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({
    type: CustomerRestrictionDto,
    nullable: true,
    description: 'Processing restricted (GDPR Art. 18): the record is only stored. Changes, new invoices and consents answer 409 `customer-restricted`; the customer is left out of marketing audiences. Null when not restricted.',
  })
  restriction: CustomerRestrictionDto | null;
}

export class AuditEntryDto {
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ description: 'Who: a principal key such as `tenant-staff:<tenant>:<id>`.' }) actor: string;
  @ApiProperty({ type: String, nullable: true, description: 'The name of the member of staff who did it (disabled members too); null for anyone else (the customer, the system).' })
  actorName: string | null;
  @ApiProperty({ example: 'customer.updated' }) action: string;
  @ApiProperty() subjectType: string;
  @ApiProperty({ type: String, nullable: true }) subjectId: string | null;
  @ApiProperty({ type: [String], description: 'The fields that changed; never their values.' }) fields: string[];
}
