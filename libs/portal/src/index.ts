import { PortalAccount, PortalInvitation } from './portal-account.entity';

export * from './portal.module';
export * from './portal.service';
export * from './portal-accounts.service';

/** For the ORM's entity list only; other modules go through the services. */
export const portalEntities = [PortalAccount, PortalInvitation];
