// What the API answers about a data-subject request (RequestView), for the OpenAPI document.
import { ApiProperty } from '@nestjs/swagger';
import { REQUEST_CHANNELS, REQUEST_STATES, REQUEST_TYPES } from '../request.entity';

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
  @ApiProperty({ type: String, nullable: true }) verificationMethod: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectionReason: string | null;
  @ApiProperty({ type: String, nullable: true }) overrideReason: string | null;
  @ApiProperty({ type: String, nullable: true }) details: string | null;
  @ApiProperty() recordedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'Still open past its deadline.' }) overdue: boolean;
}
