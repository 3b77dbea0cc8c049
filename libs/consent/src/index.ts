import { ConsentEvent } from './consent.entity';

export * from './consent.module';
export * from './consent.service';
export { PURPOSES, PURPOSE_MEDIUM, CONSENT_SOURCES, type Purpose, type ConsentChannel, type ConsentSource } from './consent.entity';
export { consentWording, type WordingLang } from './consent-wording';
export { ConsentErrorCode, ConsentException } from './consent.errors';
export { PurposePipe, SetConsentDto, StaffSetConsentDto } from './dto/consent.dto';

/** For the ORM's entity list only; other modules go through the service. */
export { ConsentHistoryEntryDto, ConsentStateDto } from './dto/consent-view.dto';
export const consentEntities = [ConsentEvent];
