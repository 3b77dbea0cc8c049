import { Module } from '@nestjs/common';
import { TenancyModule } from '@app/tenancy';
import { BackupRepository } from './backup.repository';
import { BackupService } from './backup.service';
import { ErasureLedgerService } from './erasure-ledger.service';

/** Per-tenant backup and restore, and the platform's erasure ledger that restores re-apply. */
@Module({
  imports: [TenancyModule],
  providers: [BackupRepository, BackupService, ErasureLedgerService],
  exports: [BackupService, ErasureLedgerService],
})
export class BackupModule {}
