// Failures of a customer import, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { ProblemException, type ProblemTable } from '@app/core';

export enum CustomerImportErrorCode {
  FileUnreadable = 'import-file-unreadable',
  FileTooLarge = 'import-file-too-large',
  AlreadyImported = 'import-already-imported',
  RowsHaveErrors = 'import-rows-have-errors',
}

const PROBLEMS: ProblemTable<CustomerImportErrorCode> = {
  [CustomerImportErrorCode.FileUnreadable]: { status: HttpStatus.BAD_REQUEST, title: 'The file cannot be read as CSV' },
  [CustomerImportErrorCode.FileTooLarge]: { status: HttpStatus.PAYLOAD_TOO_LARGE, title: 'The file is too large to import at once' },
  [CustomerImportErrorCode.AlreadyImported]: { status: HttpStatus.CONFLICT, title: 'This file has already been imported (or is being imported now)' },
  [CustomerImportErrorCode.RowsHaveErrors]: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Some rows have errors, and the import was asked to be all or nothing: nothing was imported' },
};

export class CustomerImportException extends ProblemException {
  constructor(code: CustomerImportErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const { status, title } = PROBLEMS[code];
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
}
