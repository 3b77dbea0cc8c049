// Failures of the bank import, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, ProblemException } from '@app/core';

export enum BankImportErrorCode {
  UnknownFormat = 'bank-file-unknown-format',
  Malformed = 'bank-file-malformed',
  FutureDate = 'bank-file-future-date',
  NoPayments = 'bank-file-no-payments',
  AlreadyImported = 'bank-file-already-imported',
  BookedMeanwhile = 'bank-entry-booked-meanwhile',
  NotOpen = 'bank-entry-not-open',
}

export class BankImportException extends ProblemException {
  constructor(code: BankImportErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const [status, title] = BankImportException.describe(code);
    super(status, code, title, detail, extensions);
  }

  /** A problem with the uploaded file, said beside the file field (and where in it, when known). */
  static inFile(code: BankImportErrorCode, message: string, where: { line?: number | null; column?: number | null } = {}): BankImportException {
    return new BankImportException(code, message, { line: where.line ?? null, column: where.column ?? null, errors: [{ field: 'content', message }] });
  }

  private static describe(code: BankImportErrorCode): [HttpStatus, string] {
    switch (code) {
      case BankImportErrorCode.UnknownFormat:
        return [HttpStatus.UNPROCESSABLE_ENTITY, 'The file is not a bank statement this register reads (camt.054 or a reference payment file); nothing was booked'];
      case BankImportErrorCode.Malformed:
        return [HttpStatus.UNPROCESSABLE_ENTITY, 'The bank file is malformed; nothing was booked'];
      case BankImportErrorCode.FutureDate:
        return [HttpStatus.UNPROCESSABLE_ENTITY, 'The bank file has a payment dated in the future; nothing was booked'];
      case BankImportErrorCode.NoPayments:
        return [HttpStatus.UNPROCESSABLE_ENTITY, 'The bank file has no incoming payments; nothing was booked'];
      case BankImportErrorCode.AlreadyImported:
        return [HttpStatus.CONFLICT, 'This file was imported already; nothing was booked again'];
      case BankImportErrorCode.BookedMeanwhile:
        return [HttpStatus.CONFLICT, 'Another import booked one of these payments meanwhile; nothing was booked'];
      case BankImportErrorCode.NotOpen:
        return [HttpStatus.CONFLICT, 'The entry has been resolved already'];
      default:
        return assertUnreachable(code);
    }
  }
}
