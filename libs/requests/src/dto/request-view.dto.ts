// What the API answers about a data-subject request (RequestView), for the OpenAPI document.
import { ApiProperty } from '@nestjs/swagger';
import { REPEAT_DECISIONS, REQUEST_CHANNELS, REQUEST_STATES, REQUEST_TYPES, VERIFICATION_METHODS } from '../request.entity';

export class DataSubjectRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null once the customer is erased.' }) customerId: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The customer's name as written on an invoice; null once erased." }) customerName: string | null;
  @ApiProperty({ enum: REQUEST_TYPES, enumName: 'RequestType' }) type: string;
  @ApiProperty({ enum: REQUEST_CHANNELS, enumName: 'RequestChannel' }) channel: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ format: 'date-time', description: 'One month from receipt, or later once extended.' }) dueAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) extendedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) extensionReason: string | null;
  @ApiProperty({ enum: REQUEST_STATES, enumName: 'RequestState' }) state: string;
  @ApiProperty({ type: String, nullable: true }) verifiedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) verifiedAt: string | null;
  @ApiProperty({ enum: VERIFICATION_METHODS, enumName: 'VerificationMethod', nullable: true, description: 'How the identity was verified; legacy_free_text only for requests decided before methods were fixed.' }) verificationMethod: string | null;
  @ApiProperty({ type: String, nullable: true, description: "Staff's note on their check (or a legacy free-text verification)." }) verificationNote: string | null;
  @ApiProperty({ enum: REPEAT_DECISIONS, enumName: 'RepeatDecision', nullable: true, description: "The owner's decision on an access request beyond the free copies a year." }) repeatDecision: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The invoice of the fee, when one was charged.' }) feeInvoiceId: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectionReason: string | null;
  @ApiProperty({ type: String, nullable: true }) overrideReason: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['upheld', 'rejected'], description: 'An objection under Art. 21(1): the owner\'s decision.' }) objectionDecision: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'An upheld objection under Art. 21(1): what stopped for the person.' }) objectionEffect: string | null;
  @ApiProperty({ type: String, nullable: true }) details: string | null;
  @ApiProperty() recordedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'Still open past its deadline.' }) overdue: boolean;
  @ApiProperty({ description: 'An open access request beyond the free copies a year: the owner decides (serve, fee or refuse).' }) beyondFreeCopies: boolean;
}
