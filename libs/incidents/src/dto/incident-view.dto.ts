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
  @ApiProperty({ type: () => [TenantNoticeSummaryDto], description: "The notices sent for this business's approval." }) notices: TenantNoticeSummaryDto[];
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
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: "The controller's own 72 hours towards the authority (Art. 33), from when it was informed." }) authorityDeadline: string | null;
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
  @ApiProperty({ type: () => [NoticeDto] }) notices: NoticeDto[];
  @ApiProperty({ type: () => [IncidentEventDto], description: "The incident's audit trail, oldest first." }) events: IncidentEventDto[];
}

const NOTICE_STATUSES = ['draft', 'pending_approval', 'approved', 'rejected', 'sent'];
const DELIVERY_STATUSES = ['queued', 'sent', 'failed'];

export class TenantNoticeSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['initial', 'follow_up'] }) kind: string;
  @ApiProperty({ enum: NOTICE_STATUSES }) status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) approvalDueAt: string | null;
  @ApiProperty() recipients: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
}

export class RecipientSelectionViewDto {
  @ApiProperty({ enum: ['all', 'criteria', 'list', 'notified'] }) mode: string;
  @ApiProperty({ required: false }) registeredAfter?: string;
  @ApiProperty({ required: false }) registeredBefore?: string;
  @ApiProperty({ type: [String], required: false }) customerIds?: string[];
}

export class NoticeRecipientsDto {
  @ApiProperty({ description: 'Customers with an e-mail address: for a draft, whom the selection reaches now; once sent for approval, the frozen list.' }) reachable: number;
  @ApiProperty({ type: Number, nullable: true, description: 'For a draft: selected customers without an e-mail address.' }) unreachable: number | null;
}

export class CustomerDeliveryDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: string;
  @ApiProperty({ format: 'date-time' }) queuedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
}

class NoticeBaseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ enum: ['initial', 'follow_up'] }) kind: string;
  @ApiProperty({ enum: NOTICE_STATUSES }) status: string;
  @ApiProperty({ type: IncidentTextDto }) text: IncidentTextDto;
  @ApiProperty({ enum: ['fi', 'en'], description: "The language the tenant's customers get it in." }) language: string;
  @ApiProperty({ type: RecipientSelectionViewDto }) selection: RecipientSelectionViewDto;
  @ApiProperty({ type: NoticeRecipientsDto }) recipients: NoticeRecipientsDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) approvalDueAt: string | null;
  @ApiProperty({ description: 'Awaiting approval past its deadline: a platform admin may send it with a justification.' }) approvalOverdue: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectionReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: "Set when sent without the owner's approval." }) sendJustification: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: DeliveryCountsDto }) delivery: DeliveryCountsDto;
}

/** A notice as platform admins see it: customers by id only. */
export class NoticeDto extends NoticeBaseDto {
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty() slug: string;
  @ApiProperty() legalName: string;
  @ApiProperty({ type: [CustomerDeliveryDto] }) deliveries: CustomerDeliveryDto[];
}

export class NoticeRecipientDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null when the customer has been erased since.' }) name: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, enum: DELIVERY_STATUSES, nullable: true }) delivery: string | null;
}

/** What the owner approves: the text and each recipient by name and address. */
export class TenantNoticeDto extends NoticeBaseDto {
  @ApiProperty() incidentTitle: string;
  @ApiProperty({ type: [NoticeRecipientDto] }) recipientList: NoticeRecipientDto[];
}

export class IncidentEventDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) tenantId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) noticeId: string | null;
  @ApiProperty() actorName: string;
  @ApiProperty({ enum: ['controller_informed', 'notice_drafted', 'notice_updated', 'notice_submitted', 'notice_approved', 'notice_rejected', 'notice_sent', 'notice_sent_without_approval'] }) action: string;
  @ApiProperty({ type: String, nullable: true }) detail: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
}
