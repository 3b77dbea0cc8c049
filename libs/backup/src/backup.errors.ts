// Failures of backup and restore, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { ProblemException, type ProblemTable } from '@app/core';

export enum BackupErrorCode {
  UnknownTenant = 'unknown-tenant',
  NotABackup = 'not-a-backup',
  UnsupportedFormat = 'unsupported-backup-format',
  OtherTenant = 'backup-of-another-tenant',
  NewerMigrations = 'backup-from-newer-migrations',
  SchemaMismatch = 'backup-schema-mismatch',
  Corrupt = 'backup-corrupt',
  FileExists = 'backup-file-exists',
  TenantBusy = 'tenant-busy',
}

const PROBLEMS: ProblemTable<BackupErrorCode> = {
  [BackupErrorCode.UnknownTenant]: { status: HttpStatus.NOT_FOUND, title: 'No such tenant' },
  [BackupErrorCode.NotABackup]: { status: HttpStatus.BAD_REQUEST, title: 'The file is not a tenant backup' },
  [BackupErrorCode.UnsupportedFormat]: { status: HttpStatus.BAD_REQUEST, title: 'The backup is in a format this version cannot read' },
  [BackupErrorCode.OtherTenant]: { status: HttpStatus.CONFLICT, title: 'The backup is of another tenant' },
  [BackupErrorCode.NewerMigrations]: { status: HttpStatus.CONFLICT, title: 'The backup was taken with migrations this version does not have' },
  [BackupErrorCode.SchemaMismatch]: { status: HttpStatus.CONFLICT, title: 'The backup does not match the schema its migrations create' },
  [BackupErrorCode.Corrupt]: { status: HttpStatus.BAD_REQUEST, title: 'The backup is damaged; nothing was restored' },
  [BackupErrorCode.FileExists]: { status: HttpStatus.CONFLICT, title: 'The backup file already exists' },
  [BackupErrorCode.TenantBusy]: { status: HttpStatus.SERVICE_UNAVAILABLE, title: 'The tenant is too busy to restore now; nothing was restored' },
};

export class BackupException extends ProblemException {
  constructor(code: BackupErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const { status, title } = PROBLEMS[code];
    super(status, code, title, detail, extensions);
  }
}
