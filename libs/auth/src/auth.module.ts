import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TenancyModule } from '@app/tenancy';
import { AccessGuard } from './access.guard';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { FirstAdminService } from './first-admin.service';
import { CsrfGuard } from './csrf.guard';
import { LOCAL_STRATEGIES } from './local.strategies';
import { AccountRealms } from './account-realm';
import { PlatformAccounts } from './platform.realm';
import { TenantStaffAccounts } from './tenant-staff.realm';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { PasswordPolicy } from './password-policy';
import { PasswordResetRepository } from './password-reset.repository';
import { PasswordResetService } from './password-reset.service';
import { PlatformAuthController } from './platform-auth.controller';
import { PlatformStaffService } from './platform-staff.service';
import { PrincipalSerializer } from './principal.serializer';
import { SessionsService } from './sessions.service';
import { TenantAuthController } from './tenant-auth.controller';
import { DatabaseModule } from '@app/database';

@Module({
  imports: [DatabaseModule, PassportModule.register({ session: true }), TenancyModule],
  controllers: [PlatformAuthController, TenantAuthController],
  providers: [
    // Order matters: the CSRF check runs before anything else looks at the request.
    { provide: APP_GUARD, useClass: CsrfGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
    AuthService,
    PasswordService,
    PasswordPolicy,
    LoginThrottleService,
    PlatformStaffService,
    SessionsService,
    FirstAdminService,
    PrincipalSerializer,
    AuthRepository,
    PasswordResetRepository,
    PasswordResetService,
    AccountRealms,
    PlatformAccounts,
    TenantStaffAccounts,
    ...LOCAL_STRATEGIES,
  ],
  exports: [AuthService, AccountRealms, PasswordService, PasswordPolicy, PlatformStaffService, FirstAdminService, SessionsService, PasswordResetService, LoginThrottleService],
})
export class AuthModule {}
