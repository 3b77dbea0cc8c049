// Builds the HTTP application: middleware order, security headers, sessions, validation, OpenAPI.
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig, type Clock, createValidationPipe, problemErrorHandler, refuseNulCharacters, requestIdMiddleware, verifyJsonBody } from '@app/core';
import { TenantContext } from '@app/tenancy';
import { applySessions, SessionsService } from '@app/auth';
import { AccessLogService } from '@app/access-log';
import { AppModule } from './app.module';
// The service-test harness (libs/testing) builds the same modules without HTTP: the one way in it is allowed.
export { AppModule };
import { consoleRouter, isApiPath, pageSecurityHeaders } from './console';

const API_CSP = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
  crossOriginEmbedderPolicy: true,
  frameguard: { action: 'deny' },
});
// Swagger UI needs its own scripts and styles; still no framing and nothing from elsewhere.
const DOCS_CSP = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
  },
});

function trustProxySetting(value: string | undefined): boolean | number | string[] {
  if (!value) return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * `clock` is for tests, which move time; the app otherwise reads the system clock. `logDestination` too: tests
 * read the log lines there; the app otherwise writes them to standard output.
 */
export async function createApp(config: AppConfig, databaseUrl: string, clock?: Clock, logDestination?: DestinationStream): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl, clock, logDestination), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.set('trust proxy', trustProxySetting(config.trustProxy));
  app.disable('x-powered-by');
  app.setGlobalPrefix('api');

  app.use(requestIdMiddleware);
  // The request's tenant slot first: the access log reads from it whose traffic the request turned out to be.
  app.use((_req: Request, _res: Response, next: NextFunction) => TenantContext.enter(next));
  // The IP access log sees every request, even those refused or failed by anything below.
  if (config.accessLogEnabled) app.use(app.get(AccessLogService).middleware());
  app.use('/api/docs', DOCS_CSP);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/api/docs')) return next();
    return isApiPath(req.path) ? API_CSP(req, res, next) : pageSecurityHeaders(req, res, next);
  });
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // The web console: static files and its pages, before sessions (a page or an asset needs no session).
  const web = consoleRouter(config.webDir);
  if (web) app.use(web);
  // The nesting depth is checked on the raw bytes before parsing, and NUL characters right after: both answer
  // 400 before sessions, validation or the database see the request.
  // An uploaded customer file (base64 in JSON, up to 10 MB of CSV) is the one body allowed to be large.
  app.use(/^\/api\/t\/[^/]+\/customer-imports$/, express.json({ limit: '15mb', type: 'application/json', verify: verifyJsonBody() }));
  // A bank statement comes base64-encoded in JSON: its route alone takes up to 2 MB of file.
  app.use('/api/t/:tenant/bank-imports', express.json({ limit: '3mb', type: 'application/json', verify: verifyJsonBody() }));
  app.use(express.json({ limit: '100kb', type: 'application/json', verify: verifyJsonBody() }));
  app.use(refuseNulCharacters);
  const sessions = app.get(SessionsService).middleware();
  applySessions(app, sessions);
  app.useGlobalPipes(createValidationPipe());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Rekisteri API')
      .setDescription('The customer register of a booking platform. Errors are application/problem+json (RFC 9457).')
      .setVersion('0.1.0')
      .addCookieAuth(config.secureCookies ? '__Host-rekisteri' : 'rekisteri.sid')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  await app.init();
  // After the routes: errors from middleware outside Nest (sessions, body parsing) still answer problem+json.
  app.use(problemErrorHandler);
  const shutdown = app.close.bind(app);
  app.close = async () => {
    sessions.close();
    await shutdown();
  };
  return app;
}
