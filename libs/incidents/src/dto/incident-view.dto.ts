// What a tenant's owners are answered about incidents that concern them (TenantIncidentView).
import { ApiProperty } from '@nestjs/swagger';
import { INCIDENT_DATA_CATEGORIES } from '../incident-texts';

export class IncidentTextDto {
  @ApiProperty() fi: string;
  @ApiProperty() en: string;
}

export class DeliveryCountsDto {
  @ApiProperty() queued: number;
  @ApiProperty() delivered: number;
  @ApiProperty({ description: 'Given up on after the last retry.' }) failed: number;
  @ApiProperty({ description: 'Not yet delivered, still being retried.' }) pending: number;
}

export class NoticeCountsDto {
  @ApiProperty({ type: DeliveryCountsDto }) initial: DeliveryCountsDto;
  @ApiProperty({ type: DeliveryCountsDto }) followUp: DeliveryCountsDto;
}

export class ControllerClockDto {
  @ApiProperty({ format: 'date-time', description: '72 hours from discovery.' }) deadline: string;
  @ApiProperty({ enum: ['pending', 'overdue', 'informed_in_time', 'informed_late'] }) state: string;
  @ApiProperty({ type: Number, nullable: true }) remainingSeconds: number | null;
  @ApiProperty({ type: Number, nullable: true }) overdueSeconds: number | null;
}

export class TenantIncidentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: IncidentTextDto }) whatHappened: IncidentTextDto;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ format: 'date-time' }) discoveredAt: string;
  @ApiProperty({ enum: INCIDENT_DATA_CATEGORIES, isArray: true }) dataCategories: string[];
  @ApiProperty({ enum: ['open', 'notified', 'followed_up'] }) status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) notifiedAt: string | null;
  @ApiProperty({ type: IncidentTextDto, nullable: true }) countermeasures: IncidentTextDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) followedUpAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) controllerInformedAt: string | null;
  @ApiProperty({ type: ControllerClockDto }) clock: ControllerClockDto;
  @ApiProperty({ type: NoticeCountsDto, description: "Notices to this tenant's customers." }) customers: NoticeCountsDto;
}
