// Failures of the bank import, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { ProblemException, type ProblemTable } from '@app/core';

export enum BankImportErrorCode {
  UnknownFormat = 'bank-file-unknown-format',
  Malformed = 'bank-file-malformed',
  FutureDate = 'bank-file-future-date',
  NoPayments = 'bank-file-no-payments',
  AlreadyImported = 'bank-file-already-imported',
  BookedMeanwhile = 'bank-entry-booked-meanwhile',
  NotOpen = 'bank-entry-not-open',
}

const PROBLEMS: ProblemTable<BankImportErrorCode> = {
  [BankImportErrorCode.UnknownFormat]: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'The file is not a bank statement this register reads (camt.054 or a reference payment file); nothing was booked' },
  [BankImportErrorCode.Malformed]: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'The bank file is malformed; nothing was booked' },
  [BankImportErrorCode.FutureDate]: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'The bank file has a payment dated in the future; nothing was booked' },
  [BankImportErrorCode.NoPayments]: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'The bank file has no incoming payments; nothing was booked' },
  [BankImportErrorCode.AlreadyImported]: { status: HttpStatus.CONFLICT, title: 'This file was imported already; nothing was booked again' },
  [BankImportErrorCode.BookedMeanwhile]: { status: HttpStatus.CONFLICT, title: 'Another import booked one of these payments meanwhile; nothing was booked' },
  [BankImportErrorCode.NotOpen]: { status: HttpStatus.CONFLICT, title: 'The entry has been resolved already' },
};

export class BankImportException extends ProblemException {
  constructor(code: BankImportErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const { status, title } = PROBLEMS[code];
    super(status, code, title, detail, extensions);
  }

  /** A problem with the uploaded file, said beside the file field (and where in it, when known). */
  static inFile(code: BankImportErrorCode, message: string, where: { line?: number | null; column?: number | null } = {}): BankImportException {
    return new BankImportException(code, message, { line: where.line ?? null, column: where.column ?? null, errors: [{ field: 'content', message }] });
  }
}
