// Failures of leaving the platform, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { ProblemException, type ProblemTable } from '@app/core';

export enum LeavingErrorCode {
  AlreadyRequested = 'leave-already-requested',
  NotRequested = 'leave-not-requested',
}

// Both have always answered with the generic title.
const PROBLEMS: ProblemTable<LeavingErrorCode> = {
  [LeavingErrorCode.AlreadyRequested]: { status: HttpStatus.CONFLICT, title: 'Conflict' },
  [LeavingErrorCode.NotRequested]: { status: HttpStatus.CONFLICT, title: 'Conflict' },
};

export class LeavingException extends ProblemException {
  constructor(code: LeavingErrorCode, detail?: string) {
    const { status, title } = PROBLEMS[code];
    super(status, code, title, detail);
  }
}
