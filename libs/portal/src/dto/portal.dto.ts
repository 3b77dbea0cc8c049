import { ApiProperty, PickType } from '@nestjs/swagger';
import { ConsentHistoryEntryDto, ConsentStateDto } from '@app/consent';
import { InvoiceDto } from '@app/billing';
import { DataSubjectRequestDto } from '@app/requests';
import { PageOf } from '@app/core';
import { CustomerDto, UpdateCustomerDto } from '@app/customers';

/**
 * What a customer may rectify themselves: their contact details and billing name. The business ID and
 * company name identify a business customer and are changed by the tenant's staff.
 */
export class RectifyProfileDto extends PickType(UpdateCustomerDto, [
  'contactName',
  'email',
  'phone',
  'streetAddress',
  'postalCode',
  'city',
  'country',
  'billingFirstName',
  'billingLastName',
  'version',
] as const) {}

/** The answer to inviting a customer to the portal: the link is e-mailed too. */
export class PortalInvitationDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() email: string;
  @ApiProperty({ description: 'The link to set a password; the token is in the fragment.' }) invitationUrl: string;
  @ApiProperty({ format: 'date-time' }) invitationExpiresAt: string;
}

/** Everything held on the signed-in customer (GDPR Art. 15 at a glance; the export has it all). */
export class PortalMeDto {
  @ApiProperty({ description: "The business's name (the controller of the register)." }) tenantName: string;
  @ApiProperty({ type: CustomerDto }) profile: CustomerDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the customer last signed in to the portal.' }) lastLoginAt: string | null;
  @ApiProperty({ type: [ConsentStateDto] }) consents: ConsentStateDto[];
  @ApiProperty({ type: [ConsentHistoryEntryDto] }) consentLedger: ConsentHistoryEntryDto[];
  @ApiProperty({ type: PageOf(InvoiceDto), description: 'The latest invoices; the full history is in the access export.' }) invoices: { items: InvoiceDto[]; nextCursor: string | null };
  @ApiProperty({ type: [DataSubjectRequestDto] }) requests: DataSubjectRequestDto[];
}
