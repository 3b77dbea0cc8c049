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

export class DeliveryErrorsDto {
  @ApiProperty({ type: String, nullable: true }) initial: string | null;
  @ApiProperty({ type: String, nullable: true }) followUp: string | null;
}

export class ControllerNoticeDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: "When the controller's notice was queued." }) notifiedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: "Delivered: stops the tenant's 72-hour clock." }) informedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) followUpSentAt: string | null;
  @ApiProperty({ type: DeliveryErrorsDto, description: 'The SMTP error of a notice that failed for good.' }) deliveryErrors: DeliveryErrorsDto;
  @ApiProperty({ type: ControllerClockDto }) clock: ControllerClockDto;
}

export class IncidentTenantDto {
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty() slug: string;
  @ApiProperty() legalName: string;
  @ApiProperty({ enum: ['fi', 'en'] }) language: string;
  @ApiProperty({ type: ControllerNoticeDto }) controller: ControllerNoticeDto;
  @ApiProperty({ type: NoticeCountsDto }) customers: NoticeCountsDto;
}

/** An incident as platform staff see it (IncidentView). */
export class IncidentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: IncidentTextDto }) whatHappened: IncidentTextDto;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ format: 'date-time' }) discoveredAt: string;
  @ApiProperty({ enum: INCIDENT_DATA_CATEGORIES, isArray: true }) dataCategories: string[];
  @ApiProperty({ enum: ['open', 'notified', 'followed_up'] }) status: string;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) notifiedAt: string | null;
  @ApiProperty({ type: IncidentTextDto, nullable: true }) countermeasures: IncidentTextDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) followedUpAt: string | null;
  @ApiProperty({ type: ControllerClockDto, description: "The worst of its tenants' 72-hour clocks." }) clock: ControllerClockDto;
  @ApiProperty({ type: [IncidentTenantDto] }) tenants: IncidentTenantDto[];
  @ApiProperty({ type: NoticeCountsDto, description: 'Notices to customers, over all tenants.' }) customers: NoticeCountsDto;
}
