// Cancelling an issued invoice with a credit note, which says why. The invoice itself is kept, never deleted.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { paths } from '../../app/paths';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { type Invoice, useCreditInvoice } from './queries';
import { ReasonForm } from './ReasonForm';
import styles from './invoices.module.css';

export function CreditForm({ tenant, invoice }: { tenant: string; invoice: Invoice }) {
  const t = useT();
  const navigate = useNavigate();
  const credit = useCreditInvoice(tenant, invoice.id);
  const [open, setOpen] = useState(false);

  if (!open) {
    return (
      <div className={styles.actions}>
        <Button onPress={() => setOpen(true)}>{t('invoices.credit.start')}</Button>
      </div>
    );
  }
  return (
    <ReasonForm
      label={t('invoices.credit.reason')}
      description={t('invoices.credit.reasonHelp')}
      submitLabel={t('invoices.credit.submit')}
      error={credit.error}
      isPending={credit.isPending}
      onSubmit={(reason) => credit.mutate(reason, { onSuccess: (note) => void navigate(paths.invoice(tenant, note.id), { state: { notice: 'credited' } }) })}
      onEdit={() => credit.reset()}
      onCancel={() => (setOpen(false), credit.reset())}
    >
      <Notice tone="info" live={false}>
        <p>{t('invoices.credit.explain')}</p>
      </Notice>
    </ReasonForm>
  );
}
