// The owner's correction of a payment recorded by mistake: reversed with a reason, never deleted. The payment
// stays in the list, marked reversed; the invoice's paid sum and status follow (the API decides).
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { ApiError, fieldErrors } from '../../api/problem';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { TextAreaField } from './fields';
import { type Invoice, useReversePayment } from './queries';
import styles from './invoices.module.css';

export function ReversePayment({ tenant, invoice, paymentId, label, onReversed }: { tenant: string; invoice: Invoice; paymentId: string; label: string; onReversed: () => void }) {
  const t = useT();
  const reverse = useReversePayment(tenant, invoice.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const refused = reverse.error instanceof ApiError && !!fieldErrors(reverse.error, ['reason'] as const).byField.reason;
  const reasonError = tooShort || refused ? t('invoices.error.reason') : undefined;

  if (!open) {
    return (
      <Button variant="quiet" aria-label={label} onPress={() => setOpen(true)}>
        {t('invoices.reverse.start')}
      </Button>
    );
  }
  const submit = () => {
    if (reason.trim().length < 3) return setTooShort(true);
    reverse.mutate({ paymentId, reason: reason.trim() }, { onSuccess: onReversed });
  };
  return (
    <Form
      validationBehavior="aria"
      className={styles.smallForm}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {reverse.error && !reasonError && <ErrorState error={reverse.error} />}
      <TextAreaField
        label={t('invoices.reverse.reason')}
        description={t('invoices.reverse.reasonHelp')}
        isRequired
        minLength={3}
        maxLength={500}
        autoFocus
        value={reason}
        onChange={(value) => {
          setReason(value);
          setTooShort(false);
          reverse.reset();
        }}
        errorMessage={reasonError}
      />
      <div className={styles.actions}>
        <Button type="submit" variant="danger" isPending={reverse.isPending}>
          {t('invoices.reverse.submit')}
        </Button>
        <Button variant="quiet" onPress={() => (setOpen(false), reverse.reset())}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}
