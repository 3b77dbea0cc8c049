// The account routes of a realm, generated from one definition: login, logout, who am I, ending the other
// sessions, accepting an invitation, password reset, and where the realm has them the session's status and
// disabling an account. Each realm's controller extends the class made here and adds its own routes.
import { applyDecorators, Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, Res, type Type, UseGuards } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiProblems, CurrentPrincipal, CustomerAccess, PlatformAccess, type Principal, Public, PublicTenant, type Realm, TenantStaffAccess } from '@app/core';
import { AuthService } from './auth.service';
import { PasswordResetService } from './password-reset.service';
import { PasswordResetCompleteRoute, PasswordResetRequestRoute } from './password-reset.routes';
import { SessionsService } from './sessions.service';
import { LoginBodyGuard, sessionLoginGuard } from './login.guards';
import { localStrategyName } from './local.strategies';
import { AcceptInvitationDto, CompletePasswordResetDto, LoginDto, RequestPasswordResetDto } from './dto/login.dto';
import { EndedSessionsDto, SessionStatusDto } from './dto/principal.dto';

/** What the routes of one realm differ in. */
export interface AccountRoutes {
  realm: Realm;
  /** Where the routes live: `platform`, or under `t/:tenant` for the tenant realms (whose tenant the guard binds from the path). */
  path: string;
  tag: string;
  /** The principal as login and `GET …/me` answer it. */
  principal: Type<unknown>;
  /** Tenant staff: a suspended tenant's staff, with the right password, are told why they cannot sign in. */
  loginOrSuspended?: boolean;
  /** `GET …/sessions/current` and `POST …/sessions/current/extend`, for a console that warns before the idle timeout. */
  sessionStatus?: boolean;
  /** `POST …/staff/:id/disable`: who may (the realm's access decorator with its roles), and the account it answers. */
  disable?: { access: MethodDecorator; response: Type<unknown> };
}

/** Signed in to the realm, any role. */
const SIGNED_IN: Record<Realm, () => MethodDecorator> = {
  platform: () => PlatformAccess(),
  'tenant-staff': () => TenantStaffAccess(),
  customer: () => CustomerAccess(),
};

const skip: MethodDecorator = () => undefined;
/** A route only some realms have: without it the method carries no route and Nest registers nothing. */
const when = (on: boolean, ...decorators: MethodDecorator[]): MethodDecorator => (on ? applyDecorators(...decorators) : skip);

export function accountController(routes: AccountRoutes): Type<object> {
  const { realm } = routes;
  const tenantScoped = realm !== 'platform';
  // Anyone may call login, invitation and reset; a tenant realm's have their tenant bound from the path, and
  // answer for an unknown tenant as for an unknown account (404 is documented for the path's tenant).
  const open = (orSuspended = false) => (tenantScoped ? PublicTenant({ orSuspended }) : Public());
  const notFound = tenantScoped ? [404] : [];
  const signedIn = SIGNED_IN[realm];
  const LoginGuard = sessionLoginGuard(localStrategyName(realm));
  const disable = routes.disable;

  @ApiTags(routes.tag)
  @Controller(routes.path)
  class AccountController {
    @Inject(AuthService) readonly auth: AuthService;
    @Inject(SessionsService) readonly sessions: SessionsService;
    @Inject(PasswordResetService) readonly resets: PasswordResetService;

    @Post('login')
    @open(routes.loginOrSuspended)
    @HttpCode(200)
    @ApiBody({ type: LoginDto })
    @ApiOkResponse({ type: routes.principal, description: 'Signed in; the session cookie is set.' })
    @ApiProblems(400, 401, ...notFound, 429)
    @UseGuards(LoginBodyGuard, LoginGuard)
    login(@Req() req: Request) {
      return req.user;
    }

    @Post('logout')
    @signedIn()
    @HttpCode(204)
    @ApiNoContentResponse({ description: 'Signed out; the session is destroyed.' })
    logout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
      return this.sessions.logout(req, res);
    }

    @Get('me')
    @signedIn()
    @ApiOkResponse({ type: routes.principal })
    me(@CurrentPrincipal() principal: Principal): unknown {
      return principal;
    }

    @Post('sessions/end-others')
    @signedIn()
    @HttpCode(200)
    @ApiOkResponse({ type: EndedSessionsDto })
    async endOtherSessions(@CurrentPrincipal() principal: Principal, @Req() req: Request) {
      return { ended: await this.auth.endOtherSessions(principal, req.sessionID) };
    }

    @when(!!routes.sessionStatus, Get('sessions/current'), signedIn(), ApiOkResponse({ type: SessionStatusDto, description: 'Asking does not count as activity: the idle timeout runs on.' }))
    currentSession(@Req() req: Request) {
      return this.sessions.current(req);
    }

    @when(
      !!routes.sessionStatus,
      Post('sessions/current/extend'),
      signedIn(),
      HttpCode(200),
      ApiOkResponse({ type: SessionStatusDto, description: 'The idle timeout starts again now; the absolute lifetime does not move.' }),
    )
    extendSession(@Req() req: Request) {
      return this.sessions.extend(req);
    }

    @when(!!disable, Post('staff/:id/disable'), disable?.access ?? skip, HttpCode(200), ApiOkResponse({ type: disable?.response }))
    disable(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() actor: Principal) {
      return this.auth.disable(actor, realm, id);
    }

    @Post('invitations/accept')
    @open()
    @HttpCode(204)
    @ApiNoContentResponse({ description: 'The password is set; sign in with it.' })
    @ApiProblems(400, ...notFound)
    acceptInvitation(@Body() dto: AcceptInvitationDto) {
      return this.auth.acceptInvitation(realm, dto.token, dto.password);
    }

    @PasswordResetRequestRoute(tenantScoped ? 'tenant' : 'platform')
    requestPasswordReset(@Body() dto: RequestPasswordResetDto, @Req() req: Request) {
      const slug = tenantScoped ? String(req.params.tenant) : null;
      return this.resets.request(realm, slug, dto.email, req.ip ?? 'unknown');
    }

    @PasswordResetCompleteRoute(tenantScoped ? 'tenant' : 'platform')
    completePasswordReset(@Body() dto: CompletePasswordResetDto) {
      return this.resets.complete(realm, dto.token, dto.password);
    }
  }
  return AccountController;
}
