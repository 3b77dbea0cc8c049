import { DynamicModule, Module } from '@nestjs/common';
import { TenancyModule } from '@app/tenancy';
import { PrivacyNoticeModule } from '@app/privacy-notice';
import { AuthModule } from '@app/auth';
import { AccessLogController } from './access-log.controller';
import { AccessLogSearchService } from './access-log-search.service';
import { ACCESS_LOG_OPTIONS, AccessLogService, type AccessLogOptions } from './access-log.service';
import { AccessLogRepository } from './access-log.repository';
import { AccessTransparencyController } from './access-transparency.controller';
import { DatabaseModule } from '@app/database';

/** The IP access log (privacy statement section 12): the only module that stores or reads IP addresses. */
@Module({})
export class AccessLogModule {
  static forRoot(options: Partial<AccessLogOptions> = {}): DynamicModule {
    return {
      module: AccessLogModule,
      imports: [DatabaseModule, TenancyModule, PrivacyNoticeModule, AuthModule],
      controllers: [AccessLogController, AccessTransparencyController],
      providers: [
        { provide: ACCESS_LOG_OPTIONS, useValue: { scheduleMaintenance: options.scheduleMaintenance ?? true } satisfies AccessLogOptions },
        AccessLogRepository,
        AccessLogService,
        AccessLogSearchService,
      ],
      exports: [AccessLogService],
    };
  }
}
