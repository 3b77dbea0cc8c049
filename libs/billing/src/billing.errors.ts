// Failures of billing, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { ProblemException, type ProblemTable } from '@app/core';

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

const PROBLEMS: ProblemTable<BillingErrorCode> = {
  [BillingErrorCode.NotDraft]: { status: HttpStatus.CONFLICT, title: 'Only a draft can be changed or issued' },
  [BillingErrorCode.NotPayable]: { status: HttpStatus.CONFLICT, title: 'Payments are recorded only on issued, unpaid invoices' },
  [BillingErrorCode.Overpayment]: { status: HttpStatus.CONFLICT, title: 'The payment is larger than what is outstanding' },
  [BillingErrorCode.NotCreditable]: { status: HttpStatus.CONFLICT, title: 'Only an issued invoice that is not yet credited can be credited' },
  [BillingErrorCode.UnknownVatRate]: { status: HttpStatus.BAD_REQUEST, title: 'That VAT rate is not in force on the invoice date' },
  [BillingErrorCode.NegativeTotal]: { status: HttpStatus.BAD_REQUEST, title: 'An invoice cannot total less than zero; issue a credit note instead' },
  [BillingErrorCode.CustomerIncomplete]: { status: HttpStatus.CONFLICT, title: 'The customer has no billing address; an invoice must name the buyer and their address' },
  [BillingErrorCode.StaleVersion]: { status: HttpStatus.CONFLICT, title: 'The draft has changed since you read it' },
  [BillingErrorCode.PaymentReversed]: { status: HttpStatus.CONFLICT, title: 'The payment has been reversed already' },
};

/** The seller's details (the tenant's legal identity on its invoices). */
export enum SellerErrorCode {
  StaleVersion = 'stale-version',
}

// It has always answered with the generic title.
const SELLER_PROBLEMS: ProblemTable<SellerErrorCode> = {
  [SellerErrorCode.StaleVersion]: { status: HttpStatus.CONFLICT, title: 'Conflict' },
};

export class SellerException extends ProblemException {
  constructor(code: SellerErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const { status, title } = SELLER_PROBLEMS[code];
    super(status, code, title, detail, extensions);
  }
}

export class BillingException extends ProblemException {
  constructor(code: BillingErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const { status, title } = PROBLEMS[code];
    super(status, code, title, detail, extensions);
  }
}
