// Failures of billing, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, ProblemException } from '@app/core';

export enum BillingErrorCode {
  NotDraft = 'invoice-not-draft',
  NotPayable = 'invoice-not-payable',
  Overpayment = 'overpayment',
  NotCreditable = 'invoice-not-creditable',
  UnknownVatRate = 'unknown-vat-rate',
  NegativeTotal = 'negative-total',
  CustomerIncomplete = 'customer-incomplete',
  StaleVersion = 'stale-version',
  PaymentReversed = 'payment-already-reversed',
}

export class BillingException extends ProblemException {
  constructor(code: BillingErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const [status, title] = BillingException.describe(code);
    super(status, code, title, detail, extensions);
  }

  private static describe(code: BillingErrorCode): [HttpStatus, string] {
    switch (code) {
      case BillingErrorCode.NotDraft:
        return [HttpStatus.CONFLICT, 'Only a draft can be changed or issued'];
      case BillingErrorCode.NotPayable:
        return [HttpStatus.CONFLICT, 'Payments are recorded only on issued, unpaid invoices'];
      case BillingErrorCode.Overpayment:
        return [HttpStatus.CONFLICT, 'The payment is larger than what is outstanding'];
      case BillingErrorCode.NotCreditable:
        return [HttpStatus.CONFLICT, 'Only an issued invoice that is not yet credited can be credited'];
      case BillingErrorCode.UnknownVatRate:
        return [HttpStatus.BAD_REQUEST, 'That VAT rate is not in force on the invoice date'];
      case BillingErrorCode.NegativeTotal:
        return [HttpStatus.BAD_REQUEST, 'An invoice cannot total less than zero; issue a credit note instead'];
      case BillingErrorCode.CustomerIncomplete:
        return [HttpStatus.CONFLICT, 'The customer has no billing address; an invoice must name the buyer and their address'];
      case BillingErrorCode.StaleVersion:
        return [HttpStatus.CONFLICT, 'The draft has changed since you read it'];
      case BillingErrorCode.PaymentReversed:
        return [HttpStatus.CONFLICT, 'The payment has been reversed already'];
      default:
        return assertUnreachable(code);
    }
  }
}
