// Problems that once were built inline keep their wire form (status, type, title).
import { SellerErrorCode, SellerException } from './billing.errors';
import { InvoiceDocumentProblem } from './invoice-document.errors';
import { ReminderErrorCode, ReminderProblem } from './reminders.errors';

const wire = (problem: { toBody: () => object }) => {
  const { type, title, status } = problem.toBody() as { type: string; title: string; status: number };
  return [status, type.replace('https://rekisteri.dev/problems/', ''), title];
};

describe('billing problems', () => {
  it.each([
    [new SellerException(SellerErrorCode.StaleVersion), [409, 'stale-version', 'Conflict']],
    [new ReminderProblem(ReminderErrorCode.InvoiceChanged), [409, 'invoice-changed', 'Conflict']],
    [new ReminderProblem(ReminderErrorCode.SettingsStale), [409, 'stale-version', 'Conflict']],
    [ReminderProblem.notIssued(), [409, 'invoice-not-issued', 'A draft is not owed yet']],
    [ReminderProblem.notAnInvoice(), [409, 'not-an-invoice', 'A credit note is not paid']],
    [ReminderProblem.paid(), [409, 'invoice-paid', 'The invoice is paid']],
    [ReminderProblem.credited(), [409, 'invoice-credited', 'The invoice is credited']],
    [ReminderProblem.notDue('2026-12-01'), [409, 'invoice-not-overdue', 'The invoice is not overdue']],
    [ReminderProblem.noEmail(), [422, 'customer-has-no-email', 'The customer has no e-mail address']],
    [InvoiceDocumentProblem.notIssued(), [409, 'invoice-not-issued', 'A draft has no document yet']],
    [InvoiceDocumentProblem.noPaymentAccount(), [409, 'payment-account-missing', 'The seller has no account to be paid to']],
    [InvoiceDocumentProblem.notCompany(), [422, 'not-a-company-customer', 'Finvoice is for company customers']],
    [InvoiceDocumentProblem.noEmail(), [409, 'customer-has-no-email', 'The customer has no e-mail address']],
  ])('%#: answers as it did when built inline', (problem, expected) => {
    expect(wire(problem)).toEqual(expected);
  });

  it('keeps the due date beside the reason a reminder is early', () => {
    expect(ReminderProblem.notDue('2026-12-01').toBody()).toMatchObject({ dueDate: '2026-12-01', detail: 'It falls due on 2026-12-01: a reminder can be sent from the day after.' });
  });
});
