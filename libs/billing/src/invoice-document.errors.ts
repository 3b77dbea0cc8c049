// Why an invoice document cannot be made or sent, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { ProblemException, type ProblemTable } from '@app/core';

export enum InvoiceDocumentErrorCode {
  NotIssued = 'invoice-not-issued',
  NoPaymentAccount = 'payment-account-missing',
  NotCompany = 'not-a-company-customer',
  NoEmail = 'customer-has-no-email',
}

const PROBLEMS: ProblemTable<InvoiceDocumentErrorCode> = {
  [InvoiceDocumentErrorCode.NotIssued]: { status: HttpStatus.CONFLICT, title: 'A draft has no document yet' },
  [InvoiceDocumentErrorCode.NoPaymentAccount]: { status: HttpStatus.CONFLICT, title: 'The seller has no account to be paid to' },
  [InvoiceDocumentErrorCode.NotCompany]: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Finvoice is for company customers' },
  [InvoiceDocumentErrorCode.NoEmail]: { status: HttpStatus.CONFLICT, title: 'The customer has no e-mail address' },
};

export class InvoiceDocumentProblem extends ProblemException {
  constructor(code: InvoiceDocumentErrorCode, detail?: string) {
    const { status, title } = PROBLEMS[code];
    super(status, code, title, detail);
  }

  static notIssued() {
    return new InvoiceDocumentProblem(InvoiceDocumentErrorCode.NotIssued, 'Issue the invoice first: a draft has no number, due date or reference.');
  }

  static noPaymentAccount() {
    return new InvoiceDocumentProblem(InvoiceDocumentErrorCode.NoPaymentAccount, "Set the IBAN and BIC in the register settings' seller details first.");
  }

  static notCompany() {
    return new InvoiceDocumentProblem(InvoiceDocumentErrorCode.NotCompany, 'The buyer has no business ID: send the PDF instead.');
  }

  static noEmail() {
    return new InvoiceDocumentProblem(InvoiceDocumentErrorCode.NoEmail, 'Add an e-mail address to the customer, or download the PDF and deliver it otherwise.');
  }
}
