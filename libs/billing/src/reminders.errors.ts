// Why a payment reminder cannot be sent for an invoice, or its settings not saved, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { ProblemException, type ProblemTable } from '@app/core';

export enum ReminderErrorCode {
  NotIssued = 'invoice-not-issued',
  NotAnInvoice = 'not-an-invoice',
  Paid = 'invoice-paid',
  Credited = 'invoice-credited',
  NotOverdue = 'invoice-not-overdue',
  NoEmail = 'customer-has-no-email',
  InvoiceChanged = 'invoice-changed',
  SettingsStale = 'stale-version',
}

const PROBLEMS: ProblemTable<ReminderErrorCode> = {
  [ReminderErrorCode.NotIssued]: { status: HttpStatus.CONFLICT, title: 'A draft is not owed yet' },
  [ReminderErrorCode.NotAnInvoice]: { status: HttpStatus.CONFLICT, title: 'A credit note is not paid' },
  [ReminderErrorCode.Paid]: { status: HttpStatus.CONFLICT, title: 'The invoice is paid' },
  [ReminderErrorCode.Credited]: { status: HttpStatus.CONFLICT, title: 'The invoice is credited' },
  [ReminderErrorCode.NotOverdue]: { status: HttpStatus.CONFLICT, title: 'The invoice is not overdue' },
  [ReminderErrorCode.NoEmail]: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'The customer has no e-mail address' },
  // These two have always answered with the generic title.
  [ReminderErrorCode.InvoiceChanged]: { status: HttpStatus.CONFLICT, title: 'Conflict' },
  [ReminderErrorCode.SettingsStale]: { status: HttpStatus.CONFLICT, title: 'Conflict' },
};

export class ReminderProblem extends ProblemException {
  constructor(code: ReminderErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const { status, title } = PROBLEMS[code];
    super(status, code, title, detail, extensions);
  }

  static notIssued() {
    return new ReminderProblem(ReminderErrorCode.NotIssued, 'Only an issued invoice past its due date can be reminded of.');
  }

  static notAnInvoice() {
    return new ReminderProblem(ReminderErrorCode.NotAnInvoice, 'Reminders are for invoices, not credit notes.');
  }

  static paid() {
    return new ReminderProblem(ReminderErrorCode.Paid, 'Nothing is owed on it, so there is nothing to remind of.');
  }

  static credited() {
    return new ReminderProblem(ReminderErrorCode.Credited, 'A credit note cancels it: nothing is owed.');
  }

  static notDue(dueDate: string) {
    return new ReminderProblem(ReminderErrorCode.NotOverdue, `It falls due on ${dueDate}: a reminder can be sent from the day after.`, { dueDate });
  }

  static noEmail() {
    return new ReminderProblem(ReminderErrorCode.NoEmail, 'Add an e-mail address to the customer, or remind them otherwise.');
  }
}
