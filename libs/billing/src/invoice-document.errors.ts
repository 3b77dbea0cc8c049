// Why an invoice document cannot be made or sent, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '@app/core';

export class InvoiceDocumentProblem extends ProblemException {
  static notIssued() {
    return new InvoiceDocumentProblem(HttpStatus.CONFLICT, 'invoice-not-issued', 'A draft has no document yet', 'Issue the invoice first: a draft has no number, due date or reference.');
  }

  static noPaymentAccount() {
    return new InvoiceDocumentProblem(HttpStatus.CONFLICT, 'payment-account-missing', 'The seller has no account to be paid to', "Set the IBAN and BIC in the register settings' seller details first.");
  }

  static notCompany() {
    return new InvoiceDocumentProblem(HttpStatus.UNPROCESSABLE_ENTITY, 'not-a-company-customer', 'Finvoice is for company customers', 'The buyer has no business ID: send the PDF instead.');
  }

  static noEmail() {
    return new InvoiceDocumentProblem(HttpStatus.CONFLICT, 'customer-has-no-email', 'The customer has no e-mail address', 'Add an e-mail address to the customer, or download the PDF and deliver it otherwise.');
  }
}
