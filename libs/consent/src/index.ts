import { ConsentEvent } from './consent.entity';

export * from './consent.module';
export * from './consent.service';
export { PURPOSES, type Purpose, type ConsentChannel } from './consent.entity';
export { PurposePipe, SetConsentDto } from './dto/consent.dto';

/** For the ORM's entity list only; other modules go through the service. */
export { ConsentHistoryEntryDto, ConsentStateDto } from './dto/consent-view.dto';
export const consentEntities = [ConsentEvent];
