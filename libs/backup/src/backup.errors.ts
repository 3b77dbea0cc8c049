// Failures of backup and restore, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, ProblemException } from '@app/core';

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

export class BackupException extends ProblemException {
  constructor(code: BackupErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const [status, title] = BackupException.describe(code);
    super(status, code, title, detail, extensions);
  }

  private static describe(code: BackupErrorCode): [HttpStatus, string] {
    switch (code) {
      case BackupErrorCode.UnknownTenant:
        return [HttpStatus.NOT_FOUND, 'No such tenant'];
      case BackupErrorCode.NotABackup:
        return [HttpStatus.BAD_REQUEST, 'The file is not a tenant backup'];
      case BackupErrorCode.UnsupportedFormat:
        return [HttpStatus.BAD_REQUEST, 'The backup is in a format this version cannot read'];
      case BackupErrorCode.OtherTenant:
        return [HttpStatus.CONFLICT, 'The backup is of another tenant'];
      case BackupErrorCode.NewerMigrations:
        return [HttpStatus.CONFLICT, 'The backup was taken with migrations this version does not have'];
      case BackupErrorCode.SchemaMismatch:
        return [HttpStatus.CONFLICT, 'The backup does not match the schema its migrations create'];
      case BackupErrorCode.Corrupt:
        return [HttpStatus.BAD_REQUEST, 'The backup is damaged; nothing was restored'];
      case BackupErrorCode.FileExists:
        return [HttpStatus.CONFLICT, 'The backup file already exists'];
      case BackupErrorCode.TenantBusy:
        return [HttpStatus.SERVICE_UNAVAILABLE, 'The tenant is too busy to restore now; nothing was restored'];
      default:
        return assertUnreachable(code);
    }
  }
}
