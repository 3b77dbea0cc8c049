// Cancelling an issued invoice with a credit note, which says why. The invoice itself is kept, never deleted.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { ApiError, fieldErrors } from '../../api/problem';
import { paths } from '../../app/paths';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Notice } from '../../ui/Notice';
import { TextAreaField } from './fields';
import { type Invoice, useCreditInvoice } from './queries';
import styles from './invoices.module.css';

export function CreditForm({ tenant, invoice }: { tenant: string; invoice: Invoice }) {
  const t = useT();
  const navigate = useNavigate();
  const credit = useCreditInvoice(tenant, invoice.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const refused = credit.error instanceof ApiError && !!fieldErrors(credit.error, ['reason'] as const).byField.reason;
  const reasonError = tooShort || refused ? t('invoices.error.reason') : undefined;

  if (!open) {
    return (
      <div className={styles.actions}>
        <Button onPress={() => setOpen(true)}>{t('invoices.credit.start')}</Button>
      </div>
    );
  }
  const submit = () => {
    if (reason.trim().length < 3) return setTooShort(true);
    credit.mutate(reason.trim(), {
      onSuccess: (note) => void navigate(paths.invoice(tenant, note.id), { state: { notice: 'credited' } }),
    });
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
      <Notice tone="info" live={false}>
        <p>{t('invoices.credit.explain')}</p>
      </Notice>
      {credit.error && !reasonError && <ErrorState error={credit.error} />}
      <TextAreaField
        label={t('invoices.credit.reason')}
        description={t('invoices.credit.reasonHelp')}
        isRequired
        minLength={3}
        maxLength={500}
        autoFocus
        value={reason}
        onChange={(value) => {
          setReason(value);
          setTooShort(false);
          credit.reset();
        }}
        errorMessage={reasonError}
      />
      <div className={styles.actions}>
        <Button type="submit" variant="danger" isPending={credit.isPending}>
          {t('invoices.credit.submit')}
        </Button>
        <Button variant="quiet" onPress={() => (setOpen(false), credit.reset())}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}
