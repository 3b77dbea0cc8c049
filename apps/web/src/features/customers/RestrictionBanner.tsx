// A customer whose processing is restricted (GDPR Art. 18): a banner on their page says since when and why, and
// that the record is only stored (no edits, invoices or marketing meanwhile). The owner lifts it with a reason in
// a dialog that holds the focus until answered; the API tells the person first (Art. 18(3)), by e-mail, or the
// owner says how they told the person when the register holds no address.
import { useState } from 'react';
import { Dialog, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useLocale } from '../../app/providers';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Notice } from '../../ui/Notice';
import { TextField } from '../../ui/TextField';
import { TextAreaField } from '../invoices/fields';
import { type Customer, useLiftRestriction } from './queries';
import dialog from '../../ui/Dialog.module.css';

export function RestrictionBanner({ tenant, customer, canLift, onLifted }: { tenant: string; customer: Customer; canLift: boolean; onLifted: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [lifting, setLifting] = useState(false);
  const restriction = customer.restriction;
  if (!restriction) return null;
  return (
    <>
      <Notice
        tone="warning"
        live={false}
        title={t('customer.restriction.title')}
        actions={
          canLift && (
            <Button onPress={() => setLifting(true)}>{t('customer.restriction.lift')}</Button>
          )
        }
      >
        <p>{t('customer.restriction.since', { date: formatDate(restriction.since, locale) })}</p>
        <p>{t('customer.restriction.reason', { reason: restriction.reason })}</p>
        <p>{t('customer.restriction.effect')}</p>
      </Notice>
      {lifting && <LiftDialog tenant={tenant} customer={customer} onClose={(done) => (setLifting(false), done && onLifted())} />}
    </>
  );
}

function LiftDialog({ tenant, customer, onClose }: { tenant: string; customer: Customer; onClose: (done: boolean) => void }) {
  const t = useT();
  const lift = useLiftRestriction(tenant, customer.id);
  const [reason, setReason] = useState('');
  const [told, setTold] = useState('');
  const [errors, setErrors] = useState<{ reason?: boolean; told?: boolean }>({});
  const noEmail = !customer.email;
  const submit = () => {
    const next = { reason: reason.trim().length < 3, told: noEmail && told.trim().length < 3 };
    setErrors(next);
    if (next.reason || next.told) return;
    lift.mutate({ reason: reason.trim(), ...(noEmail ? { toldOtherwise: told.trim() } : {}) }, { onSuccess: () => onClose(true) });
  };
  return (
    <ModalOverlay isOpen isDismissable isKeyboardDismissDisabled={false} onOpenChange={(open) => !open && onClose(false)} className={dialog.overlay}>
      <Modal className={dialog.modal}>
        <Dialog role="alertdialog" className={dialog.dialog}>
          <Heading slot="title" className={dialog.title}>
            {t('customer.restriction.liftTitle')}
          </Heading>
          <p>{t(noEmail ? 'customer.restriction.liftBodyNoEmail' : 'customer.restriction.liftBody', { email: customer.email ?? '' })}</p>
          <Form
            validationBehavior="aria"
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            {lift.error && <ErrorState error={lift.error} />}
            <TextAreaField
              name="reason"
              label={t('customer.restriction.liftReason')}
              description={t('customer.restriction.liftReasonHelp')}
              isRequired
              minLength={3}
              maxLength={1500}
              value={reason}
              onChange={(value) => (setReason(value), setErrors((e) => ({ ...e, reason: false })))}
              errorMessage={errors.reason ? t('customer.restriction.liftReasonError') : undefined}
            />
            {noEmail && (
              <TextField
                name="toldOtherwise"
                label={t('customer.restriction.toldOtherwise')}
                isRequired
                minLength={3}
                maxLength={400}
                value={told}
                onChange={(value) => (setTold(value), setErrors((e) => ({ ...e, told: false })))}
                errorMessage={errors.told ? t('customer.restriction.toldOtherwiseError') : undefined}
              />
            )}
            <div className={dialog.actions}>
              <Button type="submit" variant="primary" isPending={lift.isPending}>
                {t('customer.restriction.liftConfirm')}
              </Button>
              <Button autoFocus onPress={() => onClose(false)}>
                {t('common.cancel')}
              </Button>
            </div>
          </Form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
