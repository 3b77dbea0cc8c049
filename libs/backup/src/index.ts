export * from './backup.module';
export * from './backup.service';
export * from './erasure-ledger.service';
export * from './backup.errors';
export { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupHeader } from './backup-format';
