import { DynamicModule, Global, Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { JobsRepository } from './jobs.repository';
import { JOBS_OPTIONS, JobsService, type JobsOptions } from './jobs.service';

/** The PostgreSQL job queue. The API starts it with the application; the CLI only in its worker commands. */
@Global()
@Module({})
export class JobsModule {
  static forRoot(options: JobsOptions): DynamicModule {
    return {
      module: JobsModule,
      imports: [DatabaseModule],
      providers: [{ provide: JOBS_OPTIONS, useValue: options }, JobsService, JobsRepository],
      exports: [JobsService],
    };
  }
}
