import { RegisterSettings } from './register-settings.entity';

export * from './privacy-notice.module';
export * from './register-settings.service';
export * from './privacy-notice.service';
export * from './processing-record.service';
export type { ProcessingRecord, RecordSectionKey } from './processing-record.document';
export { settingsWarnings, affirmedTrackingTerms } from './settings-warnings';
export type { PrivacyNotice, NoticeSection, NoticeBlock, SectionKey } from './privacy-notice.document';
export * from './register-settings.types';

/** For the ORM's entity list only; other modules go through the services. */
export const privacyNoticeEntities = [RegisterSettings];
