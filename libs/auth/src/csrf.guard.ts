// CSRF defence in depth for state-changing requests: SameSite=Strict cookies, plus Fetch Metadata and
// Origin checks, plus JSON-only bodies (a cross-site HTML form cannot send application/json).
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { Reflector } from '@nestjs/core';
import { AppConfig, CSRF_EXEMPT_KEY } from '@app/core';
import { AuthErrorCode, AuthException } from './auth.errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly config: AppConfig,
    private readonly reflector: Reflector,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(req.method)) return true;
    if (this.reflector.get(CSRF_EXEMPT_KEY, ctx.getHandler())) return true;
    const site = req.get('sec-fetch-site');
    if (site && site !== 'same-origin' && site !== 'none') throw new AuthException(AuthErrorCode.CsrfRejected, 'The request came from another site.');
    const origin = req.get('origin');
    if (origin && origin !== this.allowedOrigin(req)) throw new AuthException(AuthErrorCode.CsrfRejected, 'The request came from another origin.');
    if (hasBody(req) && !req.is('application/json')) throw new AuthException(AuthErrorCode.CsrfRejected, 'State-changing requests must send application/json.');
    return true;
  }

  private allowedOrigin(req: Request): string {
    return this.config.publicOrigin ?? `${req.protocol}://${req.get('host')}`;
  }
}

function hasBody(req: Request): boolean {
  const length = req.get('content-length');
  return (length !== undefined && length !== '0') || req.get('transfer-encoding') !== undefined;
}
