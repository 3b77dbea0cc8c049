// The owner's correction of a payment recorded by mistake: reversed with a reason, never deleted. The payment
// stays in the list, marked reversed; the invoice's paid sum and status follow (the API decides).
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { type Invoice, useReversePayment } from './queries';
import { ReasonForm } from './ReasonForm';

export function ReversePayment({ tenant, invoice, paymentId, label, onReversed }: { tenant: string; invoice: Invoice; paymentId: string; label: string; onReversed: () => void }) {
  const t = useT();
  const reverse = useReversePayment(tenant, invoice.id);
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button variant="quiet" aria-label={label} onPress={() => setOpen(true)}>
        {t('invoices.reverse.start')}
      </Button>
    );
  }
  return (
    <ReasonForm
      label={t('invoices.reverse.reason')}
      description={t('invoices.reverse.reasonHelp')}
      submitLabel={t('invoices.reverse.submit')}
      error={reverse.error}
      isPending={reverse.isPending}
      onSubmit={(reason) => reverse.mutate({ paymentId, reason }, { onSuccess: onReversed })}
      onEdit={() => reverse.reset()}
      onCancel={() => (setOpen(false), reverse.reset())}
    />
  );
}
