// Wiring for operations: the same modules as the API, without HTTP.
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { MailModule } from '@app/mail';
import { TenancyModule, tenancyEntities } from '@app/tenancy';
import { AuthModule, authEntities } from '@app/auth';
import { customersEntities } from '@app/customers';

@Module({})
export class CliModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: CliModule,
      imports: [CoreModule.forRoot(config), DatabaseModule.forRoot({ url: databaseUrl, entities: [...tenancyEntities, ...authEntities, ...customersEntities], poolSize: 4 }), MailModule, TenancyModule, AuthModule],
    };
  }
}
