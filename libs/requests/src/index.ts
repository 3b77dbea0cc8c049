import { DataSubjectRequest, ErasureLedgerEntry } from './request.entity';

export * from './requests.module';
export * from './requests.service';
export * from './export.service';
export { RequestsErrorCode, RequestsException } from './requests.errors';
export { ExportQuery, PortalRequestDto } from './dto/request.dto';

/** For the ORM's entity list only; other modules go through the services. */
export { DataSubjectRequestDto } from './dto/request-view.dto';
export const requestsEntities = [DataSubjectRequest, ErasureLedgerEntry];
