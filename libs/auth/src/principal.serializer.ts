// What passport keeps in the session (a key) and how it becomes a principal again on every request.
import { Injectable } from '@nestjs/common';
import { PassportSerializer } from '@nestjs/passport';
import { principalKey, type Principal } from '@app/core';
import { AuthService } from './auth.service';

@Injectable()
export class PrincipalSerializer extends PassportSerializer {
  constructor(private readonly auth: AuthService) {
    super();
  }

  serializeUser(principal: Principal, done: (err: unknown, key?: string) => void): void {
    done(null, principalKey(principal));
  }

  // Runs on every authenticated request: roles and account state come from the database, never from the session.
  deserializeUser(key: string, done: (err: unknown, principal?: Principal | false) => void): void {
    this.auth.loadPrincipal(key).then(
      (principal) => done(null, principal ?? false),
      (error: unknown) => done(error),
    );
  }
}
