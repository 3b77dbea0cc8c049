// Failures of a customer import, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, ProblemException } from '@app/core';

export enum CustomerImportErrorCode {
  FileUnreadable = 'import-file-unreadable',
  FileTooLarge = 'import-file-too-large',
  AlreadyImported = 'import-already-imported',
  RowsHaveErrors = 'import-rows-have-errors',
}

export class CustomerImportException extends ProblemException {
  constructor(code: CustomerImportErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const [status, title] = CustomerImportException.describe(code);
    super(status, code, title, detail, extensions);
  }

  /** A file that is not CSV we can read: the line and column named in the detail and as members of the problem. */
  static unreadable(reason: string, line?: number, column?: number): CustomerImportException {
    const where = [line !== undefined ? `line ${line}` : null, column !== undefined ? `column ${column}` : null].filter(Boolean).join(', ');
    return new CustomerImportException(CustomerImportErrorCode.FileUnreadable, where ? `${where}: ${reason}` : reason, {
      line: line ?? null,
      column: column ?? null,
      errors: [{ field: 'content', message: where ? `${where}: ${reason}` : reason }],
    });
  }

  private static describe(code: CustomerImportErrorCode): [HttpStatus, string] {
    switch (code) {
      case CustomerImportErrorCode.FileUnreadable:
        return [HttpStatus.BAD_REQUEST, 'The file cannot be read as CSV'];
      case CustomerImportErrorCode.FileTooLarge:
        return [HttpStatus.PAYLOAD_TOO_LARGE, 'The file is too large to import at once'];
      case CustomerImportErrorCode.AlreadyImported:
        return [HttpStatus.CONFLICT, 'This file has already been imported (or is being imported now)'];
      case CustomerImportErrorCode.RowsHaveErrors:
        return [HttpStatus.UNPROCESSABLE_ENTITY, 'Some rows have errors, and the import was asked to be all or nothing: nothing was imported'];
      default:
        return assertUnreachable(code);
    }
  }
}
