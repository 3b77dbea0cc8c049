import { PlatformInvitation, PlatformRoleChange, PlatformRoleGrant, PlatformStaff } from './platform-staff.entity';

export * from './auth.module';
export * from './auth.service';
export * from './password.service';
export * from './password-policy';
export * from './platform-staff.service';
export * from './session';
export * from './first-admin.service';
export * from './sessions.service';
export { PasswordResetService, type ResettableAccount, type ResettableAccounts } from './password-reset.service';
export type { AccountRealm } from './password-reset.repository';
export { PasswordResetCompleteRoute, PasswordResetRequestRoute } from './password-reset.routes';
export { LoginThrottleService, throttleAddress } from './login-throttle.service';
export { AccountRealms, type LoginAccount, type RealmAccounts } from './account-realm';
export { accountController, type AccountRoutes } from './account.controller';
export { LoginBodyGuard, sessionLoginGuard } from './login.guards';
export { AcceptInvitationDto, CompletePasswordResetDto, LoginDto, RequestPasswordResetDto } from './dto/login.dto';
export { CustomerPrincipalDto, EndedSessionsDto, PlatformPrincipalDto, SessionStatusDto, TenantStaffPrincipalDto } from './dto/principal.dto';

/** For the ORM's entity list only; other modules go through the services. */
export const authEntities = [PlatformStaff, PlatformRoleChange, PlatformRoleGrant, PlatformInvitation];
