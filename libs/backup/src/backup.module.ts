import { Module } from '@nestjs/common';
import { TenancyModule } from '@app/tenancy';
import { BackupRepository } from './backup.repository';
import { BackupService } from './backup.service';
import { ErasureLedgerService } from './erasure-ledger.service';
import { DatabaseModule } from '@app/database';

/** Per-tenant backup and restore, and the platform's erasure ledger that restores re-apply. */
@Module({
  imports: [DatabaseModule, TenancyModule],
  providers: [BackupRepository, BackupService, ErasureLedgerService],
  exports: [BackupService, ErasureLedgerService],
})
export class BackupModule {}
