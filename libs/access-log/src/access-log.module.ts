import { DynamicModule, Module } from '@nestjs/common';
import { Pool } from 'pg';
import { DATABASE_URL } from '@app/database';
import { TenancyModule } from '@app/tenancy';
import { AccessLogController } from './access-log.controller';
import { AccessLogSearchService } from './access-log-search.service';
import { ACCESS_LOG_OPTIONS, AccessLogService, type AccessLogOptions } from './access-log.service';
import { ACCESS_LOG_POOL, AccessLogStore } from './access-log.store';
import { AccessTransparencyController } from './access-transparency.controller';

function createPool(url: string): Pool {
  // Fail fast while the database is away: the writer keeps its rows and tries again on the next tick.
  const pool = new Pool({ connectionString: url, max: 3, connectionTimeoutMillis: 5_000, statement_timeout: 30_000, application_name: 'rekisteri-access-log' });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/** The IP access log (privacy statement section 12): the only module that stores or reads IP addresses. */
@Module({})
export class AccessLogModule {
  static forRoot(options: Partial<AccessLogOptions> = {}): DynamicModule {
    return {
      module: AccessLogModule,
      imports: [TenancyModule],
      controllers: [AccessLogController, AccessTransparencyController],
      providers: [
        { provide: ACCESS_LOG_OPTIONS, useValue: { scheduleMaintenance: options.scheduleMaintenance ?? true } satisfies AccessLogOptions },
        { provide: ACCESS_LOG_POOL, useFactory: createPool, inject: [DATABASE_URL] },
        AccessLogStore,
        AccessLogService,
        AccessLogSearchService,
      ],
      exports: [AccessLogService],
    };
  }
}
