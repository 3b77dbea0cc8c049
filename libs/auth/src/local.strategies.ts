// One passport-local strategy per realm, all made here: the checks themselves live in AuthService.verify.
import { Injectable, type Type } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import type { Principal, Realm } from '@app/core';
import { AuthService } from './auth.service';

const FIELDS = { usernameField: 'email', passwordField: 'password', passReqToCallback: true } as const;

/** The name the realm's strategy is registered with passport under (the login guard names it). */
export const localStrategyName = (realm: Realm) => `${realm}-local`;

export function localStrategy(realm: Realm): Type<unknown> {
  @Injectable()
  class LocalStrategy extends PassportStrategy(Strategy, localStrategyName(realm)) {
    constructor(private readonly auth: AuthService) {
      super(FIELDS);
    }

    validate(req: Request, email: string, password: string): Promise<Principal> {
      // A tenant realm's routes are under /t/:tenant; the slug names the throttle's key.
      const slug = typeof req.params.tenant === 'string' ? req.params.tenant : null;
      return this.auth.verify(realm, slug, { email, password }, req.ip ?? 'unknown');
    }
  }
  return LocalStrategy;
}

/** Every realm's strategy, for AuthModule's providers: each realm's accounts are found through AccountRealms. */
export const LOCAL_STRATEGIES = (['platform', 'tenant-staff', 'customer'] as const).map(localStrategy);
