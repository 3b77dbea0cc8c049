import { Module } from '@nestjs/common';
import { TenancyModule } from '@app/tenancy';
import { CustomersModule } from '@app/customers';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';
import { IncidentsRepository } from './incidents.repository';
import { TenantIncidentsController } from './tenant-incidents.controller';
import { DatabaseModule } from '@app/database';

/** Breach notification (privacy statement section 9). Sends through the e-mail outbox (MailModule, JobsModule). */
@Module({
  imports: [DatabaseModule, TenancyModule, CustomersModule],
  controllers: [IncidentsController, TenantIncidentsController],
  providers: [IncidentsRepository, IncidentsService],
  exports: [IncidentsService],
})
export class IncidentsModule {}
