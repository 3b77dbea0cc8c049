// Portal login: a passport-local strategy over AuthService's shared path (throttling, one answer for an
// unknown e-mail and a wrong password), and the guard that starts a fresh session with it.
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import type { CustomerPrincipal } from '@app/core';
import { AuthService, sessionLoginGuard } from '@app/auth';

@Injectable()
export class PortalLocalStrategy extends PassportStrategy(Strategy, 'portal-local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: Request, email: string, password: string): Promise<CustomerPrincipal> {
    return this.auth.verifyCustomer(String(req.params.tenant), { email, password }, req.ip ?? 'unknown');
  }
}

export const PortalLoginGuard = sessionLoginGuard('portal-local');
