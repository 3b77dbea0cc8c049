import { PlatformInvitation, PlatformRoleChange, PlatformStaff } from './platform-staff.entity';

export * from './auth.module';
export * from './auth.service';
export * from './password.service';
export * from './platform-staff.service';
export * from './session';
export * from './first-admin.service';

/** For the ORM's entity list only; other modules go through the services. */
export const authEntities = [PlatformStaff, PlatformRoleChange, PlatformInvitation];
