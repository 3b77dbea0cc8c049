// Recording a payment: the amount in euros (the outstanding sum to start with), the day it was paid (today to
// start with; the API refuses a day in the future or before the invoice's date), and a reference if any.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { ApiError, fieldErrors } from '../../api/problem';
import { useLocale } from '../../app/providers';
import { formatDate, formatMoney } from '../../i18n/format';
import type { Locale } from '../../i18n/locale';
import { type MessageId, useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { TextField } from '../../ui/TextField';
import { centsToInput, parseEuros } from './amounts';
import { todayInFinland } from './dates';
import { type Invoice, useRecordPayment } from './queries';
import styles from './invoices.module.css';

type Field = 'amount' | 'paidOn' | 'reference';

export function PaymentForm({ tenant, invoice, onRecorded }: { tenant: string; invoice: Invoice; onRecorded: (cents: number, invoice: Invoice) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const pay = useRecordPayment(tenant, invoice.id);
  const [amount, setAmount] = useState(() => centsToInput(invoice.outstandingCents, locale));
  const [paidOn, setPaidOn] = useState(todayInFinland);
  const [reference, setReference] = useState('');
  const [clientError, setClientError] = useState<MessageId | null>(null);
  const [dateMissing, setDateMissing] = useState(false);
  const [edited, setEdited] = useState<{ error: unknown; fields: Set<Field> }>({ error: null, fields: new Set() });
  const editedFields = edited.error === pay.error ? edited.fields : new Set<Field>();
  const edit = (field: Field) => setEdited({ error: pay.error, fields: new Set(editedFields).add(field) });

  const errors = serverErrors(pay.error, invoice, paidOn, locale, t);
  const shown = (field: Field) => (editedFields.has(field) ? undefined : errors[field]);
  const explained = Object.keys(errors).length > 0;

  const submit = () => {
    const cents = parseEuros(amount);
    setClientError(cents === null ? 'invoices.error.amountFormat' : null);
    setDateMissing(!paidOn);
    if (cents === null || !paidOn) return;
    pay.mutate(
      { amountCents: cents, paidOn, reference: reference.trim() || undefined },
      {
        onSuccess: (paid) => {
          onRecorded(cents, paid);
          setAmount(centsToInput(paid.outstandingCents, locale));
          setReference('');
        },
      },
    );
  };

  return (
    <Form
      // Checked here and by the server, not by the browser: its refusals linger after the field is fixed.
      validationBehavior="aria"
      className={styles.smallForm}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {pay.error && !explained && <ErrorState error={pay.error} onRetry={submit} />}
      <div className={styles.paymentGrid}>
        <TextField
          label={t('invoices.payment.amount')}
          description={t('invoices.payment.amountHelp', { outstanding: formatMoney(invoice.outstandingCents, locale) })}
          inputMode="decimal"
          autoComplete="off"
          isRequired
          value={amount}
          onChange={(value) => (setAmount(value), edit('amount'), setClientError(null))}
          errorMessage={clientError ? t(clientError) : shown('amount')}
        />
        <TextField
          label={t('invoices.payment.paidOn')}
          type="date"
          isRequired
          value={paidOn}
          onChange={(value) => (setPaidOn(value), edit('paidOn'), setDateMissing(false))}
          errorMessage={dateMissing ? t('invoices.error.paidOn') : shown('paidOn')}
        />
        <TextField
          label={t('invoices.payment.reference')}
          description={t('invoices.payment.referenceHelp')}
          autoComplete="off"
          maxLength={100}
          value={reference}
          onChange={(value) => (setReference(value), edit('reference'))}
          errorMessage={shown('reference')}
        />
      </div>
      <div className={styles.actions}>
        <Button type="submit" variant="primary" isPending={pay.isPending}>
          {t('invoices.payment.submit')}
        </Button>
      </div>
    </Form>
  );
}

/** The API's refusals beside the fields they concern, in the user's language. */
function serverErrors(error: unknown, invoice: Invoice, paidOn: string, locale: Locale, t: ReturnType<typeof useT>): Partial<Record<Field, string>> {
  if (!(error instanceof ApiError)) return {};
  if (error.code === 'overpayment') {
    const outstanding = typeof error.problem?.outstandingCents === 'number' ? error.problem.outstandingCents : invoice.outstandingCents;
    return { amount: t('invoices.error.overpayment', { outstanding: formatMoney(outstanding, locale) }) };
  }
  const { byField } = fieldErrors(error, ['amountCents', 'paidOn', 'reference'] as const);
  const result: Partial<Record<Field, string>> = {};
  if (byField.amountCents) result.amount = t('invoices.error.amount');
  if (byField.paidOn) {
    // The server decided; the client says why in words, from what it knows of the dates.
    if (paidOn > todayInFinland()) result.paidOn = t('invoices.error.paidOnFuture');
    else if (invoice.issueDate && paidOn < invoice.issueDate) result.paidOn = t('invoices.error.paidOnEarly', { date: formatDate(invoice.issueDate, locale) });
    else result.paidOn = t('invoices.error.paidOn');
  }
  if (byField.reference) result.reference = t('invoices.error.reference');
  return result;
}
