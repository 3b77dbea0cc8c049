// Ending a session: passport forgets the user, the store row is deleted, the browser drops the cookie.
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig } from '@app/core';
import { sessionCookieName } from './session';

@Injectable()
export class SessionsService {
  constructor(private readonly config: AppConfig) {}

  async logout(req: Request, res: Response): Promise<void> {
    await new Promise<void>((resolve, reject) => req.logout({ keepSessionInfo: false }, (err) => (err ? reject(err) : resolve())));
    await new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
    res.clearCookie(sessionCookieName(this.config), { path: '/', httpOnly: true, sameSite: 'strict', secure: this.config.secureCookies });
  }
}
