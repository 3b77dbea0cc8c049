import { DataSubjectRequest, ErasureLedgerEntry } from './request.entity';

export * from './requests.module';
export * from './requests.service';
export * from './export.service';
export { ExportQuery, PortalRequestDto } from './dto/request.dto';

/** For the ORM's entity list only; other modules go through the services. */
export const requestsEntities = [DataSubjectRequest, ErasureLedgerEntry];
