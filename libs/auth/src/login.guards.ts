// Login guards: validate the body like any other route, then let passport verify and start a new session.
import { CanActivate, ExecutionContext, Injectable, Type } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { createValidationPipe } from '@app/core';
import { LoginDto } from './dto/login.dto';

/** Guards run before pipes, so the login body is validated here, before passport reads it. */
@Injectable()
export class LoginBodyGuard implements CanActivate {
  private readonly pipe = createValidationPipe();

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    await this.pipe.transform(req.body ?? {}, { type: 'body', metatype: LoginDto });
    return true;
  }
}

/** A guard that logs in through the named passport strategy and starts a fresh session. */
export function sessionLoginGuard(strategy: string): Type<CanActivate> {
  @Injectable()
  class SessionLoginGuard extends AuthGuard(strategy) {
    override async canActivate(context: ExecutionContext): Promise<boolean> {
      const ok = (await super.canActivate(context)) as boolean;
      const req = context.switchToHttp().getRequest<Request>();
      // passport's req.logIn regenerates the session: the pre-login id is dead from here on.
      await super.logIn(req);
      req.session.authenticatedAt = Date.now();
      return ok;
    }

    override handleRequest<T>(err: unknown, user: T): T {
      if (err) throw err;
      return user;
    }
  }
  return SessionLoginGuard;
}

export const PlatformLoginGuard = sessionLoginGuard('platform-local');
export const TenantLoginGuard = sessionLoginGuard('tenant-local');
