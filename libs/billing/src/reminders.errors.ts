// Why a payment reminder cannot be sent for an invoice, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '@app/core';

export class ReminderProblem extends ProblemException {
  static notIssued() {
    return new ReminderProblem(HttpStatus.CONFLICT, 'invoice-not-issued', 'A draft is not owed yet', 'Only an issued invoice past its due date can be reminded of.');
  }

  static notAnInvoice() {
    return new ReminderProblem(HttpStatus.CONFLICT, 'not-an-invoice', 'A credit note is not paid', 'Reminders are for invoices, not credit notes.');
  }

  static paid() {
    return new ReminderProblem(HttpStatus.CONFLICT, 'invoice-paid', 'The invoice is paid', 'Nothing is owed on it, so there is nothing to remind of.');
  }

  static credited() {
    return new ReminderProblem(HttpStatus.CONFLICT, 'invoice-credited', 'The invoice is credited', 'A credit note cancels it: nothing is owed.');
  }

  static notDue(dueDate: string) {
    return new ReminderProblem(HttpStatus.CONFLICT, 'invoice-not-overdue', 'The invoice is not overdue', `It falls due on ${dueDate}: a reminder can be sent from the day after.`, { dueDate });
  }

  static noEmail() {
    return new ReminderProblem(HttpStatus.UNPROCESSABLE_ENTITY, 'customer-has-no-email', 'The customer has no e-mail address', 'Add an e-mail address to the customer, or remind them otherwise.');
  }
}
