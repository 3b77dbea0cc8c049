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
      // Stamped before passport saves the new session, so that it is written once; keepSessionInfo carries
      // the stamp across the regenerate (the session holds nothing else but passport's key, which is replaced).
      req.session.authenticatedAt = Date.now();
      // keepSessionInfo carries the cookie over too: from a loaded session its expiry is as old as its last
      // full save, so renew it, or the new session could be stored already expired.
      req.session.touch();
      // passport's req.logIn regenerates the session: the pre-login id is dead from here on.
      await new Promise<void>((resolve, reject) => req.logIn(req.user!, { session: true, keepSessionInfo: true }, (err) => (err ? reject(err) : resolve())));
      return ok;
    }

    override handleRequest<T>(err: unknown, user: T): T {
      if (err) throw err;
      return user;
    }
  }
  return SessionLoginGuard;
}

