export * from './access-log.module';
export { AccessLogService, PARTITION_DAYS, type AccessLogOptions } from './access-log.service';
export { AccessLogSearchService } from './access-log-search.service';
export type { WriterStats } from './access-log.writer';
