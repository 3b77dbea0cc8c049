// passport-local strategies for the two staff realms; the checks themselves live in AuthService.
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import type { PlatformPrincipal, TenantStaffPrincipal } from '@app/core';
import { AuthService } from './auth.service';

const FIELDS = { usernameField: 'email', passwordField: 'password', passReqToCallback: true } as const;

@Injectable()
export class PlatformLocalStrategy extends PassportStrategy(Strategy, 'platform-local') {
  constructor(private readonly auth: AuthService) {
    super(FIELDS);
  }

  validate(req: Request, email: string, password: string): Promise<PlatformPrincipal> {
    return this.auth.verifyPlatform({ email, password }, req.ip ?? 'unknown');
  }
}

@Injectable()
export class TenantLocalStrategy extends PassportStrategy(Strategy, 'tenant-local') {
  constructor(private readonly auth: AuthService) {
    super(FIELDS);
  }

  validate(req: Request, email: string, password: string): Promise<TenantStaffPrincipal> {
    return this.auth.verifyTenantStaff(String(req.params.tenant), { email, password }, req.ip ?? 'unknown');
  }
}
