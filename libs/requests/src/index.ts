import { DataSubjectRequest, ErasureLedgerEntry, ExportLink, VerificationCode } from './request.entity';

export * from './requests.module';
export * from './requests.service';
export * from './export.service';
export { RequestsErrorCode, RequestsException } from './requests.errors';
export { type ExportFormat, ExportQuery, PortalRequestDto } from './dto/request.dto';
export { EXPORT_CONTENT } from './export.service';
export { VerificationService } from './verification.service';

/** For the ORM's entity list only; other modules go through the services. */
export { DataSubjectRequestDto } from './dto/request-view.dto';
export const requestsEntities = [DataSubjectRequest, ErasureLedgerEntry, VerificationCode, ExportLink];
export { RequestNoticesService, REQUEST_STAFF_TOPIC } from './request-notices.service';
