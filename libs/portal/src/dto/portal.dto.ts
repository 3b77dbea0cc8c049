import { ApiProperty, PickType } from '@nestjs/swagger';
import { UpdateCustomerDto } from '@app/customers';

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
