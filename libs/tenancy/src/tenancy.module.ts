import { Module } from '@nestjs/common';
import { TenantContext } from './tenant-context';
import { MigrationsService } from './migrations.service';
import { AuditTrailService } from './audit-trail.service';
import { TenancyService } from './tenancy.service';
import { TenantMembersService } from './tenant-members.service';
import { TenancyController } from './tenancy.controller';
import { TenantStaffController } from './tenant-staff.controller';
import { TenantPlacementService } from './tenant-placement.service';
import { SchemaPoolService } from './schema-pool.service';
import { TenancyRepository } from './tenancy.repository';
import { TenantStaffRepository } from './tenant-staff.repository';
import { DatabaseModule } from '@app/database';

@Module({
  imports: [DatabaseModule],
  controllers: [TenancyController, TenantStaffController],
  providers: [TenantContext, TenancyRepository, TenantStaffRepository, TenancyService, TenantMembersService, MigrationsService, AuditTrailService, TenantPlacementService, SchemaPoolService],
  exports: [TenantContext, TenancyService, TenantMembersService, MigrationsService, AuditTrailService, TenantPlacementService, SchemaPoolService],
})
export class TenancyModule {}
